"""A phone that names the offline manifest's version it holds is sent only what changed since:
entries changed or added, entries removed, and the new version; `304` when nothing changed; the
whole manifest when the version is unknown or too old. Phones without this keep reading the whole
manifest as before."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.models import Condition, Section
from frontend.models import OfflineManifestVersion
from tests.bulk import make_conditions
from tests.factories import make_condition, republish

MANIFEST = "/api/v1/offline-manifest/"


def whole(client) -> dict:
    response = client.get(MANIFEST)
    assert response.status_code == 200
    return response.json()


def delta(client, since: str) -> dict:
    response = client.get(MANIFEST, {"since": since})
    assert response.status_code == 200
    return response.json()


def changed_urls(body: dict) -> set[str]:
    return {entry["url"] for entry in body["changed"]}


def edit_section(condition, text: str) -> None:
    section = condition.sections.get()
    section.body = text
    section.save()
    republish(condition)


def pages_of(condition) -> set[str]:
    return {condition.get_absolute_url(), f"/api/v1/offline-search/conditions/{condition.slug}/"}


def test_an_app_without_deltas_reads_the_whole_manifest_as_before(client, db):
    make_condition()
    response = client.get(MANIFEST)

    body = response.json()
    assert list(body) == ["app_version", "version", "total_bytes", "entries"]
    # A condition page's `source` (its copy, frontend/page_parts.py) is new: an old app fetches
    # the page itself, which it can show as it is.
    assert all(list(entry)[:3] == ["url", "revision", "bytes"] for entry in body["entries"])
    assert all(set(entry) - {"url", "revision", "bytes"} <= {"source"} for entry in body["entries"])
    assert client.get(MANIFEST, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_nothing_changed_since_the_phones_version_is_a_304(client, db):
    make_condition()
    version = whole(client)["version"]

    response = client.get(MANIFEST, {"since": version})

    assert response.status_code == 304
    assert response.content == b""


def test_an_edit_sends_that_conditions_two_entries_and_the_new_version(client, db):
    one = make_condition(sections=[(Section.Kind.OTHER, "Part", "First text.")])
    make_condition()
    before = whole(client)

    edit_section(one, "Second text.")
    body = delta(client, before["version"])

    after = whole(client)
    assert changed_urls(body) == pages_of(one)
    assert body["removed"] == []
    assert body["since"] == before["version"]
    assert body["version"] == after["version"]
    assert body["app_version"] == after["app_version"]
    assert all(entry in after["entries"] for entry in body["changed"])  # with their sizes


def test_unpublishing_removes_its_entries_and_changes_the_lists_that_named_it(client, db):
    one = make_condition()
    make_condition()
    version = whole(client)["version"]

    one.status = Condition.Status.DRAFT
    one.save()
    republish(one)
    body = delta(client, version)

    assert sorted(body["removed"]) == sorted(pages_of(one))
    assert changed_urls(body) == {"/", "/ask/"}


def test_a_new_condition_is_sent_with_the_lists_that_now_name_it(client, db):
    make_condition()
    version = whole(client)["version"]

    new = make_condition()
    body = delta(client, version)

    assert changed_urls(body) == pages_of(new) | {"/", "/ask/"}
    assert body["removed"] == []


def test_a_changed_summary_changes_the_home_page_listing_but_not_the_question_form(client, db):
    one = make_condition()
    version = whole(client)["version"]

    one.summary = "A shorter summary for the list."
    one.save()
    republish(one)

    assert changed_urls(delta(client, version)) == pages_of(one) | {"/"}


def test_applying_each_delta_to_what_the_phone_holds_gives_the_whole_manifest(client, db):
    one = make_condition(sections=[(Section.Kind.OTHER, "Part", "First text.")])
    gone = make_condition()
    held = whole(client)
    entries = {entry["url"]: entry for entry in held["entries"]}

    edit_section(one, "Second text.")
    gone.status = Condition.Status.DRAFT
    gone.save()
    republish(gone)
    make_condition()
    body = delta(client, held["version"])
    for url in body["removed"]:
        del entries[url]
    entries.update({entry["url"]: entry for entry in body["changed"]})

    now = whole(client)
    assert sorted(entries.values(), key=lambda e: e["url"]) == sorted(
        now["entries"], key=lambda e: e["url"]
    )
    assert client.get(MANIFEST, {"since": body["version"]}).status_code == 304


def test_an_unknown_version_gets_the_whole_manifest(client, db):
    make_condition()

    response = client.get(MANIFEST, {"since": "0123456789abcdef"})

    assert response.status_code == 200
    assert response.json() == whole(client)
    assert response["ETag"] == client.get(MANIFEST)["ETag"]


def test_a_version_older_than_the_ones_kept_gets_the_whole_manifest(client, db, settings):
    settings.OFFLINE_VERSIONS_KEPT = 2
    one = make_condition(sections=[(Section.Kind.OTHER, "Part", "Text 0.")])
    versions = [whole(client)["version"]]
    for number in (1, 2):
        edit_section(one, f"Text {number}.")
        versions.append(whole(client)["version"])

    assert OfflineManifestVersion.objects.count() == 2
    assert "entries" in client.get(MANIFEST, {"since": versions[0]}).json()  # too old
    assert changed_urls(delta(client, versions[1])) == pages_of(one)


def test_a_version_is_written_once_however_many_servers_send_it(client, db):
    from django.core.cache import caches

    make_condition()
    version = whole(client)["version"]
    caches["pages"].clear()  # another worker, or server, with nothing in memory
    assert whole(client)["version"] == version

    assert list(OfflineManifestVersion.objects.values_list("version", flat=True)) == [version]


def test_a_since_that_is_not_a_version_is_refused_naming_the_problem(client, db):
    make_condition()
    for since in ["", "not-a-version", "a" * 65]:
        response = client.get(MANIFEST, {"since": since})
        assert response.status_code == 400
        assert "since must be a version" in response.json()["detail"]


def test_a_delta_and_a_304_cost_the_same_queries_at_1_and_200_conditions(client, db):
    def queries() -> tuple[int, int]:
        one = Condition.objects.order_by("pk").first()
        version = whole(client)["version"]
        with CaptureQueriesContext(connection) as unchanged:
            assert client.get(MANIFEST, {"since": version}).status_code == 304
        edit_section(one, f"Text {Condition.objects.count()}.")
        client.get(MANIFEST, {"since": version})  # this worker's first look at the new version
        with CaptureQueriesContext(connection) as changed:
            assert len(delta(client, version)["changed"]) == 2
        return len(unchanged), len(changed)

    make_condition(sections=[(Section.Kind.OTHER, "Part", "Text.")])
    at_one = queries()
    make_conditions(199)
    assert queries() == at_one
    # The manifest rows and the published terms; a delta also reads the version the phone holds.
    assert at_one[0] <= 2 and at_one[1] <= 3
