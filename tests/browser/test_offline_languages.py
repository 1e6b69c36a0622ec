"""A German reader who also keeps the English guidance on the phone: the choice with the space it
takes, reading English with no connection, the choice kept after closing the app, and undone."""

from tests.browser.steps import PRESS_GUARD_MS, check_for_new_guidance, open_app, publish_edit

ADD_GERMAN = (
    "from tests.translations import add_translation; "
    "add_translation('severe-or-persistent-muscle-spasms')"
)
ORIGINAL = "/conditions/severe-or-persistent-muscle-spasms/"
TRANSLATION = "/de/conditions/kraempfe-der-beine/"
KEEP_ENGLISH_DE = "Den Ratgeber auf Englisch auch auf diesem Handy behalten"
TITLE = "Severe or Persistent Muscle Spasms"
KEEP_ENGLISH = "Also keep English guidance on this phone"


def english_only_bytes(server) -> int:
    """What keeping English takes besides the German copy: the app's files are shared."""
    german = server.get_json("/api/v1/offline-manifest/?lang=de")["entries"]
    shared = {entry["url"] for entry in german}
    english = server.get_json("/api/v1/offline-manifest/")["entries"]
    return sum(entry["bytes"] for entry in english if entry["url"] not in shared)


def kilobytes(size: int) -> str:
    return f"{max(1, int(size / 1024 + 0.5))} KB"  # as the app rounds


def german_reader(phone, server):
    server.manage("shell", "-c", ADD_GERMAN)
    return open_app(phone, server, "/de/")


def keep_english(page, server) -> None:
    """Press "keep English" twice quickly, as a shaky hand does, and wait until it is kept."""
    button = page.get_by_role("button", name=KEEP_ENGLISH_DE)
    size = kilobytes(english_only_bytes(server))
    note = page.locator(".offline-language[data-language=en] .offline-language-note")
    note.get_by_text(f"Das braucht {size} Platz auf diesem Handy.").wait_for()
    assert button.get_attribute("aria-pressed") == "false"
    assert page.locator(".offline-language").count() == 1  # the reader's own is always kept
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 0
    button.click()
    button.click()  # within the press guard: ignored
    page.wait_for_selector(".offline-language[data-language=en][data-kept=yes]")
    assert button.get_attribute("aria-pressed") == "true"
    assert note.inner_text() == (
        f"Der Ratgeber auf Englisch ist auf diesem Handy gespeichert: 2 Ratgeber-Seiten, {size}."
    )


def test_english_kept_on_a_german_phone_reads_offline_until_removed(phone, app_server):
    page = german_reader(phone, app_server)
    mark = app_server.log_mark()
    keep_english(page, app_server)
    fetched = [path for _, path, _ in app_server.requests(mark)]
    assert fetched.count(f"{ORIGINAL}?copy=offline") == 1  # one download for two presses
    assert fetched.count("/") == 1

    phone.set_offline(True)
    page.goto(app_server.url + TRANSLATION)
    assert page.text_content("h1") == "Krämpfe der Beine"
    page.get_by_role("link", name="English").click()  # the switch, with no connection
    page.wait_for_url(app_server.url + ORIGINAL)
    assert page.text_content("h1") == TITLE
    page.get_by_role("link", name="Spasm & Dystonia Guide").click()  # the English home
    page.wait_for_url(app_server.url + "/")
    assert "Guidance on muscle spasms" in page.text_content("h1")

    # Closing the app and opening it again, still with no connection: English is still kept.
    page.close()
    page = phone.new_page()
    response = page.goto(app_server.url + ORIGINAL)
    assert response.from_service_worker
    assert page.text_content("h1") == TITLE
    button = page.get_by_role("button", name=KEEP_ENGLISH)
    page.wait_for_selector(".offline-language[data-language=en][data-kept=yes]")
    note = page.locator(".offline-language[data-language=en] .offline-language-note")
    assert note.inner_text().startswith("English guidance is kept on this phone: 2 guidance pages")

    # Removed, with no connection: the space is freed and English pages are gone.
    size = kilobytes(english_only_bytes(app_server))
    button.click()
    page.wait_for_selector(".offline-language[data-language=en][data-kept=no]")
    assert button.get_attribute("aria-pressed") == "false"
    assert note.inner_text() == (
        f"Removed: {size} freed on this phone. Keeping it takes {size} on this phone."
    )
    page.goto(app_server.url + TRANSLATION)  # the reader's own language stays
    assert page.text_content("h1") == "Krämpfe der Beine"
    page.get_by_role("link", name="English").click()
    page.wait_for_url(app_server.url + ORIGINAL)
    assert page.text_content("h1") == "Diese Seite ist nicht auf Ihrem Handy gespeichert"
    assert "nur gespeichert, wenn Sie das unter „Lesen ohne Internet“" in page.text_content("main")


