"""Searches that found nothing: counted by their words and week only, capped, shown to editors,
and deleted with the rest of what readers sent."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from submissions import unfound
from submissions.models import UnfoundSearch
from tests.factories import make_condition
from tests.test_desk import desk


@pytest.fixture
def guidance(db):
    make_condition(title="Dystonia", lead="Muscles tighten on their own.")


def counted() -> dict[str, int]:
    return dict(UnfoundSearch.objects.values_list("query", "searches"))


def test_the_page_and_the_api_count_searches_that_found_nothing(client, guidance):
    client.get("/search/", {"q": "  Writer's   CRAMP "})
    client.get("/api/v1/search/", {"q": "writer's cramp"})
    client.get("/search/", {"q": "ｗｒｉｔｅｒ's cramp"})  # full-width letters, as some phones type
    client.get("/api/v1/search/", {"q": "tics"})

    assert counted() == {"writer's cramp": 3, "tics": 1}
    assert set(UnfoundSearch.objects.values_list("week", flat=True)) == {unfound.this_week()}


def test_nothing_else_about_the_search_is_kept(client, guidance):
    client.get("/search/", {"q": "tics"}, HTTP_USER_AGENT="Phone", REMOTE_ADDR="203.0.113.9")
    row = UnfoundSearch.objects.values().get()
    assert set(row) == {"id", "week", "query", "searches"}
    assert row["week"].weekday() == 0


def test_the_unfinished_words_of_a_box_searching_as_the_reader_types_are_not_counted(
    client, guidance
):
    for words in ["d", "dy", "dys"]:
        assert client.get("/api/v1/search/", {"q": words, "typing": "1"}).json()["count"] == 0
    assert counted() == {}


@pytest.mark.parametrize("query", ["dystonia", "dystnia", "", "   ", "x" * 201, "a\x00b"])
def test_a_search_that_found_something_or_was_refused_is_not_counted(client, guidance, query):
    client.get("/search/", {"q": query})
    client.get("/api/v1/search/", {"q": query})
    assert counted() == {}


def test_long_words_are_cut_and_a_full_week_counts_new_words_together(client, guidance):
    client.get("/search/", {"q": "tremor " * 28})
    [(long_words, _)] = counted().items()
    assert len(long_words) <= unfound.QUERY_LENGTH
    assert long_words.startswith("tremor tremor")

    week = unfound.this_week()
    UnfoundSearch.objects.bulk_create(
        UnfoundSearch(week=week, query=f"filler {n}", searches=1)
        for n in range(unfound.WEEKLY_QUERIES - 1)
    )
    for n in range(5):
        client.get("/api/v1/search/", {"q": f"hostile {n}"})
    client.get("/api/v1/search/", {"q": "filler 7"})

    assert UnfoundSearch.objects.filter(week=week).count() == unfound.WEEKLY_QUERIES + 1
    assert counted()[unfound.OTHERS] == 5
    assert counted()["filler 7"] == 2
    assert unfound.unfound_searches_this_week() == 1 + (unfound.WEEKLY_QUERIES - 1) + 5 + 1


def test_retention_deletes_the_weeks_that_ended_before_it(db):
    today = timezone.localdate()
    weeks = {days: unfound.week_of(today - datetime.timedelta(days=days)) for days in (0, 360, 380)}
    for days, week in weeks.items():
        UnfoundSearch.objects.create(week=week, query=f"{days} days ago", searches=2)

    call_command("delete_old_submissions", "--days", "365", verbosity=0)

    assert sorted(counted()) == ["0 days ago", "360 days ago"]


def test_editors_see_the_weeks_most_searched_first_and_cannot_change_them(editor_client, db):
    this, last = unfound.this_week(), unfound.this_week() - datetime.timedelta(days=7)
    for week, query, searches in [
        (this, "botox", 3),
        (this, "tics", 12),
        (last, "old words", 40),
        (this, unfound.OTHERS, 2),
    ]:
        UnfoundSearch.objects.create(week=week, query=query, searches=searches)

    listed = editor_client.get("/admin/submissions/unfoundsearch/", {"week": this.isoformat()})

    html = listed.content.decode()
    rows = re.findall(r'<th class="field-words">(?:<a [^>]*>)?([^<]+)', html)
    assert rows == ["tics", "botox", "(other words: the week&#x27;s list was full)"]
    assert "This week (" in html
    assert "old words" not in html
    assert editor_client.get("/admin/submissions/unfoundsearch/add/").status_code == 403
    row = UnfoundSearch.objects.get(query="tics")
    change = editor_client.post(f"/admin/submissions/unfoundsearch/{row.pk}/change/", {})
    assert change.status_code == 403
    assert "old words" in editor_client.get("/admin/submissions/unfoundsearch/").content.decode()


def test_the_desk_says_how_many_searches_found_nothing_this_week(editor_client, client, guidance):
    row = "Searches that found nothing this week"
    assert desk(editor_client)[row][0] == 0
    for query in ["tics", "tics", "botox", "dystonia"]:
        client.get("/search/", {"q": query})

    count, who, url = desk(editor_client)[row]

    assert (count, who) == (3, "Editors")
    assert url == f"/admin/submissions/unfoundsearch/?week={unfound.this_week().isoformat()}"
    assert editor_client.get(url).context["cl"].result_count == 2
