"""Two app servers sharing one database and one Redis (DJANGO_CACHE_URL for the rate limit,
DJANGO_PAGES_CACHE_URL for rendered pages): what one is told, the other knows at once.

They run against the Redis scripts/test-redis starts (the redis_cache_url fixture, which marks
them `redis`: `make test` runs them in its PostgreSQL half)."""

import pytest
import redis
from playwright.sync_api import expect

from tests.browser.staff_steps import sign_in_with_password
from tests.browser.test_editorial import DYSTONIA, open_as_reviewer
from tests.browser.test_production_server import ask, request

PAGE = f"/conditions/{DYSTONIA}/"


@pytest.fixture
def two_servers(seeded_databases, start_server, tmp_path, redis_cache_url):
    database = seeded_databases.copy(tmp_path)
    settings = {
        "DJANGO_CACHE_URL": redis_cache_url,
        "DJANGO_PAGES_CACHE_URL": redis_cache_url,
        "DJANGO_SUBMISSION_RATE": "3/hour",
    }
    return [start_server(database_url=database, settings=settings) for _ in range(2)]


def redis_keys(redis_cache_url: str, pattern: str) -> list[bytes]:
    server, prefix = redis_cache_url.split("?key_prefix=")
    return list(redis.Redis.from_url(server).scan_iter(match=f"{prefix}:{pattern}"))


def test_the_rate_limit_counts_across_both_servers_in_redis(two_servers, redis_cache_url):
    first, second = two_servers

    statuses = [ask(first), ask(second), ask(first), ask(second), ask(first)]

    assert statuses == [201, 201, 201, 429, 429]
    assert redis_keys(redis_cache_url, "1:throttle_submissions_*")


def test_a_page_published_through_one_server_is_served_by_the_other_at_once(
    two_servers, redis_cache_url, server_pages, monkeypatch
):
    """The second server has the old page in the shared cache; it reads the new revision from the
    database on the next request and serves the new page, with a new ETag."""
    first, second = two_servers
    status, before_headers, before = request(second, "GET", PAGE)
    assert status == 200
    assert redis_keys(redis_cache_url, "pages:1:1:condition-page*")

    page = open_as_reviewer(server_pages, first, monkeypatch, DYSTONIA)
    publish_url = page.url.replace("/change/", "/publish/")
    page.fill("#id_summary", "Published through the first server.")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")
    page.goto(publish_url)
    page.fill("#id_reading_age_reason", "Reviewed as it is for a test.")
    page.click("#publish-form input[type=submit]")
    expect(page.locator(".messagelist")).to_contain_text("is published")

    status, after_headers, after = request(second, "GET", PAGE)
    assert status == 200
    assert "Published through the first server." in after
    assert "Published through the first server." not in before
    assert after_headers["ETag"] != before_headers["ETag"]
    page.goto(second.url + PAGE)
    expect(page.locator(".summary")).to_have_text("Published through the first server.")


def test_wrong_passwords_on_both_servers_count_towards_one_lockout(
    two_servers, server_pages, monkeypatch
):
    """The lockout counters stay in the shared database (django-axes), with Redis as the cache."""
    first, second = two_servers
    monkeypatch.setenv("EDITH_PASSWORD", "her-long-password-1")
    first.manage(
        "create_staff_account",
        "--role",
        "editor",
        "--username",
        "edith",
        "--email",
        "edith@example.org",
        "--password-from-env",
        "EDITH_PASSWORD",
    )
    for server in (first, second, first, second):
        sign_in_with_password(server_pages, server, "edith", "not-her-password")
        expect(server_pages.locator(".errornote")).to_be_visible()

    sign_in_with_password(server_pages, second, "edith", "not-her-password")
    expect(server_pages.locator("h1")).to_have_text("Signing in is paused")
    sign_in_with_password(server_pages, first, "edith", "her-long-password-1")
    expect(server_pages.locator("h1")).to_have_text("Signing in is paused")


def test_both_servers_measuring_the_offline_entries_at_once_agree(two_servers):
    """The sizes a check measures are written down for every server: two measuring the same
    entries at the same moment both answer, with the same sizes, and no write fails."""
    import json
    from concurrent.futures import ThreadPoolExecutor

    asked = [
        (server, f"/api/v1/offline-manifest/?lang={language}")
        for language in ("en", "de")
        for server in two_servers
    ] * 2
    with ThreadPoolExecutor(max_workers=len(asked)) as pool:
        answers = list(pool.map(lambda one: request(one[0], "GET", one[1]), asked))

    assert [status for status, _, _ in answers] == [200] * len(asked)
    for language in ("en", "de"):
        sizes = [
            [(e["url"], e["revision"], e["bytes"]) for e in json.loads(body)["entries"]]
            for (_, path), (_, _, body) in zip(asked, answers, strict=True)
            if path.endswith(language)
        ]
        assert len(sizes) == 4 and all(these == sizes[0] for these in sizes), language
