"""Comfort and accessibility on a phone: axe-core finds nothing, every target is big enough,
the text size the reader chose stays, and the page reflows instead of scrolling sideways."""

from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.steps import PRESS_GUARD_MS, add_trust_showcase, open_app, wait_until_saved

TAP_TARGET_PX = 44
# A link in running text is as tall as its line: its target is the invisible box around it.
TOO_SMALL_TARGETS = """(px) => {
    const hitArea = (node) => {
        const box = node.getBoundingClientRect();
        const after = getComputedStyle(node, "::after");
        if (!box.width || after.position !== "absolute") return box;
        const [width, height] = [after.width, after.height].map(parseFloat);
        return {width: Math.max(box.width, width), height: Math.max(box.height, height)};
    };
    return [...document.querySelectorAll(
        "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]")]
    .map((node) => ({node, box: hitArea(node), style: getComputedStyle(node)}))
    .filter(({box, style}) => box.width > 0 && box.height > 0 && style.visibility !== "hidden")
    .filter(({box}) => box.width < px || box.height < px)
    .map(({node, box}) => `${node.outerHTML.slice(0, 80)} is ${box.width}x${box.height}`);
}"""
SIDEWAYS_SCROLL = "() => document.scrollingElement.scrollWidth - window.innerWidth"


def reader_pages(server) -> list[str]:
    slugs = [c["slug"] for c in server.get_json("/api/v1/conditions/")["results"]]
    return [
        "/",
        *(f"/conditions/{slug}/" for slug in slugs),
        "/search/",
        "/search/?q=muscle",
        "/search/?q=blinkng",  # a correction, marked sentences and section links
        "/search/?q=xylophone",
        "/search/?q=" + "a" * 201,
        "/ask/",
        "/ask/sent/",
        f"/conditions/{slugs[0]}/feedback/",
        f"/conditions/{slugs[0]}/feedback/sent/",
        f"/conditions/{slugs[0]}/comments/",
        f"/conditions/{slugs[0]}/comments/sent/",
        "/offline/",
        "/no-such-page/",
    ]


BOTH_COLOUR_SCHEMES = pytest.mark.parametrize("server_pages", ["light", "dark"], indirect=True)


def visit_every_page(page, server):
    """Each reader page, then forms sent empty so that they show their errors, then sent."""
    add_trust_showcase(server)
    for path in reader_pages(server):
        page.goto(server.url + path)
        yield path
    page.goto(server.url + "/ask/")
    page.click(".question-form button[type=submit]")
    page.wait_for_selector(".error-summary")
    yield "/ask/ with errors"
    page.goto(server.url + "/conditions/care-cards/")
    page.click(".comment-form button[type=submit]")
    page.wait_for_selector(".comment-form .form-error")
    yield "comment form with errors"
    page.click(".feedback-form button[value=yes]")
    page.wait_for_selector(".feedback-form + .form-result")
    yield "feedback sent"


@BOTH_COLOUR_SCHEMES
def test_axe_finds_no_violations_on_any_page(server_pages, app_server):
    failures = {}
    for path in visit_every_page(server_pages, app_server):
        results = Axe().run(server_pages)
        if results.violations_count:
            failures[path] = results.generate_report()
    assert failures == {}


@BOTH_COLOUR_SCHEMES
def test_every_link_and_control_is_at_least_44_px_square(server_pages, app_server):
    failures = {}
    for path in visit_every_page(server_pages, app_server):
        if small := server_pages.evaluate(TOO_SMALL_TARGETS, TAP_TARGET_PX):
            failures[path] = small
    assert failures == {}


def test_the_offline_app_is_accessible_too(phone, app_server):
    """What only the app shows: offline search results, status and notices."""
    page = open_app(phone, app_server, "/conditions/dystonia-and-medical-cannabis/")
    phone.set_offline(True)
    page.goto(app_server.url + "/search/?q=muscle")
    wait_until_drawn(page, "/search/?q=muscle")

    assert Axe().run(page).violations_count == 0
    assert page.evaluate(TOO_SMALL_TARGETS, TAP_TARGET_PX) == []


def wait_until_drawn(page, path: str) -> None:
    """Wait for what the app's scripts add to a page: the offline status, and search results
    (which the service worker answers)."""
    wait_until_saved(page)
    query = parse_qs(urlsplit(path).query).get("q", [""])[0]
    if query and len(query) <= 200:
        page.wait_for_selector(f"#search-results[data-query='{query}']")


def test_text_size_persists_across_pages_and_offline(phone, app_server):
    page = open_app(phone, app_server)
    default = page.evaluate("() => getComputedStyle(document.documentElement).fontSize")

    page.click("[data-text-size=larger]")
    page.wait_for_timeout(PRESS_GUARD_MS)  # a second click sooner is taken for a shaky first one
    page.click("[data-text-size=larger]")
    enlarged = page.evaluate("() => getComputedStyle(document.documentElement).fontSize")
    phone.set_offline(True)
    page.goto(app_server.url + "/conditions/severe-or-persistent-muscle-spasms/")

    assert (default, enlarged) == ("16px", "20px")
    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "20px"
    page.click("[data-text-size=smaller]")
    page.reload()
    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "18px"


def test_largest_text_reflows_without_sideways_scrolling(phone, app_server):
    page = open_app(phone, app_server)
    while page.is_enabled("[data-text-size=larger]"):
        page.click("[data-text-size=larger]")
        page.wait_for_timeout(PRESS_GUARD_MS)

    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "32px"
    for path in reader_pages(app_server):
        page.goto(app_server.url + path)
        wait_until_drawn(page, path)
        assert page.evaluate(SIDEWAYS_SCROLL) <= 0, path
        assert page.evaluate(TOO_SMALL_TARGETS, TAP_TARGET_PX) == [], path


def test_zoom_is_never_blocked_and_motion_stops_when_asked(phone, app_server):
    page = open_app(phone, app_server)
    viewport = page.get_attribute("meta[name=viewport]", "content")
    page.emulate_media(reduced_motion="reduce")
    transition = page.evaluate("() => getComputedStyle(document.querySelector('a')).transition")

    assert "user-scalable" not in viewport
    assert "maximum-scale" not in viewport
    assert transition.startswith("none") or "0s" in transition
