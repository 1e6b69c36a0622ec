"""The content API serves only published guidance, cheaply revalidated, in a documented shape."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.models import Condition, Section
from tests.bulk import make_conditions
from tests.factories import make_condition, republish

LIST = "/api/v1/conditions/"
DYSTONIA = "/api/v1/conditions/dystonia-and-medical-cannabis/"
SUMMARY_FIELDS = {
    "slug", "title", "also_called", "question", "summary", "lead_html", "updated_at", "revision",
    "url",
}  # fmt: skip
DETAIL_FIELDS = {
    "slug", "title", "also_called", "question", "summary", "lead_html", "sections", "author",
    "reviewer", "conflict_of_interest",
    "last_reviewed", "next_review_due", "related", "sources", "page_url", "revision", "updated_at",
}  # fmt: skip


def test_list_has_published_summaries_only(client, seeded):
    make_condition(title="Draft", status=Condition.Status.DRAFT)

    body = client.get(LIST).json()

    assert body["count"] == 2
    assert [item["title"] for item in body["results"]] == [
        "Dystonia and medic cannabis",
        "Severe or Persistent Muscle Spasms",
    ]
    assert all(set(item) == SUMMARY_FIELDS for item in body["results"])
    assert body["results"][0]["url"] == DYSTONIA


def test_list_is_paginated(client, db):
    for n in range(51):
        make_condition(title=f"Condition {n:02}", slug=f"c-{n:02}")

    first = client.get(LIST).json()
    second = client.get(first["next"]).json()

    assert (first["count"], len(first["results"]), first["previous"]) == (51, 50, None)
    assert (len(second["results"]), second["next"]) == (1, None)
    assert second["results"][0]["slug"] == "c-50"
    assert second["previous"] == "/api/v1/conditions/?page=1"


@pytest.mark.parametrize("page", ["0", "3", "abc"])
def test_a_page_that_does_not_exist_is_404_with_a_reason(client, db, page):
    make_condition()
    response = client.get(LIST, {"page": page})
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Invalid page")


def test_detail_has_everything_the_page_shows(client, seeded):
    body = client.get(DYSTONIA).json()

    assert set(body) == DETAIL_FIELDS
    assert body["author"] == {
        "name": "Alexandra Latour",
        "short_name": "Alexandra",
        "credentials": "Medical Writer",
        "bio": body["author"]["bio"],
        "bio_language": "de",
    }
    assert [s["kind"] for s in body["sections"]] == ["symptoms", "research"]
    assert "<li>A “dragging leg”</li>" in body["sections"][0]["html"]
    assert body["related"] == [
        {
            "slug": "severe-or-persistent-muscle-spasms",
            "title": "Severe or Persistent Muscle Spasms",
        }
    ]
    assert (body["last_reviewed"], body["next_review_due"]) == ("2026-11-21", "2027-11-21")
    assert body["page_url"] == "/conditions/dystonia-and-medical-cannabis/"


def test_drafts_and_unknown_slugs_are_404(client, db):
    draft = make_condition(status=Condition.Status.DRAFT)
    for url in [f"/api/v1/conditions/{draft.slug}/", "/api/v1/conditions/nothing-here/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "No published condition has this slug."}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_write_methods_are_not_allowed(client, seeded, method):
    for url in [LIST, DYSTONIA]:
        response = getattr(client, method)(url, {}, content_type="application/json")
        assert response.status_code == 405
    assert Condition.objects.count() == 2


def test_responses_carry_validators_and_cache_headers(client, seeded):
    for url in [LIST, DYSTONIA]:
        response = client.get(url)
        assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
        assert response["Cache-Control"] == "public, no-cache"
        assert client.get(url)["ETag"] == response["ETag"]
    assert client.get(DYSTONIA)["Last-Modified"].endswith("GMT")


def test_list_has_no_last_modified_that_unpublishing_would_not_move(client, seeded):
    """Unpublishing makes the list older, so only the ETag can say it changed."""
    assert "Last-Modified" not in client.get(LIST).headers
    etag = client.get(LIST)["ETag"]

    dystonia = Condition.objects.get(slug="dystonia-and-medical-cannabis")
    dystonia.status = Condition.Status.DRAFT
    dystonia.save()
    republish(dystonia)

    assert client.get(LIST, headers={"if-none-match": etag}).status_code == 200


def test_current_etag_gets_304_without_building_the_body(client, seeded):
    etag = client.get(DYSTONIA)["ETag"]

    with CaptureQueriesContext(connection) as queries:
        response = client.get(DYSTONIA, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert len(queries) == 1


def test_if_modified_since_gets_304_until_the_content_changes(client, seeded):
    last_modified = client.get(DYSTONIA)["Last-Modified"]
    response = client.get(DYSTONIA, headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_a_stale_etag_gets_the_full_response(client, seeded):
    response = client.get(DYSTONIA, headers={"if-none-match": '"stale"'})
    assert response.status_code == 200
    assert response.json()["slug"] == "dystonia-and-medical-cannabis"


def test_published_edit_changes_the_etag_and_nothing_else_does(client, seeded):
    dystonia = Condition.objects.get(slug="dystonia-and-medical-cannabis")
    spasms_url = "/api/v1/conditions/severe-or-persistent-muscle-spasms/"
    before = client.get(DYSTONIA)["ETag"], client.get(spasms_url)["ETag"]

    republish(dystonia)  # saved again, unchanged
    assert (client.get(DYSTONIA)["ETag"], client.get(spasms_url)["ETag"]) == before

    section = dystonia.sections.get(kind=Section.Kind.RESEARCH)
    section.body += "\n\nA new study was published."
    section.save()
    republish(dystonia)

    after = client.get(DYSTONIA)
    assert after["ETag"] != before[0]
    assert "A new study was published." in after.json()["sections"][1]["html"]
    assert client.get(spasms_url)["ETag"] == before[1]
    assert client.get(DYSTONIA, headers={"if-none-match": before[0]}).status_code == 200


def test_list_etag_changes_when_a_condition_is_published(client, seeded):
    before = client.get(LIST)["ETag"]
    make_condition()
    assert client.get(LIST)["ETag"] != before


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_is_the_same_at_1_and_200_conditions(client, db):
    sections = [(Section.Kind.OTHER, f"Part {n}", "Body.") for n in range(5)]
    first = make_condition(sections=sections)
    urls = [LIST, f"/api/v1/conditions/{first.slug}/", first.get_absolute_url(), "/"]
    at_one = [queries_for(client, url) for url in urls]

    make_conditions(199, sections=sections, related=[first])
    republish(first)
    at_two_hundred = [queries_for(client, url) for url in urls]

    assert at_one == at_two_hundred
    assert max(at_two_hundred) <= 2


def test_schema_is_openapi_3_and_docs_load_only_local_assets(client, db):
    schema = client.get("/api/v1/schema/", headers={"accept": "application/json"})
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")
    assert {"/api/v1/conditions/", "/api/v1/conditions/{slug}/"} <= set(schema.json()["paths"])

    docs = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "http://" not in docs and "https://" not in docs


def test_unknown_api_addresses_get_a_json_404(client, db):
    for url in ["/api/v1/nothing/", "/api/v2/conditions/", "/api/v1/conditions/a/b/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("prefix", ["/api/v1/conditions/", "/api/v1/offline-search/conditions/"])
@pytest.mark.parametrize("slug", ["%00", "a%00b", "%F0%9F%98%80", "..%2F"])
def test_an_address_that_cannot_be_a_slug_is_not_found_on_every_database(client, db, prefix, slug):
    response = client.get(f"{prefix}{slug}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
