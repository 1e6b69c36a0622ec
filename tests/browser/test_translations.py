"""A translation's whole workflow in chromium, as an editor and a reviewer do it in the admin:
Translate (pressed twice), translate the text, submit, publish, the German page; then the
original is published again, and the German page and the admin say so."""

import pytest
from playwright.sync_api import expect

from tests.browser.staff_steps import STAFF_PASSWORD, log_in_to_admin
from tests.browser.test_editorial import create_reviewer

SPASMS = "severe-or-persistent-muscle-spasms"
GERMAN_SLUG = "starke-muskelkraempfe"


def create_editor(app_server, monkeypatch) -> None:
    monkeypatch.setenv("STAFF_PASSWORD", STAFF_PASSWORD)
    app_server.manage(
        "create_staff_account",
        *("--role", "editor", "--username", "edith", "--email", "edith@example.org"),
        *("--name", "Edith Editor", "--password-from-env", "STAFF_PASSWORD"),
    )


def publish(page, change_url: str) -> None:
    """The condition's publish page, with a reason if the page reads above the target."""
    page.goto(change_url.split("?")[0].replace("/change/", "/publish/"))
    reason = page.locator("#id_reading_age_reason")
    if reason.count():
        reason.fill("Reviewed as it is for a test.")
    page.click("#publish-form input[type=submit]")
    expect(page.locator(".messagelist")).to_contain_text("is published.")


@pytest.mark.every_database
def test_an_editor_translates_and_a_reviewer_publishes_then_the_original_changes(
    server_pages, browser, app_server, monkeypatch
):
    create_editor(app_server, monkeypatch)
    create_reviewer(app_server, monkeypatch)
    editor = server_pages
    log_in_to_admin(editor, app_server, username="edith")
    editor.goto(app_server.url + f"/admin/conditions/condition/?q={SPASMS}")
    editor.click("#result_list tbody th a")
    original_url = editor.url

    editor.locator(".translate-button").dblclick()  # pressed twice, quickly

    expect(editor.locator(".messagelist")).to_contain_text("A draft in Deutsch was made from")
    expect(editor.locator(".translation-of")).to_contain_text("Translation into Deutsch of")
    assert app_server.query("SELECT COUNT(*) FROM conditions_condition WHERE language = 'de'") == [
        (1,)
    ]
    expect(editor.locator("#id_title")).to_have_value("Severe or Persistent Muscle Spasms")
    editor.fill("#id_title", "Starke oder anhaltende Muskelkrämpfe")
    editor.fill("#id_slug", GERMAN_SLUG)
    editor.fill("#id_summary", "Was Sie bei starken Muskelkrämpfen tun können.")
    editor.fill("#id_lead", "Ein Krampf ist ein plötzliches, schmerzhaftes Anspannen.")
    editor.click("input[name=_submit_for_review]")
    expect(editor.locator(".messagelist")).to_contain_text("is waiting for a clinical reviewer")
    translation_url = editor.url
    assert editor.locator("a", has_text="Publish…").count() == 0  # editors do not publish

    # A reader without the installed app: an installed one shows its saved copy until it syncs.
    reviewer_context = browser.new_context(service_workers="block")
    try:
        reviewer = reviewer_context.new_page()
        log_in_to_admin(reviewer, app_server)
        reviewer.goto(app_server.url + "/admin/conditions/condition/?language=de")
        reviewer.click("#result_list tbody th a")
        assert reviewer.url.split("?")[0] == translation_url
        publish(reviewer, translation_url)

        reader = reviewer_context.new_page()
        reader.goto(app_server.url + f"/de/conditions/{GERMAN_SLUG}/")
        expect(reader.locator("h1")).to_have_text("Starke oder anhaltende Muskelkrämpfe")
        expect(reader.locator("html")).to_have_attribute("lang", "de")
        assert reader.locator(".original-changed-notice").count() == 0
        expect(reader.locator(".language-switch")).to_have_attribute(
            "href", f"/conditions/{SPASMS}/"
        )

        reviewer.goto(original_url)
        reviewer.fill("#id_summary", "A new summary, changed after the translation was made.")
        reviewer.click("input[name=_save]")
        expect(reviewer.locator(".messagelist")).to_contain_text("was changed successfully")
        publish(reviewer, original_url)

        reader.reload()
        expect(reader.locator(".original-changed-notice")).to_contain_text(
            "Die Fassung auf Englisch wurde am"
        )
        reader.click(".original-changed-notice a")
        expect(reader.locator(".summary")).to_have_text(
            "A new summary, changed after the translation was made."
        )

        reviewer.goto(app_server.url + "/admin/conditions/condition/?translation=original_changed")
        expect(reviewer.locator("#result_list tbody tr")).to_have_count(1)
        expect(reviewer.locator("#result_list tbody tr")).to_contain_text("Starke oder anhaltende")
        reviewer.click("#result_list tbody th a")
        expect(reviewer.locator(".original-changed")).to_have_text("Original changed")
        expect(reviewer.locator(".page-diff")).to_contain_text("A new summary")

        publish(reviewer, translation_url)
        reader.goto(app_server.url + f"/de/conditions/{GERMAN_SLUG}/")
        assert reader.locator(".original-changed-notice").count() == 0
    finally:
        reviewer_context.close()
