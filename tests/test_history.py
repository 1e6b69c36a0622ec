"""Nobody's work is lost: concurrent saves are refused by name, and any version can come back."""

import json
import re

from django.core.management import call_command
from django.test import Client
from reversion.models import Version

from conditions.models import Condition
from tests.factories import make_condition
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


def restore(client, condition, version):
    """Open a version's page and press "Restore this version"."""
    url = history_url(condition) + f"{version.pk}/"
    return client.post(url, form_data(client.get(url).content.decode(), "restore-form"))


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
    response = restore(editor_client, condition, first)

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
    restore(editor_client, condition, first)

    response = editor_client.post(change_url(condition), stale)

    assert "Edith Editor changed this condition" in visible_text(response.content.decode())


def test_a_version_of_another_condition_cannot_be_restored_here(editor_client, seeded):
    dystonia = Condition.objects.get(slug=DYSTONIA)
    other = Condition.objects.exclude(pk=dystonia.pk).get()
    foreign = Version.objects.get_for_object(other).first()

    response = editor_client.post(
        history_url(dystonia) + f"{foreign.pk}/", {"edit_version": dystonia.edit_version}
    )

    assert response.status_code == 404
    dystonia.refresh_from_db()
    assert dystonia.title == "Dystonia and medic cannabis"


def test_history_is_for_staff_only(seeded):
    condition = Condition.objects.get(slug=DYSTONIA)
    response = Client().get(history_url(condition))
    assert response.status_code == 302
    assert json.dumps(response["Location"]).startswith('"/admin/login/')


def test_a_restore_opened_before_someone_elses_save_is_refused(
    editor_client, reviewer_client, seeded
):
    condition = Condition.objects.get(slug=DYSTONIA)
    first = Version.objects.get_for_object(condition).earliest("revision__date_created")
    save(editor_client, condition, summary="Edith's summary.")
    url = history_url(condition) + f"{first.pk}/"
    opened = form_data(editor_client.get(url).content.decode(), "restore-form")
    save(reviewer_client, condition, summary="Rui's later summary.")

    response = editor_client.post(url, opened, follow=True)

    text = visible_text(response.content.decode())
    assert "Rui Reviewer changed this condition at" in text and "Nothing was restored." in text
    condition.refresh_from_db()
    assert condition.summary == "Rui's later summary."


def test_linking_from_one_page_refuses_forms_open_on_the_other(editor_client, reviewer_client, db):
    """A link is stored on both pages, so it changes both."""
    one = make_condition(title="One", slug="one")
    two = make_condition(title="Two", slug="two", related=[one])
    opened_on_one = change_form(editor_client, one)

    data = change_form(reviewer_client, two)
    data["related"] = []
    assert reviewer_client.post(change_url(two), data).status_code == 302
    response = editor_client.post(change_url(one), opened_on_one)

    assert "Rui Reviewer changed this condition" in visible_text(response.content.decode())
    assert not one.related.exists()


def test_recovering_through_reversion_is_switched_off(reviewer_client, seeded):
    """It would revert several conditions at once and reset their review dates."""
    version = Version.objects.get_for_model(Condition).first()
    for url in ("recover/", f"recover/{version.pk}/"):
        assert reviewer_client.get(f"/admin/conditions/condition/{url}").status_code in (302, 404)
    assert "recover" not in reviewer_client.get("/admin/conditions/condition/").content.decode()


def test_ids_that_are_not_numbers_are_404_not_errors(editor_client, seeded):
    condition = Condition.objects.get(slug=DYSTONIA)
    for url in (
        f"{condition.pk}/history/compare/?from=abc&to=1",
        f"{condition.pk}/history/compare/",
        "abc/history/",
        "abc/history/1/",
        f"{condition.pk}/history/abc/",
        "abc/preview/",
    ):
        assert editor_client.get(f"/admin/conditions/condition/{url}").status_code in (302, 404), (
            url
        )
