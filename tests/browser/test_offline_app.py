"""The installed app on a phone: everything readable with no connection, kept up to date."""

from tests.browser.steps import open_app

SEED_SLUGS = ["dystonia-and-medical-cannabis", "severe-or-persistent-muscle-spasms"]


def test_installable_with_no_errors(phone, app_server):
    page = open_app(phone, app_server)

    session = phone.new_cdp_session(page)
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    manifest = session.send("Page.getAppManifest")

    assert errors == []
    assert manifest["errors"] == []
    assert manifest["url"] == app_server.url + "/manifest.webmanifest"


def test_visiting_only_the_home_page_saves_everything_in_the_offline_manifest(phone, app_server):
    manifest = app_server.get_json("/api/v1/offline-manifest/")
    mark = app_server.log_mark()

    page = open_app(phone, app_server)

    fetched = {path for method, path, status in app_server.requests(mark) if status == 200}
    assert {entry["url"] for entry in manifest["entries"]} <= fetched
    status = page.text_content("#offline-status")
    assert "All guidance is saved on this phone" in status
    assert "2 guidance pages" in status
    assert f"{round(manifest['total_bytes'] / 1024)} KB" in status


def test_every_page_reads_with_no_connection(phone, app_server):
    page = open_app(phone, app_server)
    titles = {
        slug: app_server.get_json(f"/api/v1/conditions/{slug}/")["title"] for slug in SEED_SLUGS
    }
    phone.set_offline(True)

    for slug, title in titles.items():
        response = page.goto(f"{app_server.url}/conditions/{slug}/")
        assert response.from_service_worker
        assert page.text_content("h1") == title
    for path, heading in [
        ("/", "Guidance on muscle spasms"),
        ("/search/", "Search"),
        ("/ask/", "Ask us a question"),
    ]:
        response = page.goto(app_server.url + path)
        assert response.from_service_worker
        assert heading in page.text_content("h1")


def test_a_page_not_saved_shows_the_offline_page_in_the_sites_look(phone, app_server):
    page = open_app(phone, app_server)
    phone.set_offline(True)

    for path in ["/conditions/not-a-saved-page/", "/admin/", "/anything/else/"]:
        page.goto(app_server.url + path)
        assert page.text_content("h1") == "This page is not saved on your phone"
        assert page.is_visible(".site-header")


def test_search_finds_saved_guidance_with_no_connection(phone, app_server):
    page = open_app(phone, app_server)
    phone.set_offline(True)

    page.goto(app_server.url + "/search/?q=dystonia")
    assert page.text_content("#search-results [role=status]") == "1 result for “dystonia”."
    page.fill("#search-q", "muscle")
    page.click(".search-form button")
    page.wait_for_selector("#search-results[data-query=muscle]")
    assert page.locator("#search-results .card").count() == 2
    page.fill("#search-q", "xylophone")
    page.click(".search-form button")
    page.wait_for_selector("#search-results[data-query=xylophone]")
    assert "Nothing found" in page.text_content("#search-results")
