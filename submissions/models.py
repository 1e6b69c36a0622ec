from django.db import models

from conditions.models import Condition


class Question(models.Model):
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
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        help_text="New until someone on the team has answered or closed it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:60]
