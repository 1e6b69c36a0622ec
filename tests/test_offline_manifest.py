"""The offline manifest lists everything the app keeps offline, with revisions that move exactly
when what is at each URL changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.models import Condition, Section
from conditions.selectors import MANIFEST_FIELDS, MANIFEST_SQL, publication_manifest_rows
from tests.bulk import make_conditions
from tests.factories import make_condition, republish

MANIFEST = "/api/v1/offline-manifest/"


def manifest(client) -> dict:
    response = client.get(MANIFEST)
    assert response.status_code == 200
    return response.json()


def revisions(client) -> dict[str, str]:
    return {entry["url"]: entry["revision"] for entry in manifest(client)["entries"]}


def test_lists_the_app_shell_every_page_and_every_published_condition(client, seeded):
    make_condition(slug="hidden-draft", status=Condition.Status.DRAFT)

    urls = [entry["url"] for entry in manifest(client)["entries"]]

    assert {"/", "/offline/", "/search/", "/ask/"} <= set(urls)
    for slug in ["dystonia-and-medical-cannabis", "severe-or-persistent-muscle-spasms"]:
        assert f"/conditions/{slug}/" in urls
        assert f"/api/v1/offline-search/conditions/{slug}/" in urls
        assert f"/api/v1/conditions/{slug}/" not in urls  # one copy: the page and its entry
    assert any(url.startswith("/static/frontend/css/app.") for url in urls)
    assert not any("hidden-draft" in url for url in urls)
    assert not any(url.startswith("/static/admin/") for url in urls)
    assert len(urls) == len(set(urls))


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_entry_is_served_with_the_size_and_revision_it_states(
    client, seeded, reviewer, language
):
    """As the worker checks them: an entry whose ETag is not its revision is never saved."""
    from tests.translations import make_translation

    make_translation(Condition.objects.get(slug="dystonia-and-medical-cannabis"), by=reviewer)
    body = client.get(MANIFEST, {"lang": language} if language != "en" else {}).json()
    checked = []

    for entry in body["entries"]:
        response = client.get(entry.get("source", entry["url"]))  # a page's copy, as the worker
        assert response.status_code == 200, entry["url"]
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert len(content) == entry["bytes"], entry["url"]
        if response.has_header("ETag") and not entry["url"].startswith("/static/"):
            etag = response["ETag"].removeprefix("W/")
            assert etag == f'"{entry["revision"]}"', entry["url"]
            checked.append(entry["url"])
    assert any(url.startswith("/api/v1/offline-search/names/") for url in checked)
    assert body["total_bytes"] == sum(entry["bytes"] for entry in body["entries"])


def test_editing_a_condition_changes_exactly_its_entries(client, db):
    one = make_condition(sections=[(Section.Kind.OTHER, "Part", "First text.")])
    make_condition()
    before = revisions(client)
    version_before = manifest(client)["version"]

    section = one.sections.get()
    section.body = "Second text."
    section.save()
    republish(one)

    after = revisions(client)
    changed = {url for url in before if before[url] != after[url]}
    assert changed == {one.get_absolute_url(), f"/api/v1/offline-search/conditions/{one.slug}/"}
    assert manifest(client)["version"] != version_before


def test_unpublishing_drops_its_entries_and_the_lists_that_named_it(client, db):
    one = make_condition()
    other = make_condition()
    before = revisions(client)

    one.status = Condition.Status.DRAFT
    one.save()
    republish(one)

    after = revisions(client)
    assert set(before) - set(after) == {
        one.get_absolute_url(),
        f"/api/v1/offline-search/conditions/{one.slug}/",
    }
    changed = {url for url in after if before[url] != after[url]}
    assert changed == {"/", "/ask/"}
    assert after[other.get_absolute_url()] == before[other.get_absolute_url()]


def test_manifest_is_revalidated_with_its_etag_and_sets_no_cookie(client, seeded):
    response = client.get(MANIFEST)
    assert "Set-Cookie" not in response.headers
    assert "csrftoken" not in response.cookies

    again = client.get(MANIFEST, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_query_count_is_the_same_at_1_and_200_conditions(client, db, settings):
    settings.OFFLINE_MEASURED_PER_CHECK = 1_000  # every size measured: the answer is kept

    def queries() -> int:
        client.get(MANIFEST, headers={"if-none-match": '"warm-up"'})
        with CaptureQueriesContext(connection) as captured:
            assert client.get(MANIFEST).status_code == 200
        return len(captured)

    make_condition()
    at_one = queries()
    make_conditions(199)
    assert queries() == at_one <= 3


def test_page_sizes_never_file_new_html_under_an_old_revision(db):
    """A publish racing the manifest must not poison the page cache, nor crash it."""
    from django.core.cache import caches

    from frontend.pages import condition_page_key, condition_page_sizes

    one = make_condition(sections=[(Section.Kind.OTHER, "Part", "Old text.")])
    gone = make_condition()
    old_revision = one.publication.revision
    cache = caches["pages"]
    cache.clear()
    section = one.sections.get()
    section.body = "New text."
    section.save()
    republish(one)
    gone.status = Condition.Status.DRAFT
    gone.save()
    republish(gone)

    old = {"revision": old_revision, "comments_revision": "", "terms_revision": ""}
    sizes = condition_page_sizes({one.slug: old, gone.slug: {**old, "revision": "whatever"}})

    assert set(sizes) == {one.slug}
    assert cache.get(condition_page_key(**old)) is None
    one.publication.refresh_from_db()
    new_key = condition_page_key(**{**old, "revision": one.publication.revision})
    assert "New text." in cache.get(new_key).decode()


def test_a_check_for_new_guidance_reads_the_pages_from_an_index_alone(seeded):
    """The manifest's rows come from an index, in title order, not from the publications' rows:
    on SQLite, a column after the payload is read by following its overflow pages (the plan, not
    the time, is checked)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's query plan")
    make_conditions(3)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + MANIFEST_SQL, ["en"])
        plan = [row[-1] for row in cursor.fetchall()]

    assert plan == [
        "SEARCH conditions_publication USING COVERING INDEX publication_manifest_read (language=?)"
    ]
    titles = [row[MANIFEST_FIELDS.index("title")] for row in publication_manifest_rows("en")]
    assert len(titles) == 5  # the seed's two and these three
    assert titles == sorted(titles)
