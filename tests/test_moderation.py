"""The team answers questions, reads feedback and moderates comments in the admin; approved
comments reach the page and the phones, and email addresses never leave the admin."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conditions.models import Condition
from conditions.services import publication_remove
from submissions.models import Comment, Feedback, Question
from submissions.services import comment_moderate
from tests.factories import make_condition, republish
from tests.forms import form_data
from tests.html_text import visible_text

DYSTONIA = "dystonia-and-medical-cannabis"
PAGE = f"/conditions/{DYSTONIA}/"
SECRET_EMAIL = "hidden.reader@example.com"


def leave_comment(condition: Condition, text="It helped me.", name="Ann", email=SECRET_EMAIL):
    return Comment.objects.create(condition=condition, text=text, name=name, email=email)


def comments_changelist_action(client, action: str, comments) -> None:
    response = client.post(
        "/admin/submissions/comment/",
        {"action": action, "_selected_action": [c.pk for c in comments]},
    )
    assert response.status_code == 302, response.content[:500]


@pytest.fixture
def dystonia(seeded):
    return Condition.objects.get(slug=DYSTONIA)


def test_an_approved_comment_shows_on_the_page_with_name_and_text_only(
    client, dystonia, editor_client
):
    comment = leave_comment(dystonia)
    before = client.get(PAGE)
    assert "It helped me." not in before.content.decode()

    comments_changelist_action(editor_client, "approve", [comment])

    after = client.get(PAGE)
    text = visible_text(after.content.decode())
    assert "Comments (1)" in text
    assert "Ann, " in text and "It helped me." in text
    assert SECRET_EMAIL not in after.content.decode()
    assert after["ETag"] != before["ETag"]
    comment.refresh_from_db()
    assert comment.moderated_by.username == "edith"


def test_rejecting_an_approved_comment_takes_it_off_the_page(client, dystonia, editor_client):
    comment = leave_comment(dystonia)
    comments_changelist_action(editor_client, "approve", [comment])
    comments_changelist_action(editor_client, "reject", [comment])
    assert "It helped me." not in client.get(PAGE).content.decode()


def test_deleting_an_approved_comment_takes_it_off_the_page(client, dystonia, reviewer_client):
    comment = leave_comment(dystonia)
    comment_moderate(comments=[comment], status=Comment.Status.APPROVED, by=None)
    response = reviewer_client.post(
        f"/admin/submissions/comment/{comment.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert "It helped me." not in client.get(PAGE).content.decode()


def test_approving_changes_only_the_pages_manifest_entry(client, dystonia):
    before = {
        e["url"]: e["revision"] for e in client.get("/api/v1/offline-manifest/").json()["entries"]
    }
    comment_moderate(comments=[leave_comment(dystonia)], status=Comment.Status.APPROVED, by=None)
    after = {
        e["url"]: e["revision"] for e in client.get("/api/v1/offline-manifest/").json()["entries"]
    }

    changed = sorted(url for url in after if after[url] != before[url])
    assert changed == [PAGE]


def test_approved_comments_come_back_when_a_page_is_published_again(client, dystonia):
    comment_moderate(comments=[leave_comment(dystonia)], status=Comment.Status.APPROVED, by=None)
    publication_remove(condition=dystonia)
    assert client.get(PAGE).status_code == 404

    republish(dystonia)

    assert "It helped me." in client.get(PAGE).content.decode()


def test_comments_stay_when_the_page_is_republished_with_new_content(client, dystonia):
    comment_moderate(comments=[leave_comment(dystonia)], status=Comment.Status.APPROVED, by=None)
    dystonia.summary = "A new summary."
    dystonia.save()
    republish(dystonia)
    html = client.get(PAGE).content.decode()
    assert "A new summary." in html and "It helped me." in html


def test_email_addresses_never_leave_the_admin(client, dystonia, tmp_path):
    comment_moderate(comments=[leave_comment(dystonia)], status=Comment.Status.APPROVED, by=None)
    Question.objects.create(text="Q", email=SECRET_EMAIL, condition=dystonia)
    call_command("export_conditions", str(tmp_path / "export.json"), verbosity=0)

    public = [
        client.get(url).content.decode()
        for url in ["/", PAGE, "/api/v1/conditions/", f"/api/v1/conditions/{DYSTONIA}/",
                    "/api/v1/offline-manifest/", "/search/?q=helped", "/ask/"]
    ]  # fmt: skip
    public.append((tmp_path / "export.json").read_text())

    assert "It helped me." in public[1]
    assert [SECRET_EMAIL in text for text in public] == [False] * len(public)


def test_many_comments_cost_no_more_queries(client, db):
    quiet = make_condition()
    busy = make_condition()
    comment_moderate(
        comments=[leave_comment(busy, text=f"Comment {n}") for n in range(50)],
        status=Comment.Status.APPROVED,
        by=None,
    )
    with CaptureQueriesContext(connection) as quiet_queries:
        client.get(quiet.get_absolute_url())
    with CaptureQueriesContext(connection) as busy_queries:
        html = client.get(busy.get_absolute_url()).content.decode()
    assert "Comments (50)" in visible_text(html)
    # Its revisions, then (rendered for the first time) the page's content: no comment query.
    assert len(quiet_queries) == len(busy_queries) == 2


def test_an_editor_answers_a_question_and_is_named_as_answering(editor_client, dystonia):
    question = Question.objects.create(text="Is it legal?", email=SECRET_EMAIL, condition=dystonia)
    url = f"/admin/submissions/question/{question.pk}/change/"
    page = editor_client.get(url).content.decode()
    assert SECRET_EMAIL in page  # the team needs it to answer
    data = form_data(page, "question_form")

    response = editor_client.post(url, {**data, "status": "answered", "answer": "It depends."})

    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.status, question.answer, question.answered_by.username) == (
        "answered",
        "It depends.",
        "edith",
    )
    assert question.answered_at is not None
    assert question.text == "Is it legal?"  # what the reader sent is never edited


def test_answered_without_an_answer_is_refused(editor_client, dystonia):
    question = Question.objects.create(text="Is it legal?")
    url = f"/admin/submissions/question/{question.pk}/change/"
    data = form_data(editor_client.get(url).content.decode(), "question_form")
    response = editor_client.post(url, {**data, "status": "answered", "answer": ""})
    assert response.status_code == 200
    assert "Write the answer you sent before marking it answered." in response.content.decode()
    question.refresh_from_db()
    assert question.status == "new"


def test_two_people_answering_at_once_cannot_overwrite_each_other(
    editor_client, reviewer_client, dystonia
):
    question = Question.objects.create(text="Is it legal?")
    url = f"/admin/submissions/question/{question.pk}/change/"
    edith = form_data(editor_client.get(url).content.decode(), "question_form")
    rui = form_data(reviewer_client.get(url).content.decode(), "question_form")
    reviewer_client.post(url, {**rui, "status": "answered", "answer": "Rui's answer."})

    response = editor_client.post(url, {**edith, "status": "closed", "answer": "Edith's."})

    assert response.status_code == 200
    assert "saved this question after you opened it" in response.content.decode()
    question.refresh_from_db()
    assert (question.answer, question.status) == ("Rui's answer.", "answered")


def test_feedback_summary_lists_the_least_helpful_pages_first(editor_client, dystonia):
    other = Condition.objects.exclude(pk=dystonia.pk).get()
    for helpful, comment in [(True, ""), (False, "Confusing"), (False, "")]:
        Feedback.objects.create(condition=dystonia, helpful=helpful, comment=comment)
    Feedback.objects.create(condition=other, helpful=True)

    response = editor_client.get("/admin/submissions/feedback/summary/")

    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert f"{dystonia.title} 1 2 33 % 1 {other.title} 1 0 100 % 0" in text
    assert (
        "Helpfulness by condition"
        in editor_client.get("/admin/submissions/feedback/").content.decode()
    )


def test_readers_submissions_cannot_be_added_or_rewritten_in_the_admin(reviewer_client, dystonia):
    assert reviewer_client.get("/admin/submissions/question/add/").status_code == 403
    assert reviewer_client.get("/admin/submissions/comment/add/").status_code == 403
    comment = leave_comment(dystonia)
    url = f"/admin/submissions/comment/{comment.pk}/change/"
    data = form_data(reviewer_client.get(url).content.decode(), "comment_form")
    reviewer_client.post(url, {**data, "status": "approved", "text": "Forged", "email": "x@y.z"})
    comment.refresh_from_db()
    assert (comment.status, comment.text, comment.email) == (
        "approved",
        "It helped me.",
        SECRET_EMAIL,
    )


def test_retention_deletes_old_submissions_and_erases_old_emails(client, dystonia):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    old = [
        Question.objects.create(text="Old question"),
        Feedback.objects.create(condition=dystonia, helpful=True),
        leave_comment(dystonia, text="Old pending"),
        leave_comment(dystonia, text="Old approved"),
    ]
    for submission in old:
        type(submission).objects.filter(pk=submission.pk).update(created_at=long_ago)
    comment_moderate(comments=[old[3]], status=Comment.Status.APPROVED, by=None)
    recent = Question.objects.create(text="Recent question", email="r@example.com")

    call_command("delete_old_submissions", "--dry-run", verbosity=0)
    assert Question.objects.count() == 2

    call_command("delete_old_submissions", verbosity=0)

    assert list(Question.objects.all()) == [recent]
    assert Feedback.objects.count() == 0
    approved = Comment.objects.get()
    assert (approved.text, approved.email) == ("Old approved", "")
    assert "Old approved" in client.get(PAGE).content.decode()
    assert Question.objects.get().email == "r@example.com"


def test_a_hostile_comment_is_shown_as_plain_text(client, dystonia):
    attack = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    comment = leave_comment(dystonia, text=f"Hi {attack}", name=f"Ann {attack}")
    comment_moderate(comments=[comment], status=Comment.Status.APPROVED, by=None)

    html = client.get(PAGE).content.decode()

    comments = html[
        html.index('<ol class="comment-list">') : html.index(
            "</ol>", html.index('<ol class="comment-list">')
        )
    ]
    assert "<script" not in comments and "<img" not in comments
    assert f"Ann {attack}" in visible_text(html) and f"Hi {attack}" in visible_text(html)


def test_a_reviewer_can_delete_a_condition_readers_wrote_about(reviewer_client, dystonia):
    Feedback.objects.create(condition=dystonia, helpful=True)
    leave_comment(dystonia)
    Question.objects.create(text="About it", condition=dystonia)
    response = reviewer_client.post(
        f"/admin/conditions/condition/{dystonia.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Condition.objects.filter(pk=dystonia.pk).exists()
    # The question is the reader's, not the page's: it stays, about no condition.
    assert Question.objects.get().condition is None
