"""Translations as their own reviewed records: made from the published original, published by
reviewers of their language, served only to readers of that language, and flagged when the
original changes."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from conditions.models import Condition
from conditions.services import WorkflowRefused
from conditions.translations import translation_start
from tests.factories import make_condition
from tests.html_text import visible_text
from tests.translations import (
    GERMAN,
    change_original,
    make_original,
    make_translation,
    publish_again,
)
from tests.workflow import change_form, change_url


def translate_url(condition) -> str:
    return f"/admin/conditions/condition/{condition.pk}/translate/"


def hreflangs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_translate_makes_a_draft_from_the_published_original(editor, db):
    original = make_original()

    translation, made = translation_start(original=original, language="de", by=editor)

    assert made
    assert (translation.language, translation.original, translation.status) == (
        "de",
        original,
        Condition.Status.DRAFT,
    )
    assert translation.title == original.title and translation.lead == original.lead
    assert [s.heading for s in translation.sections.all()] == ["Symptoms"]
    assert [s.url for s in translation.sources.all()] == [
        "https://www.nhs.uk/conditions/leg-cramps/"
    ]
    assert translation.original_revision == original.publication.content_revision
    assert translation.original_payload["lead_html"] == original.publication.payload["lead_html"]
    assert translation.slug == original.slug  # its own address, in its own language
    assert not translation.is_live


def test_translate_pressed_twice_makes_one_draft(editor_client, editor):
    original = make_original()

    first = editor_client.post(translate_url(original), {"language": "de"})
    second = editor_client.post(translate_url(original), {"language": "de"})

    translation = Condition.objects.get(original=original)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == change_url(translation)
    assert Condition.objects.filter(original=original).count() == 1


def test_the_database_holds_one_translation_per_language(editor):
    """What two presses at the same moment meet (translation_start then opens the first's)."""
    original = make_original()
    translation_start(original=original, language="de", by=editor)

    with pytest.raises(IntegrityError), transaction.atomic():
        Condition.objects.create(
            title="Zweite", slug="zweite", lead="Text.", language="de", original=original
        )


def test_translate_is_refused_for_a_draft_or_an_unknown_language(editor_client, editor):
    draft = make_condition(status=Condition.Status.DRAFT)
    original = make_original()

    response = editor_client.post(translate_url(draft), {"language": "de"}, follow=True)
    assert "publish it first. No translation was made." in visible_text(response.content.decode())
    with pytest.raises(WorkflowRefused, match="there are de"):
        translation_start(original=original, language="xx", by=editor)
    assert not Condition.objects.exclude(language="en").exists()


def test_the_german_page_serves_the_translation_at_its_own_address(client, reviewer):
    original = make_original()
    make_translation(original, by=reviewer)

    german = client.get(f"/de/conditions/{GERMAN['slug']}/")
    html = german.content.decode()

    assert german.status_code == 200
    assert '<html lang="de"' in html and "<h1>Krämpfe der Beine</h1>" in html
    assert "Sudden pain in the calf" not in visible_text(html)  # its sources keep their titles
    assert client.get(f"/de/conditions/{original.slug}/").status_code == 404
    assert client.get(f"/conditions/{GERMAN['slug']}/").status_code == 404
    home = visible_text(client.get("/de/").content.decode())
    assert "Krämpfe der Beine" in home and "Leg cramps" not in home
    english_home = visible_text(client.get("/").content.decode())
    assert "Leg cramps" in english_home and "Krämpfe" not in english_home


def test_the_switch_and_hreflang_lead_to_the_translation_or_the_home(client, reviewer):
    original = make_original()
    alone = make_condition(title="Tremor", slug="tremor")
    make_translation(original, by=reviewer)

    english = client.get("/conditions/leg-cramps/").content.decode()
    german = client.get(f"/de/conditions/{GERMAN['slug']}/").content.decode()
    untranslated = client.get(alone.get_absolute_url()).content.decode()

    site = "http://127.0.0.1:8000"
    both = {
        "en": f"{site}/conditions/leg-cramps/",
        "de": f"{site}/de/conditions/{GERMAN['slug']}/",
        "x-default": f"{site}/conditions/leg-cramps/",
    }
    assert hreflangs(english) == hreflangs(german) == both
    assert f'class="language-switch" href="/de/conditions/{GERMAN["slug"]}/"' in english
    assert 'class="language-switch" href="/conditions/leg-cramps/"' in german
    assert 'class="language-switch" href="/de/"' in untranslated
    assert set(hreflangs(untranslated)) == {"en", "x-default"}


def test_a_republished_original_flags_the_translation_until_it_is_published_again(
    client, reviewer, reviewer_client
):
    original = make_original()
    translation = make_translation(original, by=reviewer)
    page = f"/de/conditions/{GERMAN['slug']}/"
    assert "aktualisiert" not in client.get(page).content.decode()

    change_original(original, by=reviewer, lead="Stretch the calf **gently** before bed.")

    html = client.get(page).content.decode()
    notice = visible_text(html)
    assert "Die Fassung auf Englisch wurde am" in notice and "aktualisiert" in notice
    assert 'href="/conditions/leg-cramps/" hreflang="en"' in html
    listing = reviewer_client.get("/admin/conditions/condition/?translation=original_changed")
    assert "Krämpfe der Beine" in listing.content.decode()
    changed = visible_text(reviewer_client.get(change_url(translation)).content.decode())
    assert "Original changed" in changed and "Stretch the calf" in changed
    detail = client.get(f"/api/v1/conditions/{original.slug}/").json()
    assert detail["translations"][0]["original_changed"] is True

    publish_again(translation, by=reviewer)

    assert "aktualisiert" not in client.get(page).content.decode()
    listing = reviewer_client.get("/admin/conditions/condition/?translation=original_changed")
    assert "Krämpfe der Beine" not in listing.content.decode()
    detail = client.get(f"/api/v1/conditions/{original.slug}/").json()
    assert detail["translations"][0]["original_changed"] is False


def test_publishing_a_translation_needs_its_language(reviewer, reviewer_client):
    original = make_original()
    translation = make_translation(original, by=reviewer, published=False)
    german = Permission.objects.get(codename="publish_condition_de")
    reviewer.groups.get().permissions.remove(german)

    page = reviewer_client.get(f"/admin/conditions/condition/{translation.pk}/publish/")

    assert page.status_code == 403
    reviewer = User.objects.get(pk=reviewer.pk)  # its permissions read afresh
    with pytest.raises(PermissionDenied, match="allowed to publish pages in Deutsch"):
        publish_again(translation, by=reviewer)
    assert not Condition.objects.get(pk=translation.pk).is_live
    assert (
        reviewer_client.get(f"/admin/conditions/condition/{original.pk}/publish/").status_code
        == 200
    )


def test_an_editor_limited_to_english_cannot_translate_or_edit_german(
    editor, editor_client, reviewer
):
    original = make_original()
    translation = make_translation(original, by=reviewer, published=False)
    editor.groups.get().permissions.remove(Permission.objects.get(codename="edit_language_de"))
    other = make_original(title="Cramps", slug="cramps")

    assert editor_client.post(translate_url(other), {"language": "de"}).status_code == 403
    data = change_form(editor_client, original)  # English still open to them
    form = editor_client.get(change_url(translation)).content.decode()
    refused = editor_client.post(change_url(translation), {**data, "title": "Geändert"})

    assert 'name="title"' not in form  # read-only
    assert refused.status_code == 403
    assert Condition.objects.get(pk=translation.pk).title == GERMAN["title"]
    assert not Condition.objects.filter(original=other).exists()


def test_translate_finds_a_free_address_when_the_originals_is_taken(editor, reviewer):
    original = make_original()
    for slug in ["leg-cramps", "leg-cramps-de"]:
        other = make_original(title=f"Other {slug}", slug=f"other-{slug}")
        make_translation(other, by=reviewer, slug=slug, title=f"Andere {slug}")

    translation, made = translation_start(original=original, language="de", by=editor)

    assert made and translation.slug == "leg-cramps-de-2"


def test_a_reviewer_not_allowed_the_language_cannot_delete_its_translation(
    reviewer, reviewer_client
):
    original = make_original()
    translation = make_translation(original, by=reviewer)
    reviewer.groups.get().permissions.remove(
        Permission.objects.get(codename="publish_condition_de")
    )

    page = reviewer_client.post(
        change_url(translation).replace("/change/", "/delete/"), {"post": "yes"}
    )
    bulk = reviewer_client.post(
        "/admin/conditions/condition/",
        {"action": "delete_selected", "_selected_action": [translation.pk], "post": "yes"},
    )

    assert (page.status_code, bulk.status_code) == (403, 403)
    assert Condition.objects.get(pk=translation.pk).is_live


def test_an_editor_not_allowed_the_language_cannot_submit_its_translation(
    editor, editor_client, reviewer
):
    translation = make_translation(make_original(), by=reviewer, published=False)
    editor.groups.get().permissions.remove(Permission.objects.get(codename="edit_language_de"))

    response = editor_client.post(
        "/admin/conditions/condition/",
        {"action": "submit_for_review", "_selected_action": [translation.pk]},
        follow=True,
    )

    assert "you may not edit pages in Deutsch" in visible_text(response.content.decode())
    assert Condition.objects.get(pk=translation.pk).status == Condition.Status.DRAFT
