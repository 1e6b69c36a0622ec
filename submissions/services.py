"""Writes: storing what readers send exactly once, answering (and emailing the answer),
moderating and forgetting it."""

import hashlib
import json
import uuid

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from conditions.models import Condition, Publication
from conditions.services import publication_comments_store

from .models import Comment, Feedback, Question, Submission, reader_language
from .unfound import unfound_searches_older_than


class KeyReused(Exception):
    """The idempotency key was already used for a submission with different content."""


class AnswerConflict(Exception):
    """Someone else saved this question after the form was opened."""

    def __init__(self, question: Question):
        self.question = question
        super().__init__(f"Question {question.pk} changed meanwhile.")


def request_fingerprint(data) -> str:
    """A hash of what the reader sent (a JSON body or a form's fields), to recognise a retry."""
    if hasattr(data, "lists"):  # a form's QueryDict: every value of every field
        data = {name: values for name, values in data.lists()}
    canonical = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def submission_replay(model: type[Submission], *, key, fingerprint: str) -> Submission | None:
    """The submission already stored under `key`, if any; KeyReused if it had other content."""
    existing = model.objects.filter(idempotency_key=key).first()
    if existing is not None and existing.request_hash != fingerprint:
        raise KeyReused(key)
    return existing


def _receive(
    model: type[Submission], *, key: uuid.UUID, fingerprint: str, fields: dict
) -> tuple[Submission, bool]:
    """Store a submission once per key: (the submission, whether this call stored it).

    Two requests with the same key may arrive together; the unique key lets only one insert
    succeed, and the other then finds that row.
    """
    existing = submission_replay(model, key=key, fingerprint=fingerprint)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            submission = model.objects.create(
                idempotency_key=key, request_hash=fingerprint, **fields
            )
        return submission, True
    except IntegrityError:
        existing = submission_replay(model, key=key, fingerprint=fingerprint)
        if existing is None:  # another constraint failed, not the key's
            raise
        return existing, False


def question_submit(
    *,
    key: uuid.UUID,
    fingerprint: str,
    text: str,
    email: str = "",
    condition: Condition | None = None,
    language: str = "",
) -> tuple[Question, bool]:
    """Store a question once per key, with the language the reader asked in (the request's
    active language; one the app does not offer is stored as the first)."""
    fields = {
        "text": text,
        "email": email,
        "condition": condition,
        "language": reader_language(language),
    }
    return _receive(Question, key=key, fingerprint=fingerprint, fields=fields)


def feedback_submit(
    *, key: uuid.UUID, fingerprint: str, condition: Condition, helpful: bool, comment: str = ""
) -> tuple[Feedback, bool]:
    fields = {"condition": condition, "helpful": helpful, "comment": comment}
    return _receive(Feedback, key=key, fingerprint=fingerprint, fields=fields)


def comment_submit(
    *, key: uuid.UUID, fingerprint: str, condition: Condition, name: str, email: str, text: str
) -> tuple[Comment, bool]:
    fields = {"condition": condition, "name": name, "email": email, "text": text}
    return _receive(Comment, key=key, fingerprint=fingerprint, fields=fields)


@transaction.atomic
def question_answer(
    *, question: Question, status: str, answer: str, by, seen_edit_version: int
) -> Question:
    """Record the team's answer; refused if someone else saved the question after it was opened.

    Saving what is already saved changes nothing, so it is no conflict: a second press of a
    button whose first press got through saves nothing and overwrites nobody.
    """
    current = Question.objects.select_for_update().get(pk=question.pk)
    if (status, answer) == (current.status, current.answer):
        return current
    if current.edit_version != seen_edit_version:
        raise AnswerConflict(current)
    if answer != current.answer or (status == Question.Status.ANSWERED and not current.answered_by):
        current.answered_by = by
        current.answered_at = timezone.now()
    current.status = status
    current.answer = answer
    current.edit_version += 1
    current.save(update_fields=["status", "answer", "answered_by", "answered_at", "edit_version"])
    return current


class AnswerNotSent(Exception):
    """Nothing was emailed; the message tells the editor why and what to do."""


class AnswerAlreadySent(AnswerNotSent):
    pass


NO_EMAIL = (
    "This reader gave no email address, so the answer cannot be sent to them. Save it here so "
    "that the team knows how the question was answered."
)
NO_ANSWER = "Write the answer before sending it."
ANSWER_SENT_FIELDS = ["answer_sent", "answer_sent_at", "answer_sent_by"]


def staff_name(user) -> str:
    """A team member as a colleague reads them in the admin."""
    if user is None:
        return "someone on the team"
    return user.get_full_name() or user.get_username()


