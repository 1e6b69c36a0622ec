"""The installed app on a phone: everything readable with no connection, kept up to date."""

import math

from tests.browser.steps import (
    PRESS_GUARD_MS,
    STORAGE_POLL_MS,
    check_for_new_guidance,
    open_app,
    publish_edit,
    wait_until_saved_copy_has,
)

SEED_SLUGS = ["dystonia-and-medical-cannabis", "severe-or-persistent-muscle-spasms"]


MANIFEST = "/api/v1/offline-manifest/"
ENTRIES = "/api/v1/offline-search/conditions/"  # a condition's search entry, beside its page


def paths(requests, status=None) -> set[str]:
    return {path for _, path, code in requests if status is None or code == status}


def manifest_checks(requests) -> list[str]:
    """The offline manifest's addresses asked for: with `?since=` when asking what changed."""
    return [path for _, path, _ in requests if path.split("?")[0] == MANIFEST]


def test_installable_with_no_errors(phone_with_profile, reading_server):
    page = open_app(phone_with_profile, reading_server)

    session = phone_with_profile.new_cdp_session(page)
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    manifest = session.send("Page.getAppManifest")

    assert errors == []
    assert manifest["errors"] == []
    assert manifest["url"] == reading_server.url + "/manifest.webmanifest"


def test_visiting_only_the_home_page_saves_everything_in_the_offline_manifest(
    phone, reading_server
):
    manifest = reading_server.get_json("/api/v1/offline-manifest/")
    mark = reading_server.log_mark()

    page = open_app(phone, reading_server)

    # A condition page is fetched as its copy (its `source`, frontend/page_parts.py).
    wanted = {entry.get("source", entry["url"]) for entry in manifest["entries"]}
    requests = reading_server.requests_once(lambda found: wanted <= paths(found, status=200), mark)
    assert wanted <= paths(requests, status=200)
    status = page.text_content("#offline-status")
    assert "All guidance is saved on this phone" in status
    assert "2 guidance pages" in status
    assert f"{math.floor(manifest['total_bytes'] / 1024 + 0.5)} KB" in status  # as JS rounds
    # The answer to navigator.storage.persist() is part of the status once the browser gives it.
    page.wait_for_function(
        "() => /Your phone (will keep|may remove)/.test(document.getElementById('offline-status')"
        ".textContent)"
    )


def test_every_page_reads_with_no_connection(phone, reading_server):
    page = open_app(phone, reading_server)
    titles = {
        slug: reading_server.get_json(f"/api/v1/conditions/{slug}/")["title"] for slug in SEED_SLUGS
    }
    phone.set_offline(True)

    for slug, title in titles.items():
        response = page.goto(f"{reading_server.url}/conditions/{slug}/")
        assert response.from_service_worker
        assert page.text_content("h1") == title
    for path, heading in [
        ("/", "Guidance on muscle spasms"),
        ("/search/", "Search"),
        ("/ask/", "Ask us a question"),
    ]:
        response = page.goto(reading_server.url + path)
        assert response.from_service_worker
        assert heading in page.text_content("h1")


def test_a_page_not_saved_shows_the_offline_page_in_the_sites_look(phone, reading_server):
    page = open_app(phone, reading_server)
    phone.set_offline(True)

    for path in ["/conditions/not-a-saved-page/", "/admin/", "/anything/else/"]:
        page.goto(reading_server.url + path)
        assert page.text_content("h1") == "This page is not saved on your phone"
        assert page.is_visible(".site-header")


def search_again(page, query: str) -> None:
    # The same button pressed again sooner is taken for a shaky first press, and ignored.
    page.wait_for_timeout(PRESS_GUARD_MS)
    page.fill("#search-q", query)
    page.click(".search-form button")
    page.wait_for_selector(f"#search-results[data-query={query}]")


