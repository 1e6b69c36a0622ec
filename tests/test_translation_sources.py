"""What a translation is made from and what its page says of its original: "Translate" starts
from the original's published copy (never a draft in progress on it), and the German page's
"The English version was updated on …" gives the date the original's content last changed."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from django.utils import timezone

from conditions.drafts import condition_save
from conditions.models import Author, Condition, Publication
from conditions.services import WorkflowRefused
from conditions.translations import translation_start
from tests.bulk import make_conditions
from tests.html_text import visible_text
from tests.translations import GERMAN, change_original, make_original, make_translation


def save_draft(condition: Condition, *, by, **values) -> None:
    condition = Condition.objects.get(pk=condition.pk)
    condition_save(
        condition=condition,
        values=values,
        sections=[{"id": s.pk, "heading": "Draft heading"} for s in condition.sections.all()],
        by=by,
        seen_edit_version=condition.edit_version,
        comment="A draft in progress.",
    )


def original_updated_at(translation: Condition) -> str:
    return Publication.objects.get(condition=translation).payload["original"]["updated_at"]


def test_translate_starts_from_the_published_copy_not_the_draft_in_progress(editor):
    original = make_original(lead="The published lead.")
    published = Publication.objects.get(condition=original)
    save_draft(original, by=editor, lead="A draft nobody reviewed yet.", title="Draft title")

    translation, made = translation_start(original=original, language="de", by=editor)

    assert made
    assert translation.lead == "The published lead."
    assert translation.title == "Leg cramps"
    assert [s.heading for s in translation.sections.all()] == ["Symptoms"]
    assert translation.original_revision == published.content_revision
    assert Condition.objects.get(pk=original.pk).lead == "A draft nobody reviewed yet."


def test_a_copy_that_names_no_version_is_not_translated_from_the_draft_in_progress(editor):
    """A copy published before versions were recorded: its date cannot tell which saved version
    it is (rewrites move it), so the editor is told what to do and nothing is made."""
    original = make_original(lead="The published lead.")
    Publication.objects.filter(condition=original).update(version_id=None)
    save_draft(original, by=editor, lead="A draft nobody reviewed yet.")
    Publication.objects.filter(condition=original).update(content_changed_at=timezone.now())

    with pytest.raises(WorkflowRefused, match="Publish the original again"):
        translation_start(original=original, language="de", by=editor)

    assert not Condition.objects.filter(language="de").exists()


def test_a_bulk_imported_copy_names_its_version_and_is_translated_from_it(editor):
    (original,) = make_conditions(1)
    assert Publication.objects.get(condition=original).version_id is not None
    save_draft(original, by=editor, lead="A draft nobody reviewed yet.")

    translation, _ = translation_start(original=original, language="de", by=editor)

    assert translation.lead == original.lead  # as imported and published, not the draft


def test_the_german_page_dates_the_originals_content_change(client, reviewer):
    original = make_original()
    translation = make_translation(original, by=reviewer)
    assert original_updated_at(translation) is None

    change_original(original, by=reviewer, lead="Stretch the calf before bed.")

    changed_at = Publication.objects.get(condition=original).content_changed_at
    assert original_updated_at(translation) == changed_at.isoformat()
    page = visible_text(client.get(f"/de/conditions/{GERMAN['slug']}/").content.decode())
    shown = timezone.localtime(changed_at)
    assert f"Die Fassung auf Englisch wurde am {shown.day}." in page


@override_settings(LANGUAGES=[("en", "English"), ("de", "Deutsch"), ("fr", "Français")])
def test_a_rewrite_of_the_original_without_new_content_leaves_the_date(client, reviewer):
    """Publishing a French translation writes the original's copy again (it lists the French
    page now): its content is the same, so the German page keeps the date of the last change."""
    original = make_original()
    translation = make_translation(original, by=reviewer)
    change_original(original, by=reviewer, lead="Stretch the calf before bed.")
    before = Publication.objects.get(condition=original)
    dated = original_updated_at(translation)

    translator = User.objects.create_superuser("tara", password="not-used")
    Author.objects.create(name="Dr Tara Translator", credentials="MD", user=translator)
    later = timezone.now() + datetime.timedelta(days=3)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        make_translation(original, by=translator, language="fr", slug="crampes")

    after = Publication.objects.get(condition=original)
    assert after.published_at == later  # the original's copy was written again …
    assert after.content_revision == before.content_revision  # … with the same content
    assert after.content_changed_at == before.content_changed_at
    assert original_updated_at(translation) == dated
    german = Publication.objects.get(condition=translation).payload
    assert [t["language"] for t in german["translations"]] == ["en", "fr"]