def _answer_email(question: Question) -> EmailMessage:
    """The answer as the reader reads it: subject and body in the language they asked in."""
    with translation.override(reader_language(question.language)):
        site_name = gettext(settings.SITE_NAME)
        context = {"question": question, "site_name": site_name}
        return EmailMessage(
            subject=gettext("Your question to the %(site_name)s") % {"site_name": site_name},
            body=render_to_string("submissions/answer_email.txt", context),
            to=[question.email],
        )


def question_answer_send(*, question: Question, by) -> Question:
    """Email the reader the question's saved answer, at most once for the same answer.

    The row is claimed as sent under a lock before the mail server is called, so two presses at
    once send one email, and released again if the server fails, so the editor can try again.
    The lock is not held while the mail server answers.
    """
    with transaction.atomic():
        current = (
            Question.objects.select_for_update(of=("self",))
            .select_related("answer_sent_by")
            .get(pk=question.pk)
        )
        if not current.email:
            raise AnswerNotSent(NO_EMAIL)
        if not current.answer.strip():
            raise AnswerNotSent(NO_ANSWER)
        if current.answer_sent_at and current.answer_sent == current.answer:
            when = formats.date_format(timezone.localtime(current.answer_sent_at), "j F Y, H:i")
            who = staff_name(current.answer_sent_by)
            raise AnswerAlreadySent(
                f"This answer was already sent to {current.email} on {when} by {who}. It was "
                "not sent again."
            )
        before = {field: getattr(current, field) for field in ANSWER_SENT_FIELDS}
        current.answer_sent = current.answer
        current.answer_sent_at = timezone.now()
        current.answer_sent_by = by
        current.save(update_fields=ANSWER_SENT_FIELDS)
    try:
        _answer_email(current).send()
    except Exception as error:
        Question.objects.filter(pk=current.pk, answer_sent_at=current.answer_sent_at).update(
            **before
        )
        if not isinstance(error, OSError):  # smtplib's errors, and a refused connection
            raise
        raise AnswerNotSent(
            f"The answer is saved, but it was not sent: the mail server failed ({error}). "
            "Nothing reached the reader. Press “Save and send answer” to try again."
        ) from error
    return current


def comments_published(*, condition_id: int) -> list[dict]:
    """The approved comments of one condition as the page shows them: never the email."""
    return [
        {"name": name, "text": text, "date": timezone.localdate(created_at).isoformat()}
        for name, text, created_at in Comment.objects.approved()
        .filter(condition_id=condition_id)
        .order_by("created_at", "pk")
        .values_list("name", "text", "created_at")
    ]


@transaction.atomic
def comments_publish(*, condition_id: int) -> None:
    """Put the condition's approved comments on its published page (and so on every phone)."""
    # Locked first, so that comments moderated at the same moment are read in turn.
    if not Publication.objects.select_for_update().filter(condition_id=condition_id).first():
        return  # not on the site; publishing it later brings its comments along
    publication_comments_store(
        condition_id=condition_id, comments=comments_published(condition_id=condition_id)
    )


@transaction.atomic
def comment_moderate(*, comments, status: str, by) -> int:
    """Approve or reject comments; the pages they were left on change at once."""
    changed = list(
        Comment.objects.select_for_update()
        .filter(pk__in=[c.pk for c in comments])
        .exclude(status=status)
    )
    now = timezone.now()
    for comment in changed:
        comment.status = status
        comment.moderated_by = by
        comment.moderated_at = now
        comment.save(update_fields=["status", "moderated_by", "moderated_at"])
    for condition_id in {comment.condition_id for comment in changed}:
        comments_publish(condition_id=condition_id)
    return len(changed)


@transaction.atomic
def comments_delete(*, comments) -> int:
    condition_ids = {comment.condition_id for comment in comments}
    count, _ = Comment.objects.filter(pk__in=[c.pk for c in comments]).delete()
    for condition_id in condition_ids:
        comments_publish(condition_id=condition_id)
    return count


@transaction.atomic
def submissions_forget(*, days: int, dry_run: bool = False) -> dict[str, int]:
    """Delete what readers sent more than `days` ago.

    Approved comments are part of the page, so they stay, but their email addresses are erased.
    A week's counts of searches that found nothing go once the whole week is that old.
    """
    questions = Question.objects.older_than(days)
    feedback = Feedback.objects.older_than(days)
    old_comments = Comment.objects.older_than(days)
    unpublished_comments = old_comments.exclude(status=Comment.Status.APPROVED)
    published_emails = old_comments.approved().exclude(email="")
    unfound = unfound_searches_older_than(days)
    counts = {
        "questions deleted": questions.count(),
        "feedback deleted": feedback.count(),
        "unapproved comments deleted": unpublished_comments.count(),
        "approved comments' email addresses erased": published_emails.count(),
        "weekly counts of searches that found nothing deleted": unfound.count(),
    }
    if not dry_run:
        questions.delete()
        feedback.delete()
        unpublished_comments.delete()
        published_emails.update(email="")
        unfound.delete()
    return counts
