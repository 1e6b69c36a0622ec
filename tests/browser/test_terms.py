"""A reader taps a marked medical word and reads what it means, online and offline."""

from playwright.sync_api import expect

from tests.browser.steps import open_app, tap_twice

SPASMS = "/conditions/severe-or-persistent-muscle-spasms/"
TREMOR = "Shaking of part of the body, such as the hands, that you cannot stop."


def assert_explained(page) -> None:
    assert page.url.endswith("/terms/#tremor")
    entry = page.locator("#tremor")
    expect(entry).to_be_in_viewport()
    assert entry.evaluate("element => element.matches(':target')")
    names = "shaking, trembling, shakes"
    assert " ".join(entry.text_content().split()) == f"tremor Also called: {names} {TREMOR}"


def test_a_tap_on_a_marked_word_shows_its_explanation(touch_page, reading_server):
    page = touch_page
    page.goto(reading_server.url + SPASMS)
    word = page.locator("a.term", has_text="tremors")
    assert word.get_attribute("title") == TREMOR
    assert word.evaluate("a => a.closest('li').textContent") == "Shaking or tremors"
    box = word.bounding_box()
    assert box["height"] < 44  # the word looks like the text around it; its target is larger

    with page.expect_navigation():
        word.tap()
    assert_explained(page)

    page.go_back()
    assert page.url == reading_server.url + SPASMS


def test_a_shaky_double_tap_still_lands_on_the_explanation(touch_page, reading_server):
    page = touch_page
    page.goto(reading_server.url + SPASMS)
    word = page.locator("a.term", has_text="tremors")
    word.scroll_into_view_if_needed()

    tap_twice(page, word)
    page.wait_for_url("**/terms/#tremor")
    page.wait_for_load_state()

    assert_explained(page)


def test_the_explanation_opens_with_no_connection(phone, reading_server):
    page = open_app(phone, reading_server, SPASMS)
    phone.set_offline(True)

    response = page.goto(reading_server.url + SPASMS)
    assert response.from_service_worker
    with page.expect_navigation():
        page.locator("a.term", has_text="tremors").tap()

    assert_explained(page)
    assert page.evaluate("() => navigator.onLine") is False