def test_search_finds_saved_guidance_with_no_connection(phone, app_server):
    # Found by another name only: the fields search reads are the server's (conditions/content.py).
    publish_edit(
        app_server, "dystonia-and-medical-cannabis", lambda c: c.update(also_called=["Torticollis"])
    )
    page = open_app(phone, app_server)
    phone.set_offline(True)

    page.goto(app_server.url + "/search/?q=dystonia")
    # The spasms page lists dystonia among its related conditions, so both match.
    assert page.text_content("#search-results [role=status]") == "2 results for “dystonia”."
    search_again(page, "muscle")
    assert page.locator("#search-results .card").count() == 2
    search_again(page, "xylophone")
    assert "Nothing found" in page.text_content("#search-results")
    search_again(page, "torticollis")
    assert page.text_content("#search-results [role=status]") == "1 result for “torticollis”."
    assert "Also called: Torticollis" in page.text_content("#search-results .card")


def test_a_published_edit_arrives_as_a_delta_and_reads_offline(phone, app_server):
    slug = "dystonia-and-medical-cannabis"
    page = open_app(phone, app_server, f"/conditions/{slug}/")
    new_text = "A sentence the clinical reviewer added today."

    def add_sentence(condition):
        condition["sections"][0]["body"] += f"\n\n{new_text}"

    publish_edit(app_server, slug, add_sentence)
    mark = app_server.log_mark()
    said = check_for_new_guidance(page)

    assert said == "1 guidance page was updated."
    wanted = {f"/conditions/{slug}/?copy=offline", f"{ENTRIES}{slug}/"}
    requests = app_server.requests_once(lambda found: wanted <= paths(found), mark)
    [check] = manifest_checks(requests)  # what changed since the phone's version, nothing more
    assert check.startswith(MANIFEST + "?since=")
    assert paths(requests) - {"/sw.js", check} == wanted
    page.wait_for_selector("#page-updated-notice")
    assert "This guidance was updated." in page.text_content("#page-updated-notice")
    phone.set_offline(True)
    with page.expect_navigation():
        page.click("#page-updated-notice button")
    assert new_text in page.text_content("main")
    page.wait_for_selector("text=This guidance was updated. You are reading the new version.")


def test_an_unpublished_condition_is_dropped_from_the_phone(phone, app_server):
    slug = "dystonia-and-medical-cannabis"
    page = open_app(phone, app_server)

    publish_edit(app_server, slug, lambda condition: condition.update(status="draft"))
    check_for_new_guidance(page)

    assert "1 guidance page," in page.text_content("#offline-status")
    phone.set_offline(True)
    page.goto(f"{app_server.url}/conditions/{slug}/")
    assert page.text_content("h1") == "This page is not saved on your phone"
    cached = page.evaluate(
        """async () => {
            const cache = await caches.open("guide-precache-v1");
            return (await cache.keys()).map((request) => new URL(request.url).pathname);
        }"""
    )
    assert not any(slug in path for path in cached)


def test_a_sync_fetches_only_what_changed_and_the_phone_reads_it_offline(phone, app_server):
    edited, removed = SEED_SLUGS
    page = open_app(phone, app_server)
    new_text = "A sentence the clinical reviewer added for the delta."

    def add_sentence(condition):
        condition["sections"][0]["body"] += f"\n\n{new_text}"

    publish_edit(app_server, edited, add_sentence)
    publish_edit(app_server, removed, lambda condition: condition.update(status="draft"))
    mark = app_server.log_mark()
    said = check_for_new_guidance(page)

    assert said == "1 guidance page was updated."
    fetched = {f"/conditions/{edited}/", f"{ENTRIES}{edited}/"}
    requests = app_server.requests_once(lambda found: fetched <= paths(found), mark)
    [check] = manifest_checks(requests)
    assert check.startswith(MANIFEST + "?since=")
    answer = app_server.get_json(check)  # the same question again: what the phone was told
    assert "entries" not in answer
    assert answer["removed"] == [f"/conditions/{removed}/", f"{ENTRIES}{removed}/"]
    changed = {entry["url"] for entry in answer["changed"]}
    assert changed == {"/", "/ask/", f"/conditions/{edited}/", f"{ENTRIES}{edited}/"}
    assert "1 guidance page," in page.text_content("#offline-status")

    phone.set_offline(True)
    page.goto(f"{app_server.url}/conditions/{edited}/")
    assert new_text in page.text_content("main")
    page.goto(f"{app_server.url}/conditions/{removed}/")
    assert page.text_content("h1") == "This page is not saved on your phone"
    page.goto(f"{app_server.url}/")
    assert removed not in page.inner_html("main")

    # Nothing changed since: each check (coming back online makes one too) is answered 304, and
    # nothing is fetched (the browser's own look at /sw.js aside).
    mark = app_server.log_mark()
    phone.set_offline(False)
    assert check_for_new_guidance(page) == "The guidance on this phone is up to date."
    requests = app_server.requests_once(lambda found: manifest_checks(found), mark)
    answers = {(path.split("?")[0], code) for _, path, code in requests if path != "/sw.js"}
    assert answers == {(MANIFEST, 304)}


