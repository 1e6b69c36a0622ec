"""The server's search on a phone, as a reader with an unsteady hand uses it."""

from playwright.sync_api import expect


def test_a_mistyped_word_is_corrected_and_its_sentence_leads_to_its_section(
    touch_page, reading_server
):
    page = touch_page
    page.goto(reading_server.url + "/")
    page.tap("#search-q")
    page.keyboard.type("blinkng")
    with page.expect_navigation():
        page.tap(".search-form button")

    assert page.url.endswith("/search/?q=blinkng")
    assert "Nothing found for “blinkng”." in page.text_content("#search-results [role=status]")
    assert page.text_content(".did-you-mean") == "Did you mean blinking?"
    first = page.locator(".card").first
    assert first.locator(".card-match mark").first.text_content().lower() == "blinking"
    sentence = first.locator(".card-match").text_content()
    section_link = first.locator(".card-section a")
    heading = section_link.text_content().removeprefix("In “").removesuffix("”")
    anchor = section_link.get_attribute("href").partition("#")[2]

    with page.expect_navigation():
        section_link.tap()

    assert page.url.endswith(f"#{anchor}")
    section = page.locator(f"section#{anchor}")
    assert heading in section.locator("h2").text_content()
    assert sentence in " ".join(section.text_content().split())
    assert section.evaluate("element => element.matches(':target')")
    expect(section.locator("h2")).to_be_in_viewport()

    page.go_back()
    with page.expect_navigation():
        page.tap(".did-you-mean a")
    assert page.url.endswith("/search/?q=blinking")
    assert "results for “blinking”." in page.text_content("#search-results [role=status]")
