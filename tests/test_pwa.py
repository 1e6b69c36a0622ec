"""What makes the site installable: the web app manifest, the service worker and their links."""

import json
import struct

import pytest
from django.test import override_settings

from frontend import pages, pwa
from tests.html_text import elements

READER_PAGES = [
    "/",
    "/conditions/severe-or-persistent-muscle-spasms/",
    "/search/",
    "/ask/",
    "/offline/",
]


@pytest.fixture
def fresh_app_version():
    """Forget the cached app version before and after a test that changes what it hashes."""
    caches = [pages.app_shell_files, pages.app_version, pwa.service_worker_script]
    for cached in caches:
        cached.cache_clear()
    yield
    for cached in caches:
        cached.cache_clear()


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", content[16:24])


def test_manifest_describes_a_standalone_app_with_all_icons(client):
    response = client.get("/manifest.webmanifest")
    manifest = json.loads(response.content)

    assert response["Content-Type"] == "application/manifest+json"
    assert "no-cache" in response["Cache-Control"]
    assert manifest["name"] == "Spasm & Dystonia Guide"
    assert manifest["short_name"] == "Spasm Guide"
    assert manifest["description"]
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == (
        "/",
        "/",
        "standalone",
    )
    assert manifest["lang"] == "en"
    assert manifest["theme_color"].startswith("#")
    assert manifest["background_color"].startswith("#")
    declared = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert declared == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}


def test_every_icon_is_served_as_a_png_of_its_declared_size(client):
    manifest = json.loads(client.get("/manifest.webmanifest").content)

    for icon in manifest["icons"]:
        response = client.get(icon["src"])
        assert response.status_code == 200, icon["src"]
        assert response["Content-Type"] == "image/png"
        width, height = png_size(body(response))
        assert f"{width}x{height}" == icon["sizes"]


def test_service_worker_is_served_from_the_root_and_always_revalidated(client):
    response = client.get("/sw.js")
    script = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    config = json.loads(script.split("\n", 1)[0].removeprefix("const CONFIG = ").rstrip(";"))
    assert config["version"] == pages.app_version()
    assert config["manifestUrl"] == "/api/v1/offline-manifest/"
    assert config["offlineUrl"] == "/offline/"
    assert config["staticUrl"] == "/static/"
    assert 'self.addEventListener("fetch"' in script


def test_service_worker_and_manifest_answer_304_when_unchanged_and_refuse_writes(client):
    for url in ["/sw.js", "/manifest.webmanifest"]:
        etag = client.get(url)["ETag"]
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        assert client.post(url).status_code == 405


def test_every_page_links_the_manifest_icons_and_theme_colour(client, seeded):
    for url in READER_PAGES:
        tags = elements(client.get(url).content.decode())
        links = {attrs["rel"]: attrs["href"] for tag, attrs in tags if tag == "link"}
        metas = [attrs for tag, attrs in tags if tag == "meta"]
        scripts = [attrs for tag, attrs in tags if tag == "script"]

        assert links["manifest"] == "/manifest.webmanifest", url
        assert links["apple-touch-icon"].startswith("/static/frontend/icons/"), url
        assert sum(meta.get("name") == "theme-color" for meta in metas) == 2, url
        assert any(s.get("data-service-worker") == "/sw.js" for s in scripts), url
        viewport = next(meta["content"] for meta in metas if meta.get("name") == "viewport")
        assert "user-scalable" not in viewport and "maximum-scale" not in viewport


def test_the_offline_manifest_carries_the_app_version_and_the_scripts_and_icons(client, seeded):
    manifest = client.get("/api/v1/offline-manifest/").json()
    urls = [entry["url"] for entry in manifest["entries"]]

    assert manifest["app_version"] == pages.app_version()
    for name in ["js/app.", "js/before-paint.", "icons/icon-192.", "icons/apple-touch-icon."]:
        assert any(url.startswith(f"/static/frontend/{name}") for url in urls), name


def test_icons_only_an_installing_browser_reads_are_not_kept_offline(client, seeded):
    urls = [entry["url"] for entry in client.get("/api/v1/offline-manifest/").json()["entries"]]
    web_manifest = client.get("/manifest.webmanifest").json()
    large = [icon["src"] for icon in web_manifest["icons"] if icon["sizes"] == "512x512"]

    assert len(large) == 2
    assert not set(large) & set(urls)
    assert all(client.get(src).status_code == 200 for src in large)


def test_a_new_release_makes_a_new_service_worker_and_new_page_revisions(
    client, seeded, fresh_app_version
):
    before = client.get("/api/v1/offline-manifest/").json()
    worker_before = client.get("/sw.js").content

    with override_settings(APP_RELEASE="next"):
        pages.app_version.cache_clear()
        pwa.service_worker_script.cache_clear()
        after = client.get("/api/v1/offline-manifest/").json()
        worker_after = client.get("/sw.js").content

    assert worker_after != worker_before
    assert after["app_version"] != before["app_version"]
    old = {entry["url"]: entry["revision"] for entry in before["entries"]}
    changed = {entry["url"] for entry in after["entries"] if old[entry["url"]] != entry["revision"]}
    pages_only = {url for url in old if not url.startswith(("/static/", "/api/"))}
    assert changed == pages_only | {"/api/v1/offline-parts/"}  # the pages' repeated parts


def test_rendered_responses_name_the_app_version(client, seeded):
    """The service worker refuses to save a page another version rendered, as during a deploy."""
    for url in [*READER_PAGES, "/api/v1/offline-manifest/", "/api/v1/conditions/"]:
        assert client.get(url)["X-App-Version"] == pages.app_version(), url
