"""Search as you type on a phone: results under the box after a pause, large targets, never a
stale answer; without JavaScript the form is as it was."""

import contextlib
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, csp_refusals
from tests.browser.steps import tap_twice

DYSTONIA_PAGE = "/conditions/dystonia-and-medical-cannabis/"
DYSTONIA = "Dystonia and medic cannabis"
SPASMS = "Severe or Persistent Muscle Spasms"


@pytest.fixture
def phone_context(browser, start_server):
    """A phone's touch screen on a first visit: no service worker, so the server answers."""
    contexts = []

    def open_context(**options):
        context = browser.new_context(
            viewport=PHONE, has_touch=True, service_workers="block", **options
        )
        contexts.append((context, csp_refusals(context)))
        return context

    yield open_context
    for context, refused in contexts:
        context.close()
        assert refused == [], f"The Content-Security-Policy refused: {refused}"


@pytest.fixture
def touch_page(phone_context):
    return phone_context().new_page()


def searches(server, since: int, last: str) -> list[str]:
    """The searches the page sent since `since`, once `last` is among them in the log."""

    def paths(hits):
        return [path for _, path, _ in hits if path.startswith("/api/v1/search/")]

    return paths(server.requests_once(lambda hits: last in paths(hits), since=since))


def results(page) -> list[str]:
    return page.locator(".live-results .live-title").all_text_contents()


def status(page) -> str:
    return page.text_content(".live-results [role=status]")


def test_typing_slowly_shows_the_results_under_the_box_and_a_tap_opens_the_page(
    touch_page, reading_server
):
    page = touch_page
    page.goto(reading_server.url + "/")
    page.tap("#search-q")
    page.keyboard.type("dystnia", delay=400)  # a pause after each letter longer than 250 ms

    expect(page.locator(".live-results [role=status]")).to_have_text("2 results for “dystonia”")
    assert results(page) == [DYSTONIA, SPASMS]
    first = page.locator(".live-result").first
    assert first.locator("mark").first.text_content() == "Dystonia"
    assert "is a neurological movement disorder" in first.text_content()
    for target in page.locator(".live-result").all():
        box = target.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
    assert page.get_attribute(".live-results [role=status]", "role") == "status"

    # Typing more replaces them.
    page.keyboard.type(" cannabis research")
    expect(page.locator(".live-results [role=status]")).to_have_text(
        "1 result for “dystonia cannabis research”"
    )
    assert results(page) == [DYSTONIA]
    link = page.locator(".live-result").first
    assert "#research-about-medical-cannabis" in link.get_attribute("href")

    with page.expect_navigation():
        link.tap()
    assert page.url.startswith(reading_server.url + DYSTONIA_PAGE + "#research-about-medical")
    assert page.locator("h1").text_content().strip() == DYSTONIA


def test_typing_quickly_asks_once_and_a_double_tap_lands_on_the_page(touch_page, reading_server):
    page = touch_page
    page.goto(reading_server.url + "/search/")
    mark = reading_server.log_mark()
    page.tap("#search-q")
    page.keyboard.type("dystnia")

    expect(page.locator(".live-results [role=status]")).to_have_text("2 results for “dystonia”")
    asked = "/api/v1/search/?typing=1&q=dystnia"
    assert searches(reading_server, mark, asked) == [asked]
    with page.expect_navigation():
        tap_twice(page, page.locator(".live-result").first)
    page.wait_for_load_state()
    assert page.url == reading_server.url + DYSTONIA_PAGE
    assert page.locator("h1").text_content().strip() == DYSTONIA


def test_escape_and_clearing_hide_the_results_and_enter_searches_as_before(
    touch_page, reading_server
):
    page = touch_page
    page.goto(reading_server.url + "/")
    page.tap("#search-q")
    page.keyboard.type("spasms")
    box = page.locator(".live-results")
    expect(box).to_be_visible()
    page.keyboard.press("Escape")
    expect(box).to_be_hidden()
    page.fill("#search-q", "")

    page.keyboard.type("spasms muscle")
    expect(box).to_be_visible()
    page.fill("#search-q", "")
    expect(box).to_be_hidden()
    time.sleep(0.5)
    expect(box).to_be_hidden()

    page.keyboard.type("spasms")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/search/?q=spasms")
    assert "2 results for “spasms”." in page.text_content("#search-results [role=status]")


def test_a_slow_answer_to_older_words_never_replaces_the_newer_ones(touch_page, reading_server):
    page = touch_page
    held = []

    def hold_spasms(route):
        if "q=spasms" in route.request.url:
            held.append(route)  # answered below, after the newer search has shown
        else:
            route.continue_()

    page.route("**/api/v1/search/*", hold_spasms)
    page.goto(reading_server.url + "/")
    page.tap("#search-q")
    page.keyboard.type("spasms")
    page.wait_for_timeout(600)  # its search has gone, and waits on the slow network
    assert len(held) == 1
    page.fill("#search-q", "")
    page.keyboard.type("cannabis research")
    expect(page.locator(".live-results [role=status]")).to_have_text("1 result")

    with contextlib.suppress(Exception):  # the page gave up on it: just as good
        held[0].continue_()
    page.wait_for_timeout(1000)
    assert status(page) == "1 result"
    assert results(page) == [DYSTONIA]


def test_on_a_german_page_the_results_are_the_german_guidance(touch_page, app_server):
    app_server.manage(
        "shell",
        "-c",
        "from tests.translations import add_translation; "
        "add_translation('severe-or-persistent-muscle-spasms')",
    )
    page = touch_page
    page.goto(app_server.url + "/de/")
    mark = app_server.log_mark()
    page.tap("#search-q")
    page.keyboard.type("Krämpfe")

    expect(page.locator(".live-results .live-title")).to_have_text(["Krämpfe der Beine"])
    asked = "/api/v1/search/?typing=1&q=Kr%C3%A4mpfe&lang=de"
    assert searches(app_server, mark, asked) == [asked]
    with page.expect_navigation():
        page.locator(".live-result").first.tap()
    assert page.url.startswith(app_server.url + "/de/conditions/kraempfe-der-beine/")
    assert page.locator("h1").text_content().strip() == "Krämpfe der Beine"


def test_with_no_connection_the_box_says_search_needs_one(phone_context, reading_server):
    context = phone_context()
    page = context.new_page()
    page.goto(reading_server.url + "/")
    context.set_offline(True)
    page.tap("#search-q")
    page.keyboard.type("dystonia")
    expect(page.locator(".live-results [role=status]")).to_have_text(
        "No connection: search needs one. Please try again when you are online."
    )
    assert results(page) == []


def test_without_javascript_the_form_works_as_before(phone_context, reading_server):
    page = phone_context(java_script_enabled=False).new_page()
    page.goto(reading_server.url + "/")
    page.tap("#search-q")
    page.keyboard.type("dystnia")
    time.sleep(0.5)
    assert page.locator(".live-results").count() == 0
    with page.expect_navigation():
        page.tap(".search-form button")
    assert page.url.endswith("/search/?q=dystnia")
    assert page.text_content(".did-you-mean") == "Did you mean dystonia?"