SAVED_STATE = """async () => {
    const names = async (cacheName) => {
        const cache = await caches.open(cacheName);
        return (await cache.keys()).map((request) => request.url);
    };
    return {states: await names("guide-state-v1"), precache: await names("guide-precache-v1")};
}"""


def test_a_new_version_waits_for_the_reader_then_replaces_the_old_one(phone, app_server):
    page = open_app(phone, app_server)
    old = app_server.get_json("/api/v1/offline-manifest/")

    app_server.restart(release="2")
    new = app_server.get_json("/api/v1/offline-manifest/")
    mark = app_server.log_mark()
    said = check_for_new_guidance(page)
    page.wait_for_selector("#update-notice")

    assert said.startswith("A new version of the app is ready")
    assert "Update available" in page.text_content("#update-notice")
    # Only entries whose revision changed were fetched for the new version.
    old_revisions = {entry["url"]: entry["revision"] for entry in old["entries"]}
    fetched_at = {e["url"]: e.get("source", e["url"]) for e in old["entries"] + new["entries"]}
    changed = {
        fetched_at[e["url"]]  # a condition page is fetched as its copy
        for e in new["entries"]
        if old_revisions.get(e["url"]) != e["revision"]
    }
    fetched = paths(app_server.requests_once(lambda found: changed <= paths(found), mark))
    assert changed and changed <= fetched
    assert not (fetched & ({fetched_at[url] for url in old_revisions} - changed))
    # The old version keeps serving until the reader accepts.
    assert len(page.evaluate(SAVED_STATE)["states"]) == 2

    with page.expect_navigation():
        page.click("#update-notice button")
    page.wait_for_selector("#offline-box[data-saved=all]")

    saved = page.evaluate(SAVED_STATE)
    assert [url.rsplit("/", 1)[1] for url in saved["states"]] == [new["app_version"]]
    wanted = {
        f"{app_server.url}{e['url']}?__guide_revision={e['revision']}" for e in new["entries"]
    }
    assert set(saved["precache"]) == wanted


def test_offline_search_finds_what_the_server_finds(phone, app_server, server_pages):
    publish_edit(
        app_server,
        "severe-or-persistent-muscle-spasms",
        lambda condition: condition.update(also_called=["Muscle cramps", "Charley horse"]),
    )
    queries = [
        "dystonia",
        "MUSCLE spasms",
        "charley horse",
        "blinking",
        "wilson basal",
        "zebra",
        "dystnia",
    ]
    server_results = {}
    for query in queries:
        server_pages.goto(f"{app_server.url}/search/?q={query}")
        server_results[query] = found(server_pages)
    page = open_app(phone, app_server)
    phone.set_offline(True)

    for query in queries:
        page.goto(f"{app_server.url}/search/?q={query}")
        page.wait_for_selector(f"#search-results[data-query='{query}']")
        assert found(page) == server_results[query], query
    assert server_results["charley horse"][1][0][:2] == (
        "Severe or Persistent Muscle Spasms",
        "Also called: Muscle cramps, Charley horse",
    )
    assert server_results["dystnia"][0].startswith("Nothing found for “dystnia”. Showing")


