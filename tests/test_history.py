"""Nobody's work is lost: concurrent saves are refused by name, and any version can come back."""

import json
import re

from django.core.management import call_command
from django.test import Client
from reversion.models import Version

from conditions.models import Condition
from tests.forms import form_data
from tests.html_text import visible_text
from tests.workflow import change_form, change_url

DYSTONIA = "dystonia-and-medical-cannabis"


def history_url(condition):
    return f"/admin/conditions/condition/{condition.pk}/history/"


def save(client, condition, **changes):
    data = change_form(client, condition)
    data.update(changes)
    response = client.post(change_url(condition), data)
    assert response.status_code == 302, visible_text(response.content.decode())[:2000]


# --- concurrent edits ---


def test_a_form_opened_before_someone_elses_save_is_refused_naming_them(
    editor_client, reviewer_client, seeded
):
    condition = Condition.objects.get(slug=DYSTONIA)
    mine = change_form(editor_client, condition)
    save(reviewer_client, condition, summary="The reviewer's summary.")

    mine["summary"] = "The editor's summary."
    response = editor_client.post(change_url(condition), mine)

    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert re.search(r"Rui Reviewer changed this condition at \d+ \w+ \d{4}, \d\d:\d\d", text)
    assert "Your changes have not been saved." in text
    # Nothing is lost: the refused text is still in the form, the other save is kept.
    assert form_data(response.content.decode(), "condition_form")["summary"] == (
        "The editor's summary."
    )
    condition.refresh_from_db()
    assert condition.summary == "The reviewer's summary."


def test_an_import_after_the_form_was_opened_is_named_too(editor_client, seeded, tmp_path):
    condition = Condition.objects.get(slug=DYSTONIA)
    mine = change_form(editor_client, condition)
    path = tmp_path / "export.json"
    call_command("export_conditions", str(path), verbosity=0)
    call_command("import_conditions", str(path), "--replace", verbosity=0)

    response = editor_client.post(change_url(condition), mine)

    assert "An import from a file changed this condition" in visible_text(response.content.decode())


def test_saving_twice_from_fresh_forms_works(editor_client, seeded):
    condition = Condition.objects.get(slug=DYSTONIA)
    save(editor_client, condition, summary="First.")
    save(editor_client, condition, summary="Second.")
    condition.refresh_from_db()
    assert condition.summary == "Second."
    assert condition.updated_by.username == "edith"


# --- history, diff, restore ---


def test_history_lists_who_saved_and_compares_two_versions(editor_client, seeded):
    condition = Condition.objects.get(slug=DYSTONIA)
    save(editor_client, condition, summary="A first summary.")
    save(editor_client, condition, summary="A second summary.")

    history = editor_client.get(history_url(condition)).content.decode()
    text = visible_text(history)
    assert "Edith Editor" in text and "Imported from a file." in text
    choice = form_data(history)  # newest two versions are picked by default
    compare = editor_client.get(
        f"/admin/conditions/condition/{condition.pk}/history/compare/", choice
    )

    changes = visible_text(compare.content.decode())
    assert "− removed: A first summary." in changes
    assert "+ added: A second summary." in changes


def test_restoring_a_version_brings_back_its_sections_without_publishing(
    editor_client, seeded, client
):
    condition = Condition.objects.get(slug=DYSTONIA)
    original_sections = list(condition.sections.values_list("heading", "body"))
    public_before = client.get(f"/api/v1/conditions/{DYSTONIA}/").content
    first = Version.objects.get_for_object(condition).earliest("revision__date_created")

    data = change_form(editor_client, condition)
    data["sections-0-DELETE"] = "on"
    data["sections-1-body"] = "Rewritten body."
    data["title"] = "Retitled"
    save(editor_client, condition, **{k: v for k, v in data.items()})
    assert condition.sections.count() == len(original_sections) - 1

    version_page = editor_client.get(history_url(condition) + f"{first.pk}/")
    assert "+ added: Rewritten body." not in visible_text(version_page.content.decode())
    assert "− removed: Rewritten body." in visible_text(version_page.content.decode())
    response = editor_client.post(history_url(condition) + f"{first.pk}/")

    assert response.status_code == 302
    condition.refresh_from_db()
    assert condition.title == "Dystonia and medic cannabis"
    assert list(condition.sections.values_list("heading", "body")) == original_sections
    assert condition.status == Condition.Status.PUBLISHED
    assert not condition.has_unpublished_changes  # the restored draft is what patients see
    assert client.get(f"/api/v1/conditions/{DYSTONIA}/").content == public_before
    assert "Restored the version saved" in visible_text(
        editor_client.get(history_url(condition)).content.decode()
    )


def test_a_form_opened_before_a_restore_is_refused(editor_client, seeded):
    condition = Condition.objects.get(slug=DYSTONIA)
    first = Version.objects.get_for_object(condition).earliest("revision__date_created")
    save(editor_client, condition, summary="Changed.")
    stale = change_form(editor_client, condition)
    editor_client.post(history_url(condition) + f"{first.pk}/")

    response = editor_client.post(change_url(condition), stale)

    assert "Edith Editor changed this condition" in visible_text(response.content.decode())


def test_a_version_of_another_condition_cannot_be_restored_here(editor_client, seeded):
    dystonia = Condition.objects.get(slug=DYSTONIA)
    other = Condition.objects.exclude(pk=dystonia.pk).get()
    foreign = Version.objects.get_for_object(other).first()

    response = editor_client.post(history_url(dystonia) + f"{foreign.pk}/")

    assert response.status_code == 404
    dystonia.refresh_from_db()
    assert dystonia.title == "Dystonia and medic cannabis"


def test_history_is_for_staff_only(seeded):
    condition = Condition.objects.get(slug=DYSTONIA)
    response = Client().get(history_url(condition))
    assert response.status_code == 302
    assert json.dumps(response["Location"]).startswith('"/admin/login/')
