"""A phone's first load: nothing moves the page once it is drawn, and the app's start-up work
(the service worker, the offline copy, the outbox, Listen, search as you type) waits until the
page is drawn and loaded. Lighthouse's scores and timings are measured by `make bench`, not
here."""

import pytest

from tests.browser.steps import wait_until_saved
from tests.browser.test_outbox import DYSTONIA
from tests.browser.test_visual_comfort import OFFER_INSTALLING

# Installed before any of the page's scripts: every layout shift and every mark of start-up work.
WATCH = """(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput) {
                window.__shifts.push({
                    value: entry.value,
                    moved: entry.sources.map((source) => source.node?.outerHTML?.slice(0, 60)),
                });
            }
        }
    }).observe({type: "layout-shift", buffered: true});
})();"""
SHIFTS = "() => window.__shifts"
# When each piece of deferred start-up work ran (idle.js marks it), next to the page's own times.
STARTS = """() => ({
    starts: performance.getEntriesByType("mark")
        .filter((mark) => mark.name.startsWith("guide-start:"))
        .map((mark) => [mark.name.slice("guide-start:".length), mark.startTime]),
    painted: performance.getEntriesByName("first-contentful-paint")[0].startTime,
    loaded: performance.getEntriesByType("navigation")[0].loadEventEnd,
})"""
DEFERRED = [
    "startSearchAsYouType",
    "startListen",
    "startOfflineSearch",
    "startOfflineApp",
    "startOutbox",
]
NO_SHIFT = 0.01  # cumulative layout shift: Lighthouse's "good" is under 0.1


def started_up(page) -> None:
    """The app's start-up work has all run: the offline copy is saved and the outbox checked."""
    wait_until_saved(page)
    page.wait_for_selector("html[data-outbox-checked=yes]", state="attached")


def total_shift(page) -> tuple[float, list]:
    shifts = page.evaluate(SHIFTS)
    return sum(shift["value"] for shift in shifts), shifts


@pytest.mark.parametrize("size", [None, "5"], ids=["default text size", "200 % text"])
def test_nothing_moves_the_page_after_it_is_drawn(phone, reading_server, size):
    if size:
        phone.add_init_script(f"localStorage.setItem('guide-text-size', '{size}')")
    phone.add_init_script(WATCH)
    page = phone.new_page()
    for path in ["/", f"/conditions/{DYSTONIA}/"]:  # the first visit, then a page the app saved
        page.goto(reading_server.url + path)
        started_up(page)
        page.evaluate(OFFER_INSTALLING, "dismissed")  # the browser offers installing: a notice
        assert page.is_visible("#install-hint")
        page.wait_for_timeout(300)  # a shift after the last step would show by now
        shift, shifts = total_shift(page)
        assert shift < NO_SHIFT, f"{path} moved after it was drawn: {shifts}"
        assert page.is_visible("#reader-tools")
    assert page.is_visible("#listen [data-listen=play]")


def test_start_up_work_waits_until_the_page_is_drawn_and_loaded(phone, reading_server):
    page = phone.new_page()
    page.goto(f"{reading_server.url}/conditions/{DYSTONIA}/")
    started_up(page)
    times = page.evaluate(STARTS)

    assert [name for name, _ in times["starts"]] == DEFERRED  # each once, in this order
    assert all(at >= times["painted"] for _, at in times["starts"]), times
    assert all(at >= times["loaded"] for _, at in times["starts"]), times


def test_a_reader_who_acts_first_finds_everything_working(server_pages, reading_server):
    """Typing before the phone was ever idle starts the rest at once: search as you type works
    from the first key."""
    page = server_pages
    page.add_init_script("window.requestIdleCallback = () => 0;")  # a phone never idle
    page.goto(reading_server.url + "/")
    assert page.evaluate(STARTS)["starts"] == []

    page.fill("#search-q", "dystonia")
    assert [name for name, _ in page.evaluate(STARTS)["starts"]] == DEFERRED
    page.wait_for_selector(".live-results .live-title")
    assert (
        "Dystonia and medic cannabis"
        in page.locator(".live-results .live-title").all_text_contents()
    )
