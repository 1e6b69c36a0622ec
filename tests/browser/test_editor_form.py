"""The condition's change form helps an editor, in the real admin on a desktop-sized window:
checks and a preview beside the fields as they type, sections in order and moved up and down,
and a warning before leaving with changes not saved."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import csp_refusals
from tests.browser.test_editorial import SPASMS, open_as_reviewer

SIDEWAYS_SCROLL = "() => document.scrollingElement.scrollWidth - window.innerWidth"
SCROLLS_INSIDE = "(box) => box.scrollWidth - box.clientWidth"
DESK = {"width": 1280, "height": 800}
LONG_SENTENCE = (
    "When the muscles in your neck tighten on their own for many weeks and the pain does not go "
    "away with rest, heat or the medicines you can buy, you should talk to your doctor."
)

FOLLOWS = """([first, second]) => Boolean(document.querySelector(first)
    .compareDocumentPosition(document.querySelector(second)) & Node.DOCUMENT_POSITION_FOLLOWING)"""


@pytest.fixture
def desk(browser, start_server):
    """A desktop-sized window, as editors use the admin. Closed before the test's servers stop."""
    context = browser.new_context(viewport=DESK)
    refused = csp_refusals(context)
    yield context.new_page()
    context.close()
    assert refused == [], f"The Content-Security-Policy refused: {refused}"


def section_headings(page) -> list[str]:
    return page.locator("#sections-group .inline-related:not(.empty-form)").evaluate_all(
        "(rows) => rows.map((row) => row.querySelector('input[name$=-heading]').value)"
    )


def test_the_change_form_checks_previews_orders_sections_and_warns_before_leaving(
    desk, app_server, monkeypatch
):
    page = open_as_reviewer(desk, app_server, monkeypatch, SPASMS)
    change_url = page.url

    # The list of conditions fits the window, and says "No" plainly, not with a red cross.
    page.goto(app_server.url + "/admin/conditions/condition/")
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    assert page.evaluate(SIDEWAYS_SCROLL) <= 0
    assert page.locator("#changelist .results").evaluate(SCROLLS_INSIDE) <= 0
    assert page.locator("#result_list img").count() == 0
    expect(page.locator("#result_list td.field-has_unpublished_changes").first).to_have_text("No")
    page.goto(change_url)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))

    # Sections and sources come right after the main text, before the trust and review boxes.
    expect(page.locator("#sections-group")).to_be_visible()
    boxes = [
        box.strip()
        for box in page.locator("#condition_form fieldset.module > h2").all_text_contents()
    ]
    assert page.evaluate(FOLLOWS, ["#id_lead", "#sections-group"])
    assert boxes[:3] == ["Sections", "Sources", "Trust"], boxes
    assert boxes[-2:] == ["Review", "History"], boxes

    # Checks appear beside the field as the editor types.
    page.locator("#id_summary").fill("")
    page.locator("#id_summary").press_sequentially(LONG_SENTENCE, delay=5)
    checks = page.locator(".live-checks[data-for=id_summary]")
    # The first check in a server process loads textstat's dictionaries.
    expect(checks.locator(".live-reading-age")).to_contain_text(
        "Reading age as typed:", timeout=20_000
    )
    expect(checks.locator(".live-reading-age")).to_contain_text("(target 11")
    expect(checks.locator(".live-long-sentence")).to_have_text(
        f"Long sentence (sentence 1): “{LONG_SENTENCE}”"
    )
    expect(checks.locator(".live-unfamiliar-words")).to_contain_text("medicines")

    # The Markdown preview shows the lead as patients will see it; HTML stays text.
    page.locator("#id_lead").fill("Signs:\n\n- a **stiff** neck\n\n<b>bold?</b>")
    preview = page.locator(".markdown-preview[data-for=id_lead] .markdown-preview-body")
    expect(preview.locator("li strong")).to_have_text("stiff")
    expect(preview.locator("p").last).to_have_text("<b>bold?</b>")

    # Moving the first section down swaps it with the second, and its button keeps the focus.
    before = section_headings(page)
    first = page.locator("#sections-group .inline-related:not(.empty-form)").first
    first.get_by_role("button", name=f"Move section “{before[0]}” down").click()
    assert section_headings(page) == [before[1], before[0], *before[2:]]
    expect(page.get_by_role("button", name=f"Move section “{before[0]}” down")).to_be_focused()
    page.get_by_role("button", name=f"Move section “{before[0]}” up").click()
    page.get_by_role("button", name=f"Move section “{before[1]}” up").click()
    assert section_headings(page) == [before[1], before[0], *before[2:]]

    # A new section takes the next position, and its buttons move it too.
    page.locator("#sections-group .add-row a").click()
    new = page.locator("#sections-group .inline-related.dynamic-sections").last
    expect(new.locator("input[name$=-position]")).to_have_value(str(len(before) + 1))
    new.locator("input[name$=-heading]").fill("Living with it")
    new.locator("textarea[name$=-body]").fill("Rest when you can.")
    new.get_by_role("button", name="Move section “Living with it” up").click()
    expected = [before[1], before[0], *before[2:-1], "Living with it", before[-1]]
    assert section_headings(page) == expected

    # Saving does not ask; the saved page keeps the order.
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert dialogs == []
    assert section_headings(page) == expected

    # Leaving with a change not saved asks first; staying keeps what was typed.
    page.locator("#id_question").press_sequentially(" Still typing", delay=5)
    with page.expect_event("dialog") as asked:
        page.locator(".breadcrumbs a", has_text="Conditions").click(no_wait_after=True)
    assert asked.value.type == "beforeunload"
    assert dialogs == ["beforeunload"]
    assert page.url == change_url
    expect(page.locator("#id_question")).to_have_value(re.compile("Still typing"))
