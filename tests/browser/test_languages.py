"""A reader choosing German in chromium: the switch both ways, the offer to a German browser, the
choice remembered, the app's own messages in German offline, and a right-to-left language."""

from tests.browser.conftest import PHONE
from tests.browser.steps import open_app


def test_the_switch_leads_to_the_same_page_in_the_other_language_and_back(
    server_pages, reading_server
):
    page = server_pages
    page.goto(reading_server.url + "/de/search/?q=dystonia")
    assert page.locator("h1").inner_text() == "Suche"
    assert page.get_by_label("Im Ratgeber suchen").input_value() == "dystonia"

    page.get_by_role("link", name="English").click()
    page.wait_for_url(reading_server.url + "/search/?q=dystonia")
    assert page.locator("h1").inner_text() == "Search"
    assert page.locator("html").get_attribute("lang") == "en"
    box = page.get_by_role("link", name="Deutsch").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44

    page.get_by_role("link", name="Deutsch").click()
    page.wait_for_url(reading_server.url + "/de/search/?q=dystonia")
    assert page.locator("h1").inner_text() == "Suche"


def test_a_german_browser_is_offered_german_and_the_choice_is_remembered(browser, reading_server):
    context = browser.new_context(viewport=PHONE, locale="de-DE", service_workers="block")
    page = context.new_page()
    page.goto(reading_server.url + "/")
    offer = page.locator("#language-offer")
    assert "Diese Anleitung gibt es auch auf Deutsch." in offer.inner_text()
    assert page.locator("h1").inner_text() == "Guidance on muscle spasms and dystonia"

    offer.get_by_role("link", name="Auf Deutsch lesen").click()
    page.wait_for_url(reading_server.url + "/de/")
    assert page.locator("h1").inner_text() == "Rat bei Muskelkrämpfen und Dystonie"

    page.goto(reading_server.url + "/")  # the app's start: the chosen language's home
    page.wait_for_url(reading_server.url + "/de/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(reading_server.url + "/")
    page.reload()
    assert page.url == reading_server.url + "/"
    assert page.locator("#language-offer").count() == 0  # English was chosen: no offer
    context.close()


def test_an_english_reader_can_turn_the_offer_down(browser, reading_server):
    context = browser.new_context(viewport=PHONE, locale="de-DE", service_workers="block")
    page = context.new_page()
    page.goto(reading_server.url + "/")
    page.get_by_role("button", name="Weiter auf Englisch lesen").click()
    assert page.locator("#language-offer").count() == 0
    page.reload()
    assert page.locator("#language-offer").count() == 0
    assert page.url == reading_server.url + "/"
    context.close()


def test_the_apps_messages_are_german_offline(phone, app_server):
    page = open_app(phone, app_server, "/de/")
    status = page.locator("#offline-status")
    assert "Der ganze Ratgeber ist auf diesem Handy gespeichert" in status.inner_text()

    phone.set_offline(True)
    page.goto(app_server.url + "/de/ask/")
    page.get_by_label("Ihre Frage *").fill("Hilft Wärme bei Krämpfen?")
    page.get_by_label("Ich bin einverstanden", exact=False).check()
    page.get_by_role("button", name="Frage senden").click()
    result = page.locator(".form-result")
    result.wait_for()
    assert result.inner_text() == "Gespeichert. Es wird gesendet, wenn Sie wieder online sind."
    assert "1 Nachricht ist auf diesem Handy gespeichert" in page.locator("#notices").inner_text()

    page.goto(app_server.url + "/de/conditions/no-such-page/")
    assert page.locator("h1").inner_text() == "Diese Seite ist nicht auf Ihrem Handy gespeichert"


ARABIC_TITLE = "خلل التوتر العضلي والقنب الطبي"
ADD_ARABIC = (
    "from tests.translations import add_translation; add_translation("
    "'dystonia-and-medical-cannabis', language='ar', slug='khalal-al-tawattur', "
    f"title='{ARABIC_TITLE}', summary='ما يمكنك فعله.', lead='نص تجريبي للاختبار.')"
)


def test_a_right_to_left_language_needs_only_its_setting(start_server, browser):
    """Arabic, with no message file: the English words, laid out right to left, around a
    condition translated into it."""
    server = start_server(settings={"DJANGO_LANGUAGES": "en,de,ar"})
    server.manage("shell", "-c", ADD_ARABIC)
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    for path in ["/ar/", "/ar/conditions/khalal-al-tawattur/", "/ar/ask/"]:
        page.goto(server.url + path)
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        header = page.locator(".site-name").bounding_box()
        assert header["x"] + header["width"] >= PHONE["width"] - 40  # starts on the right
        if "/conditions/" in path:
            assert page.locator("h1").inner_text() == ARABIC_TITLE
    context.close()
