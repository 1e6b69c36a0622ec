"""Pages get reviewed on time: filters and a page for what is due, and reminders to authors."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from conditions.models import Author, Condition
from tests.factories import make_condition
from tests.html_text import visible_text

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def due_dates(db):
    """Live pages overdue, due today, due soon and due later, plus a draft long overdue."""
    writer = Author.objects.create(name="Wendy Writer", email="wendy@example.org")
    silent = Author.objects.create(name="Sam Silent")
    common = {"last_reviewed": days(-400)}
    return {
        "overdue": make_condition(
            title="Overdue", next_review_due=days(-10), author=writer, **common
        ),
        "today": make_condition(title="Due today", next_review_due=TODAY, author=silent, **common),
        "soon": make_condition(title="Due soon", next_review_due=days(20), author=writer, **common),
        "later": make_condition(
            title="Due later", next_review_due=days(90), author=writer, **common
        ),
        "draft": make_condition(
            title="Draft", next_review_due=days(-50), status=Condition.Status.DRAFT, **common
        ),
    }


def titles(html: str) -> set[str]:
    text = visible_text(html)
    return {
        title
        for title in ("Overdue", "Due today", "Due soon", "Due later", "Draft")
        if title in text
    }


def test_querysets_pick_live_pages_by_review_date(due_dates):
    overdue = set(Condition.objects.review_overdue().values_list("title", flat=True))
    soon = set(Condition.objects.review_due_within(days=30).values_list("title", flat=True))
    assert overdue == {"Overdue", "Due today"}
    assert soon == {"Due soon"}


@pytest.mark.parametrize(
    ("review", "expected"),
    [("overdue", {"Overdue", "Due today"}), ("due_soon", {"Due soon"})],
)
def test_the_changelist_filters_by_review_date(editor_client, due_dates, review, expected):
    response = editor_client.get("/admin/conditions/condition/", {"review": review})
    rows = response.content.decode().split('id="result_list"')[1].split("</table>")[0]
    assert titles(rows) == expected


def test_the_reviews_page_lists_overdue_and_due_soon_pages(editor_client, due_dates):
    html = editor_client.get("/admin/conditions/condition/reviews/").content.decode()
    overdue, due_soon = html.split('id="due-soon"')

    assert titles(overdue.split('id="overdue"')[1]) == {"Overdue", "Due today"}
    assert titles(due_soon) == {"Due soon"}
    assert "Reviews due" in editor_client.get("/admin/conditions/condition/").content.decode()


def test_reminders_email_each_author_their_due_pages(due_dates, mailoutbox, capsys):
    call_command("review_reminders")

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["wendy@example.org"]
    assert message.subject == "2 pages are due for review"
    assert f"- Overdue: overdue since {days(-10):%-d %B %Y}" in message.body
    assert f"- Due soon: due {days(20):%-d %B %Y}" in message.body
    assert (
        f"http://127.0.0.1:8000/admin/conditions/condition/{due_dates['soon'].pk}/change/"
        in message.body
    )
    assert "Due later" not in message.body and "Draft" not in message.body
    output = capsys.readouterr()
    assert "Sent 1 reminder(s) about 2 page(s)." in output.out
    assert "“Due today”" in output.err and "Sam Silent without an email address" in output.err


def test_reminders_look_as_far_ahead_as_asked(due_dates, mailoutbox):
    call_command("review_reminders", "--days", "100")
    assert "Due later" in mailoutbox[0].body
    call_command("review_reminders", "--days", "0")
    assert "Due soon" not in mailoutbox[1].body


def test_reminders_go_to_the_console_unless_an_email_backend_is_configured():
    from config import settings as project_settings  # the test run swaps in an in-memory outbox

    assert project_settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"
