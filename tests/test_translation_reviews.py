"""Each translation has its own review dates: it falls due, is listed and is reminded of on its
own, with its language named, whatever its original's dates."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from conditions.models import Author, Condition
from tests.html_text import visible_text
from tests.translations import GERMAN, make_original, make_translation

TODAY = timezone.localdate()
NAMED = f"{GERMAN['title']} (Deutsch, translation of “Leg cramps”)"


def german_due_soon(reviewer) -> tuple[Condition, Condition]:
    """An English page due next year, and its German translation due in 10 days."""
    writer = Author.objects.create(name="Wendy Writer", email="wendy@example.org")
    original = make_original(author=writer, next_review_due=TODAY + datetime.timedelta(days=300))
    translation = make_translation(original, by=reviewer)
    Condition.objects.filter(pk=translation.pk).update(
        next_review_due=TODAY + datetime.timedelta(days=10)
    )
    return original, Condition.objects.get(pk=translation.pk)


def test_publishing_a_translation_sets_its_own_review_date(reviewer):
    original = make_original(next_review_due=TODAY + datetime.timedelta(days=30))

    translation = make_translation(original, by=reviewer)

    assert translation.next_review_due == TODAY + datetime.timedelta(days=365)
    assert translation.last_reviewed == TODAY
    original.refresh_from_db()
    assert original.next_review_due == TODAY + datetime.timedelta(days=30)


def test_a_translation_due_is_reminded_of_on_its_own_with_its_language(reviewer, mailoutbox):
    _, translation = german_due_soon(reviewer)

    call_command("review_reminders")

    [message] = mailoutbox
    assert message.to == ["wendy@example.org"]
    assert message.subject == f"Review due: {NAMED}"
    due = translation.next_review_due
    assert f"- {NAMED}: due {due.day} {due:%B %Y}" in message.body
    assert f"/admin/conditions/condition/{translation.pk}/change/" in message.body
    assert "- Leg cramps:" not in message.body


def test_the_reviews_page_and_filter_list_the_translation_on_its_own(reviewer, editor_client):
    german_due_soon(reviewer)

    html = editor_client.get("/admin/conditions/condition/reviews/").content.decode()
    due_soon = visible_text(html.split('id="due-soon"')[1])
    listing = editor_client.get("/admin/conditions/condition/", {"review": "due_soon"})
    rows = listing.content.decode().split('id="result_list"')[1].split("</table>")[0]

    assert NAMED in due_soon and "Deutsch" in due_soon
    assert "Leg cramps (" not in due_soon.replace(NAMED, "")
    assert GERMAN["title"] in rows and "Leg cramps" not in rows
