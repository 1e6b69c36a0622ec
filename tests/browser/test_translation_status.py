"""The translations' status table in chromium, as an editor reads it: each cell says where the
page in that language stands, and Translate pressed there (twice, quickly) makes one draft."""

import pytest
from playwright.sync_api import expect

from tests.browser.staff_steps import log_in_to_admin
from tests.browser.test_translations import create_editor

SPASMS = "Severe or Persistent Muscle Spasms"


def row_cells(page, title: str) -> list[str]:
    row = page.locator("#translation-status tbody tr", has=page.locator("th", has_text=title))
    return [text.strip() for text in row.locator("td").all_inner_texts()]


@pytest.mark.every_database  # Translate pressed twice: one draft, on each database
def test_an_editor_reads_the_table_and_translates_from_it(server_pages, app_server, monkeypatch):
    create_editor(app_server, monkeypatch)
    app_server.manage(
        "shell",
        "-c",
        "from tests.translations import add_translation; "
        "add_translation('severe-or-persistent-muscle-spasms')",
    )
    editor = server_pages
    log_in_to_admin(editor, app_server, username="edith")
    editor.goto(app_server.url + "/admin/conditions/condition/")

    editor.click(".object-tools .translation-status-link")

    expect(editor.locator("h1")).to_have_text("Translations")
    expect(editor.locator("#translation-status thead th")).to_have_text(
        ["Condition", "English", "Deutsch"]
    )
    assert row_cells(editor, SPASMS) == ["published", "published"]
    [other] = [
        title
        for title in editor.locator("#translation-status tbody th").all_inner_texts()
        if title != SPASMS
    ]
    assert row_cells(editor, other) == ["published", "missing\nTranslate"]

    editor.locator("#translation-status .translate-button").dblclick()  # twice, quickly
    # Making the draft (a save with its history and search entries) outlasts 5 s on a busy machine.

    expect(editor.locator(".messagelist")).to_contain_text(
        "A draft in Deutsch was made from", timeout=30_000
    )
    expect(editor.locator(".translation-of")).to_contain_text("Translation into Deutsch of")
    assert app_server.query("SELECT COUNT(*) FROM conditions_condition WHERE language = 'de'") == [
        (2,)
    ]
    editor.go_back()
    editor.reload()
    assert row_cells(editor, other) == ["published", "draft"]
    editor.locator("#translation-status tbody tr", has_text=other).locator(
        "td[data-language=de] a"
    ).click()
    expect(editor.locator(".translation-of")).to_contain_text(other)
