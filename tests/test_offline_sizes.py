"""The offline manifest states each entry's size. A check measures (renders) at most
OFFLINE_MEASURED_PER_CHECK conditions not measured at their revision yet and estimates the
others, so that no check takes minutes after a deploy; the sizes measured are kept for every
server, and `measure_offline_entries` measures them all."""

import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.models import Section
from frontend.models import MeasuredEntry
from tests.bulk import make_conditions
from tests.factories import make_condition, republish

MANIFEST = "/api/v1/offline-manifest/"


def served_size(client, entry: dict) -> int:
    response = client.get(entry.get("source", entry["url"]))  # a page's copy, as the worker
    assert response.status_code == 200, entry["url"]
    return len(response.content)


CONDITION_ENTRIES = ("/conditions/", "/api/v1/offline-search/conditions/")


def condition_entries(body: dict) -> list[dict]:
    return [entry for entry in body["entries"] if entry["url"].startswith(CONDITION_ENTRIES)]


def measured_conditions() -> int:
    """How many conditions have sizes written down: a page and a search entry each."""
    rows = MeasuredEntry.objects.filter(url__regex=r"^/(api/v1/offline-search/)?conditions/")
    return rows.count() / 2


def test_a_check_measures_a_few_conditions_and_estimates_the_others_until_all_are_measured(
    client, db, settings
):
    settings.OFFLINE_MEASURED_PER_CHECK = 2
    make_conditions(5, sections=[(Section.Kind.OTHER, "Part", "Some words. " * 40)])

    bodies = []
    for measured_after in (2, 4, 5, 5):
        body = client.get(MANIFEST).json()
        bodies.append(body)
        assert measured_conditions() == measured_after
        assert all(entry["bytes"] > 0 for entry in body["entries"])
        assert body["total_bytes"] == sum(entry["bytes"] for entry in body["entries"])

    assert len({body["version"] for body in bodies}) == 1  # sizes are not part of the version
    # The pages listing every condition are measured once per revision, not at every check.
    home = next(entry for entry in bodies[0]["entries"] if entry["url"] == "/")
    assert MeasuredEntry.objects.get(url="/").revision == home["revision"]
    assert home["bytes"] == served_size(client, home)
    first, last = condition_entries(bodies[0]), condition_entries(bodies[-1])
    measured = {row.url: row.bytes for row in MeasuredEntry.objects.all()}
    for entry in last:  # measured, all of them: exact
        assert entry["bytes"] == measured[entry["url"]] == served_size(client, entry)
    exact = [entry for entry in first if entry["bytes"] == measured[entry["url"]]]
    assert len(exact) >= 4  # the two measured at the first check
    # The others were estimated in proportion to their payload: close, here the same shape.
    for entry in first:
        assert abs(entry["bytes"] - measured[entry["url"]]) <= measured[entry["url"]] * 0.1


def test_a_size_measured_at_an_older_revision_is_measured_again(client, db):
    one = make_condition(sections=[(Section.Kind.OTHER, "Part", "Short.")])
    client.get(MANIFEST)
    section = one.sections.get()
    section.body = "Much longer now. " * 50
    section.save()
    republish(one)

    body = client.get(MANIFEST).json()

    for entry in condition_entries(body):
        assert entry["bytes"] == served_size(client, entry)
        assert MeasuredEntry.objects.get(url=entry["url"]).revision == entry["revision"]


def test_the_command_measures_every_entry_not_measured_yet_in_every_language(
    client, seeded, settings
):
    settings.OFFLINE_MEASURED_PER_CHECK = 1
    make_conditions(4)
    client.get(MANIFEST)  # measures one

    out = io.StringIO()
    call_command("measure_offline_entries", stdout=out)

    assert "en: 5 of 6 conditions measured now" in out.getvalue()
    assert "de: 0 of 0 conditions" in out.getvalue()  # no German page published here
    body = client.get(MANIFEST).json()
    for entry in condition_entries(body):
        assert entry["bytes"] == served_size(client, entry)
    again = io.StringIO()
    call_command("measure_offline_entries", stdout=again)
    assert "en: 0 of 6 conditions measured now" in again.getvalue()


def test_a_check_that_measures_costs_the_same_queries_at_any_size(client, db, settings):
    settings.OFFLINE_MEASURED_PER_CHECK = 20

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(MANIFEST).status_code == 200
        return len(captured)

    make_conditions(60)
    client.get(MANIFEST)  # writes down this version and measures 20
    at_60 = queries()
    make_conditions(140)
    client.get(MANIFEST)
    assert queries() == at_60
    assert measured_conditions() == 80  # 20 more at each of the four checks


def test_the_home_page_is_measured_as_a_new_visitor_gets_it_whoever_asks(client, seeded):
    """A German browser is offered German on the home page; the size written down for every
    server is the page without the offer, not the first asker's."""
    body = client.get(MANIFEST, headers={"accept-language": "de-DE,de;q=0.9"}).json()

    home = next(entry for entry in body["entries"] if entry["url"] == "/")
    assert home["bytes"] == served_size(client, home)
    offered = client.get("/", headers={"accept-language": "de-DE,de;q=0.9"}).content
    assert len(offered) != home["bytes"]
