"""Every save of a draft goes through `condition_save`: a save that lands while another is under
way is refused whole, by name, and the editor's text is never lost."""

import pytest
from reversion.models import Version

from conditions.drafts import condition_save
from conditions.models import Condition, Section
from conditions.services import EditConflict
from tests.factories import make_condition
from tests.forms import form_data
from tests.html_text import visible_text
from tests.workflow import change_form, change_url

DYSTONIA = "dystonia-and-medical-cannabis"


def versions(condition) -> int:
    return Version.objects.get_for_object(condition).count()


def test_a_save_that_lands_after_the_form_was_checked_is_refused_on_the_form(
    editor_client, reviewer, seeded, monkeypatch
):
    """The form's own check ran before the other save committed; the save's check, under lock,
    finds it. The editor gets the form back as typed, not an error page."""
    condition = Condition.objects.get(slug=DYSTONIA)
    mine = change_form(editor_client, condition)
    condition_save(
        condition=condition,
        values={"summary": "The reviewer's summary."},
        by=reviewer,
        seen_edit_version=mine["edit_version"],
        comment="Saved first.",
    )
    # As if the form's own check had run before that save committed.
    monkeypatch.setattr("conditions.admin.forms.edit_conflict_check", lambda *a, **kw: None)
    condition.refresh_from_db()
    before = (condition.edit_version, versions(condition), list(condition.sections.values()))

    mine["summary"] = "The editor's summary."
    mine["sections-0-body"] = "The editor's new body."
    response = editor_client.post(change_url(condition), mine)

    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "Rui Reviewer changed this condition at" in text
    assert "Your changes have not been saved." in text
    shown = form_data(response.content.decode(), "condition_form")
    assert shown["summary"] == "The editor's summary."
    assert shown["sections-0-body"] == "The editor's new body."
    assert shown["edit_version"] == mine["edit_version"]  # saving again is refused again
    condition.refresh_from_db()
    assert condition.summary == "The reviewer's summary."
    after = (condition.edit_version, versions(condition), list(condition.sections.values()))
    assert after == before


def test_of_two_saves_from_the_same_reading_the_second_is_refused_and_writes_nothing(
    editor, reviewer, db
):
    other = make_condition(title="Blepharospasm", slug="blepharospasm")
    condition = make_condition(sections=[(Section.Kind.SYMPTOMS, "Symptoms", "Twitching.")])
    seen = condition.edit_version
    section = condition.sections.get()

    condition_save(
        condition=condition,
        values={"summary": "First."},
        sections=[{"id": section.pk, "body": "First body."}],
        by=editor,
        seen_edit_version=seen,
        comment="First.",
    )
    with pytest.raises(EditConflict, match="Edith Editor changed this condition at"):
        condition_save(
            condition=condition,
            values={"summary": "Second."},
            sections=[{"kind": Section.Kind.CAUSES, "heading": "Causes", "body": "Second."}],
            related=[other],
            by=reviewer,
            seen_edit_version=seen,
            comment="Second.",
        )

    condition.refresh_from_db()
    assert condition.summary == "First."
    assert list(condition.sections.values_list("pk", "body")) == [(section.pk, "First body.")]
    assert not condition.related.exists()
    assert condition.updated_by == editor
    assert condition.edit_version == seen + 1


def test_a_save_is_one_revision_with_who_and_why_and_keeps_rows_it_is_told_to(editor, db):
    condition = make_condition(
        sections=[
            (Section.Kind.SYMPTOMS, "Symptoms", "Twitching."),
            (Section.Kind.CAUSES, "Causes", "Unknown."),
        ]
    )
    kept, dropped = condition.sections.all()
    before = versions(condition)

    condition_save(
        condition=condition,
        values={"title": "Renamed"},
        sections=[
            {"id": kept.pk, "heading": "What you notice"},
            {
                "kind": Section.Kind.OTHER,
                "heading": "Living with it",
                "body": "Rest.",
                "position": 3,
            },
        ],
        by=editor,
        seen_edit_version=condition.edit_version,
        comment="Renamed and rewritten.",
    )

    assert list(condition.sections.values_list("pk", "heading", "body")) == [
        (kept.pk, "What you notice", "Twitching."),
        (condition.sections.last().pk, "Living with it", "Rest."),
    ]
    assert not Section.objects.filter(pk=dropped.pk).exists()
    assert versions(condition) == before + 1
    revision = Version.objects.get_for_object(condition).first().revision
    assert (revision.user, revision.comment) == (editor, "Renamed and rewritten.")
    saved = Version.objects.get_for_object(condition).first().field_dict
    assert saved["title"] == "Renamed"


def test_a_link_saved_on_one_page_refuses_forms_open_on_the_other(editor_client, reviewer, db):
    one = make_condition(title="One", slug="one")
    two = make_condition(title="Two", slug="two")
    opened_on_one = change_form(editor_client, one)

    condition_save(
        condition=two,
        related=[one],
        by=reviewer,
        seen_edit_version=two.edit_version,
        comment="Linked.",
    )
    response = editor_client.post(change_url(one), opened_on_one)

    assert list(one.related.all()) == [two]
    assert "Rui Reviewer changed this condition" in visible_text(response.content.decode())