def test_a_language_kept_is_brought_up_to_date_when_the_reader_switches_to_it(phone, app_server):
    page = german_reader(phone, app_server)
    keep_english(page, app_server)
    publish_edit(
        app_server,
        "severe-or-persistent-muscle-spasms",
        lambda c: c.update(title="Severe or lasting muscle spasms"),
    )
    mark = app_server.log_mark()

    page.goto(app_server.url + TRANSLATION)
    page.wait_for_timeout(PRESS_GUARD_MS)
    page.get_by_role("link", name="English").click()
    page.wait_for_url(app_server.url + ORIGINAL)
    # The kept copy answered first; the switch checked English at once and says it changed.
    notice = page.locator("#page-updated-notice")
    notice.wait_for()
    assert "This guidance was updated." in notice.inner_text()
    checks = [path for _, path, _ in app_server.requests(mark) if "offline-manifest" in path]
    assert any(path.startswith("/api/v1/offline-manifest/?since=") for path in checks), checks
    notice.get_by_role("button", name="Show the new version").click()
    page.wait_for_load_state()
    assert page.text_content("h1") == "Severe or lasting muscle spasms"


def test_a_new_version_of_the_app_keeps_the_languages_kept(phone, app_server):
    page = german_reader(phone, app_server)
    keep_english(page, app_server)

    app_server.restart(release="2")
    check_for_new_guidance(page)
    page.wait_for_selector("#update-notice")
    with page.expect_navigation():
        page.click("#update-notice button")
    page.wait_for_selector("#offline-box[data-saved=all]")
    page.wait_for_selector(".offline-language[data-language=en][data-kept=yes]")

    phone.set_offline(True)
    response = page.goto(app_server.url + ORIGINAL)
    assert response.from_service_worker
    assert page.text_content("h1") == TITLE
    page.wait_for_selector(".offline-language[data-language=en][data-kept=yes]")


def test_choosing_german_on_an_english_phone_makes_german_the_offline_language(phone, app_server):
    app_server.manage("shell", "-c", ADD_GERMAN)
    page = open_app(phone, app_server, "/")  # installed from the English home
    page.get_by_role("link", name="Deutsch").click()  # the reader chooses German
    page.wait_for_url(app_server.url + "/de/")
    # The German worker takes over at once: the reader's choice, not the page first opened.
    page.wait_for_function(
        "() => (navigator.serviceWorker.controller?.scriptURL || '').endsWith('?lang=de')"
    )
    page.wait_for_selector("#offline-box[data-saved=all]")

    phone.set_offline(True)
    response = page.goto(app_server.url + TRANSLATION)
    assert response.from_service_worker
    assert page.text_content("h1") == "Krämpfe der Beine"
    # German is the reader's own: always kept, with no toggle; English is the other language,
    # still on the phone (the copy before is kept as another).
    page.wait_for_selector(".offline-language[data-language=en][data-kept=yes]")
    assert page.locator(".offline-language[data-language=de]").count() == 0
    assert page.get_by_role("button", name=KEEP_ENGLISH_DE).get_attribute("aria-pressed") == "true"
    response = page.goto(app_server.url + ORIGINAL)
    assert response.from_service_worker
    assert page.text_content("h1") == TITLE
