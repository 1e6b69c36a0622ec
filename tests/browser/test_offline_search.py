"""The installed app's search with no connection, by the server's rules: the agreement table
(tests/search_agreement.py) in chromium, search as you type, and the one copy per condition
the phone keeps for it."""

from urllib.parse import quote

from playwright.sync_api import expect

from tests.browser.steps import open_app
from tests.search_agreement import AGREEMENT, CONDITIONS

ADD_CONTENT = "from tests.search_agreement import add_content; add_content()"
SAVED_URLS = """async () => {
    const states = await caches.open("guide-state-v1");
    const [key] = await states.keys();
    return Object.keys((await (await states.match(key)).json()).entries);
}"""


def first_three_online(server, query: str) -> list[str]:
    answer = server.get_json(f"/api/v1/search/?typing=1&q={quote(query)}")
    return [result["slug"] for result in answer["results"][:3]]


def first_three_offline(page, server, query: str) -> list[str]:
    page.goto(f"{server.url}/search/?q={quote(query)}")
    page.wait_for_function(
        "query => document.getElementById('search-results').dataset.query === query",
        arg=query,
    )
    hrefs = page.locator("#search-results .card-title a").evaluate_all(
        "links => links.slice(0, 3).map(a => new URL(a.href).pathname)"
    )
    return [href.split("/")[2] for href in hrefs]


def test_the_agreement_table_offline_in_chromium(phone, app_server):
    app_server.manage("shell", "-c", ADD_CONTENT)
    online = {query: first_three_online(app_server, query) for query, *_ in AGREEMENT}
    page = open_app(phone, app_server)
    phone.set_offline(True)

    disagreements = []
    for query, kind, first in AGREEMENT:
        offline = first_three_offline(page, app_server, query)
        if offline[:1] != [first] or offline != online[query]:
            disagreements.append((query, kind, first, offline, online[query]))
    assert disagreements == []
    assert len(AGREEMENT) >= 30


def test_the_phone_keeps_one_entry_per_condition_for_search(phone, app_server):
    app_server.manage("shell", "-c", ADD_CONTENT)
    page = open_app(phone, app_server)

    urls = page.evaluate(SAVED_URLS)

    slugs = {url.split("/")[-2] for url in urls if url.startswith("/api/v1/offline-search/c")}
    assert len(slugs) == len(CONDITIONS) + 2  # and the seed's two
    for slug in slugs:
        assert [url for url in urls if f"/{slug}/" in url] == [
            f"/conditions/{slug}/",
            f"/api/v1/offline-search/conditions/{slug}/",
        ]
    assert not any(url.startswith("/api/v1/conditions/") for url in urls)


def test_with_no_connection_the_installed_app_searches_as_you_type(phone, app_server):
    online = app_server.get_json(f"/api/v1/search/?typing=1&q={quote('dystnia blinking')}")
    page = open_app(phone, app_server)
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
