"""The installed app's search with no connection, by the server's rules: the agreement table
(tests/search_agreement.py) in chromium, in English and German, search as you type, the one
copy per condition the phone keeps for it, and its index made once per saved copy."""

import json
from urllib.parse import quote

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from playwright.sync_api import expect

from tests.browser.conftest import serve_for_reading
from tests.browser.steps import check_for_new_guidance, open_app, publish_edit
from tests.search_agreement import AGREEMENT, CONDITIONS, GERMAN_AGREEMENT, SPASMS

ADD_CONTENT = "from tests.search_agreement import add_content; add_content()"
SAVED_URLS = """async () => {
    const states = await caches.open("guide-state-v1");
    const [key] = await states.keys();
    return Object.keys((await (await states.match(key)).json()).entries);
}"""


@pytest.fixture(scope="module")
def agreement_server(seeded_databases, tmp_path_factory):
    """The seed and the agreement table's content, on one server for this module's tests that
    only read (see `reading_server`)."""
    yield from serve_for_reading(
        seeded_databases, tmp_path_factory, lambda server: server.manage("shell", "-c", ADD_CONTENT)
    )


def first_three_online(server, query: str, language: str = "en") -> list[str]:
    answer = server.get_json(f"/api/v1/search/?typing=1&lang={language}&q={quote(query)}")
    return [result["slug"] for result in answer["results"][:3]]


def search_page(page, server, query: str, language: str = "en") -> list[str]:
    """Search on the search page (in `language`), as a reader does; the result links' paths."""
    prefix = "" if language == "en" else f"/{language}"
    page.goto(f"{server.url}{prefix}/search/?q={quote(query)}")
    page.wait_for_function(
        "query => document.getElementById('search-results').dataset.query === query",
        arg=query,
    )
    return page.locator("#search-results .card-title a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )


def first_three_offline(page, server, query: str, language: str = "en") -> list[str]:
    paths = search_page(page, server, query, language)[:3]
    return [path.split("/conditions/")[1].strip("/") for path in paths]


def disagreements(page, server, table, online, language: str = "en") -> list[tuple]:
    found = []
    for query, kind, first in table:
        offline = first_three_offline(page, server, query, language)
        if offline[:1] != [first] or offline != online[query]:
            found.append((query, kind, first, offline, online[query]))
    return found


@pytest.mark.every_database
def test_the_agreement_table_offline_in_chromium(phone, agreement_server):
    online = {query: first_three_online(agreement_server, query) for query, *_ in AGREEMENT}
    page = open_app(phone, agreement_server)
    phone.set_offline(True)

    assert disagreements(page, agreement_server, AGREEMENT, online) == []
    assert len(AGREEMENT) >= 30


@pytest.mark.every_database
def test_the_german_agreement_table_offline_in_chromium(phone, agreement_server):
    """A German reader's app keeps the German pages, and stems them and the searches as the
    server does (Krämpfe finds Krampf)."""
    table = GERMAN_AGREEMENT
    online = {query: first_three_online(agreement_server, query, "de") for query, *_ in table}
    page = open_app(phone, agreement_server, "/de/")
    phone.set_offline(True)

    assert disagreements(page, agreement_server, table, online, "de") == []
    assert len(table) >= 10
    search_page(page, agreement_server, "Krämpfe", "de")
    marked = page.locator("#search-results mark").all_inner_texts()
    assert {"Krampf", "Krämpfen"} <= set(marked)  # other forms of the word searched


def parsed_and_found(page, server, query: str) -> tuple[int, list[str]]:
    """Search on a newly opened page: how many entries it read to search, and what it found."""
    paths = search_page(page, server, query)
    url = json.dumps(staticfiles_storage.url("frontend/js/search-rank.js"))
    return page.evaluate(f"async () => (await import({url})).built.parsed"), paths


def test_the_index_is_made_once_per_saved_copy_not_on_every_page(phone, app_server):
    page = open_app(phone, app_server)
    phone.set_offline(True)
    spasms = f"/conditions/{SPASMS}/"

    parsed, found = parsed_and_found(page, app_server, "spasms")
    assert parsed == 2 and found[0] == spasms  # the seed's two entries read
    # Another page, another search: the index is read back, not made again.
    parsed, found = parsed_and_found(page, app_server, "cannabis")
    assert parsed == 0 and len(found) == 2

    # A new version of the saved copy (an edit synced): made again, once, with the edit.
    phone.set_offline(False)

    def add_sentence(condition):
        condition["sections"][0]["body"] += "\n\nWobbly knees can come with it."

    publish_edit(app_server, SPASMS, add_sentence)
    page.goto(f"{app_server.url}/")
    # Opening the page, the app checks by itself; either check may bring the edit (CI saw the
    # app's own first), and a check asked for waits for one under way (one sync at a time).
    said = check_for_new_guidance(page)
    assert said in {"1 guidance page was updated.", "The guidance on this phone is up to date."}
    phone.set_offline(True)
    assert parsed_and_found(page, app_server, "wobbly") == (2, [spasms])
    assert parsed_and_found(page, app_server, "wobbly knees") == (0, [spasms])


def test_the_phone_keeps_one_entry_per_condition_for_search(phone, agreement_server):
    page = open_app(phone, agreement_server)

    urls = page.evaluate(SAVED_URLS)

    slugs = {url.split("/")[-2] for url in urls if url.startswith("/api/v1/offline-search/c")}
    assert len(slugs) == len(CONDITIONS) + 2  # and the seed's two
    for slug in slugs:
        assert [url for url in urls if f"/{slug}/" in url] == [
            f"/conditions/{slug}/",
            f"/api/v1/offline-search/conditions/{slug}/",
        ]
    assert not any(url.startswith("/api/v1/conditions/") for url in urls)


def test_with_no_connection_the_installed_app_searches_as_you_type(phone, reading_server):
    online = reading_server.get_json(f"/api/v1/search/?typing=1&q={quote('dystnia blinking')}")
    page = open_app(phone, reading_server)
    phone.set_offline(True)

    page.tap("#search-q")
    page.keyboard.type("dystnia blinking")

    # As the server: one typo corrected, "blinking" widened to blepharospasm, the same order.
    assert online["did_you_mean"] == "dystonia blinking"
    expect(page.locator(".live-results [role=status]")).to_have_text(
        f"{online['count']} results for “dystonia blinking”"
    )
    links = page.locator(".live-results .live-result")
    titles = links.locator(".live-title").all_inner_texts()
    assert titles == [result["title"] for result in online["results"]]
    marked = [word.lower() for word in links.first.locator("mark").all_inner_texts()]
    assert marked and set(marked) <= {"dystonia", "blinking", "blepharospasm"}
    first = online["results"][0]
    assert links.first.get_attribute("href") == (first["section"] or {}).get("url", first["url"])
    links.first.tap()
    page.wait_for_url(f"**{first['url']}**")
    assert page.text_content("h1") == first["title"]
