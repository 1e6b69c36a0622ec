import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from conditions.models import Condition


def max_length(model, field: str) -> int:
    """The one limit the HTML forms and the API both enforce: the column's own."""
    return model._meta.get_field(field).max_length


def first_language() -> str:
    """The language of questions asked before a question recorded its own: the first offered."""
    return settings.LANGUAGES[0][0]


def reader_language(code: str) -> str:
    """`code` if the app still offers it, else the first language (a language since removed
    from DJANGO_LANGUAGES, or a row from before questions recorded theirs)."""
    offered = [language for language, _name in settings.LANGUAGES]
    return code if code in offered else offered[0]


class SubmissionQuerySet(models.QuerySet):
    def older_than(self, days: int):
        return self.filter(created_at__lt=timezone.now() - datetime.timedelta(days=days))


class QuestionQuerySet(SubmissionQuerySet):
    def unanswered(self):
        """Questions nobody on the team has answered or closed yet."""
        return self.filter(status=Question.Status.NEW)


class Submission(models.Model):
    """Something a reader sent the team, stored exactly once.

    The reader's app names each submission with a key of its own before the first attempt to send
    it, and sends the same key on every retry: a retry after a lost answer, or a second tap, finds
    the first row instead of making another. The key is unique in the database, so two copies
    arriving at the same instant cannot both be stored.
    """

    idempotency_key = models.UUIDField(
        unique=True,
        default=uuid.uuid4,
        editable=False,
        help_text="Chosen by the reader's app; the same key sent again is the same submission.",
    )
    request_hash = models.CharField(
        max_length=64,
        default="",
        editable=False,
        help_text="Fingerprint of what was sent, to refuse a reused key with different content.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class Question(Submission):
    """A question a reader sent the team; answered by email if they gave one.

    The email address lives only here and in the admin: it is never shown on a page or in an API.
    """

    class Status(models.TextChoices):
        NEW = "new", "New"
        ANSWERED = "answered", "Answered"
        CLOSED = "closed", "Closed"

    condition = models.ForeignKey(
        Condition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        help_text="The guidance the reader was asking about, if they chose one.",
    )
    text = models.TextField(max_length=2000, help_text="The reader’s question, as they wrote it.")
    email = models.EmailField(
        blank=True,
        help_text="Where the reader wants the answer. Never shown outside the admin.",
    )
    # No choices: the languages offered are a setting, and a row keeps its language when one is
    # removed (its answer is then emailed in the first language).
    language = models.CharField(
        max_length=15,
        default=first_language,
        editable=False,
        help_text="The language the reader asked in (the page's or the app's); the answer is "
        "emailed in it.",
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        help_text="New until someone on the team has answered or closed it.",
    )
    answer = models.TextField(
        blank=True,
        help_text="What the team answered, as sent to the reader. Kept here so the next person "
        "who reads this question knows it was answered and how.",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who on the team wrote the answer.",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_sent = models.TextField(
        blank=True,
        editable=False,
        help_text="The answer exactly as it was last emailed to the reader: the same answer is "
        "never sent twice.",
    )
    answer_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the answer was last emailed to the reader."
    )
    answer_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who on the team emailed the answer.",
    )
    edit_version = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Counts saves in the admin, so two people answering at once cannot overwrite "
        "each other.",
    )

    objects = QuestionQuerySet.as_manager()

    class Meta(Submission.Meta):
        pass

    def __str__(self) -> str:
        return self.text[:60]


class Feedback(Submission):
    """A reader's answer to "Was this helpful?" on one condition page, with an optional comment."""

    condition = models.ForeignKey(
        Condition,
        on_delete=models.CASCADE,
        related_name="feedback",
        help_text="The guidance page the reader was reading.",
    )
    helpful = models.BooleanField(help_text="Whether the reader found the page helpful.")
    comment = models.TextField(
        max_length=1000, blank=True, help_text="What the reader added, if anything."
    )

    class Meta(Submission.Meta):
        verbose_name_plural = "feedback"

    def __str__(self) -> str:
        return f"{'Helpful' if self.helpful else 'Not helpful'}: {self.condition}"


class CommentQuerySet(SubmissionQuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def awaiting_moderation(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(Submission):
    """A public reply under a condition page, shown only once someone on the team approved it.

    Only the name and the text are ever shown; the email address stays in the admin.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        APPROVED = "approved", "Approved: shown on the page"
        REJECTED = "rejected", "Rejected: never shown"

    condition = models.ForeignKey(
        Condition,
        on_delete=models.CASCADE,
        related_name="comments",
        help_text="The guidance page the comment was left on.",
    )
    name = models.CharField(max_length=100, help_text="Shown to patients above the comment.")
    email = models.EmailField(
        blank=True,
        help_text="Given by the reader for the team only. Never shown on a page or in an API. "
        "Erased once the comment is older than the retention period.",
    )
    text = models.TextField(max_length=2000, help_text="Shown to patients once approved.")
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        help_text="Only approved comments appear on the page, offline copies included.",
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta(Submission.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:50]}"


class UnfoundSearch(models.Model):
    """How often readers searched for these words in one week and found nothing.

    It tells editors what guidance is missing. Only the words (normalised) and a count per ISO
    week are kept: no address, session, browser or time of day (submissions/unfound.py).
    """

    week = models.DateField(help_text="The Monday of the ISO week the searches were made in.")
    query = models.CharField(
        max_length=100,
        blank=True,
        help_text="What readers searched for, in lower case with single spaces; empty for "
        "the searches not listed because the week's list was full.",
    )
    searches = models.PositiveIntegerField(
        default=0, help_text="How many searches for these words found nothing that week."
    )

    class Meta:
        ordering = ["-week", "-searches", "query"]
        constraints = [
            models.UniqueConstraint(fields=["week", "query"], name="unfound_search_once_a_week")
        ]
        verbose_name = "search that found nothing"
        verbose_name_plural = "searches that found nothing"

    def __str__(self) -> str:
        return f"{self.query or '(others)'}: {self.searches} in the week of {self.week}"