def found(page) -> tuple[str, list[tuple[str, ...]]]:
    """What a search found: the line saying how many, and in order each result's title, other
    names, marked sentence (its <mark>s as [words]) or lead, and the section it links to."""
    results = page.locator("#search-results")
    cards = results.locator(".card")
    marked = """card => { const p = card.querySelector('.card-match, .card-lead'); return p ?
        [...p.childNodes].map(n => n.nodeName === 'MARK' ? `[${n.textContent}]` : n.textContent)
        .join('') : ''; }"""
    return results.locator("p").first.inner_text(), [
        (
            card.locator(".card-title").inner_text(),
            " ".join(card.locator(".also-called").all_inner_texts()),
            card.evaluate(marked),
            " ".join(card.locator(".card-section a").evaluate_all("a => a.map(a => a.href)")),
        )
        for card in cards.all()
    ]


def test_guidance_published_while_an_update_waits_is_there_after_updating(phone, app_server):
    slug = "severe-or-persistent-muscle-spasms"
    page = open_app(phone, app_server)
    app_server.restart(release="2")
    check_for_new_guidance(page)
    page.wait_for_selector("#update-notice")

    new_text = "Published while the reader had not yet updated."
    publish_edit(app_server, slug, lambda c: c.update(summary=new_text))
    check_for_new_guidance(page)
    # The waiting version fetched the edit in the background.
    wait_until_saved_copy_has(page, f"/conditions/{slug}/", new_text)
    with page.expect_navigation():
        page.click("#update-notice button")
    page.wait_for_selector("#offline-box[data-saved=all]")
    phone.set_offline(True)
    page.goto(f"{app_server.url}/conditions/{slug}/")

    assert new_text in page.text_content("main")


def test_updating_while_the_waiting_version_saves_an_edit_keeps_the_edit(phone, app_server):
    """The reader taps "Update now" after the waiting version stored the edited page but before
    it recorded it: activating must not delete that page as outdated."""
    slug = "severe-or-persistent-muscle-spasms"
    page_url = f"/conditions/{slug}/"
    page = open_app(phone, app_server)
    app_server.restart(release="2")
    check_for_new_guidance(page)
    page.wait_for_selector("#update-notice")
    # Hold every fetch of the condition's search entry from before the edit on, whatever starts
    # the waiting version's sync.
    held = []
    detail = f"**{ENTRIES}{slug}/"
    phone.route(detail, lambda route: held.append(route))
    new_text = "Published while the update was being saved."
    publish_edit(app_server, slug, lambda c: c.update(summary=new_text))
    check_for_new_guidance(page)
    page.wait_for_function(
        """async ([url, text]) => {
            const precache = await caches.open("guide-precache-v1");
            for (const request of await precache.keys()) {
                if (new URL(request.url).pathname !== url) continue;
                const saved = await precache.match(request);
                if (saved && (await saved.text()).includes(text)) return true;
            }
            return false;
        }""",
        arg=[page_url, new_text],
        polling=STORAGE_POLL_MS,
    )
    for _ in range(100):  # Playwright hands the held request over while the page waits
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the waiting version's fetch of the API detail was not held"

    with page.expect_navigation():
        page.click("#update-notice button")
    for route in held:
        route.continue_()
    phone.unroute(detail)

    # The version now answering must record it: an older version's record does not count.
    version = app_server.get_json("/api/v1/offline-manifest/")["app_version"]
    wait_until_saved_copy_has(page, page_url, new_text, version)
    phone.set_offline(True)
    page.goto(app_server.url + page_url)
    assert new_text in page.text_content("main")


def test_coming_back_online_checks_for_new_guidance_at_once(phone, reading_server):
    installing = reading_server.log_mark()
    page = open_app(phone, reading_server)
    # Installing read the manifest: from here, the worker would wait five minutes for the next.
    installed = reading_server.requests_once(
        lambda found: MANIFEST in manifest_checks(found), installing
    )
    assert MANIFEST in manifest_checks(installed)
    phone.set_offline(True)
    page.wait_for_function("() => navigator.onLine === false")
    mark = reading_server.log_mark()

    phone.set_offline(False)

    requests = reading_server.requests_once(lambda found: manifest_checks(found), mark, timeout=10)
    assert manifest_checks(requests)
