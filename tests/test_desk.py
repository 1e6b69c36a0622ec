"""The editors' desk on the admin's home page: the right counts, links to lists showing the same
items, and a fixed number of SQL queries however much is waiting."""

import datetime
import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conditions.models import Condition, SourceLink
from submissions.models import Comment, Question
from submissions.unfound import this_week
from tests.factories import make_condition
from tests.staff import sign_in

ROW = re.compile(
    r'<th scope="row"><a href="(?P<url>[^"]+)">(?P<what>[^<]+)</a></th>\s*'
    r'<td class="desk-count">(?P<count>\d+)</td>\s*<td>(?P<who>[^<]+)</td>'
)


_numbers = itertools.count()


def waiting(times: int) -> None:
    """`times` of each kind of thing that waits, and one of each that does not."""
    today = timezone.localdate()
    for number in itertools.islice(_numbers, times):
        page = make_condition(title=f"Page {number}")
        Comment.objects.create(condition=page, name="Ann", text="Thank you.")
        Question.objects.create(text="Does heat help?")
        make_condition(status=Condition.Status.IN_REVIEW)
        make_condition(
            last_reviewed=today - datetime.timedelta(days=400),
            next_review_due=today - datetime.timedelta(days=1),
        )
        make_condition(
            last_reviewed=today - datetime.timedelta(days=300),
            next_review_due=today + datetime.timedelta(days=10),
        )
        SourceLink.objects.create(url=f"https://example.org/gone/{number}", status=404)
    Comment.objects.create(condition=page, name="Bo", text="Shown.", status="approved")
    Question.objects.create(text="Answered?", status=Question.Status.ANSWERED)
    SourceLink.objects.create(url=f"https://example.org/fine/{number}", status=200)


def desk(client) -> dict[str, tuple[int, str, str]]:
    page = client.get("/admin/").content.decode()
    return {
        row["what"]: (int(row["count"]), row["who"], row["url"].replace("&amp;", "&"))
        for row in ROW.finditer(page)
    }


@pytest.mark.django_db
def test_the_desk_counts_what_waits_and_links_to_the_same_items(reviewer_client):
    waiting(3)

    assert desk(reviewer_client) == {
        "Comments to moderate": (
            3, "Editors", "/admin/submissions/comment/?status__exact=pending"
        ),
        "Questions without an answer": (
            3, "Editors", "/admin/submissions/question/?status__exact=new"
        ),
        "Conditions in review": (
            3, "Clinical reviewers", "/admin/conditions/condition/?status__exact=in_review"
        ),
        "Reviews overdue": (3, "Clinical reviewers", "/admin/conditions/condition/?review=overdue"),
        "Reviews due within 30 days": (
            3, "Clinical reviewers", "/admin/conditions/condition/?review=due_soon"
        ),
        "Broken source links": (3, "Editors", "/admin/conditions/sourcelink/?link=broken"),
        "Searches that found nothing this week": (
            0, "Editors", f"/admin/submissions/unfoundsearch/?week={this_week().isoformat()}"
        ),
    }  # fmt: skip
    for count, _, url in desk(reviewer_client).values():
        listed = reviewer_client.get(url)
        assert listed.status_code == 200
        assert listed.context["cl"].result_count == count, url


@pytest.mark.django_db
def test_the_desk_costs_the_same_queries_whatever_waits(reviewer_client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert reviewer_client.get("/admin/").status_code == 200
        return len(captured)

    waiting(1)
    few = queries()
    waiting(6)
    assert queries() == few


@pytest.mark.django_db
def test_the_desk_shows_only_the_lists_a_person_may_see(client, django_user_model):
    user = django_user_model.objects.create_user("ivy", password="x", is_staff=True)
    sign_in(client, user)
    assert desk(client) == {}
