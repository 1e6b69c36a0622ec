"""The people named on each page: who wrote it and who reviewed it."""

from django.conf import settings
from django.db import models

from .validators import language_tag_validator


class Author(models.Model):
    """A named writer of guidance.

    Health content people can trust names who wrote it and what qualifies them (HONcode), so every
    page links to its author, with a bio in whatever language the author wrote it.
    """

    name = models.CharField(
        max_length=200,
        unique=True,
        help_text="Full name shown to patients under each page this author wrote.",
    )
    short_name = models.CharField(
        max_length=100,
        blank=True,
        help_text="Shown in the heading “About …” above the bio, for example “Alexandra”. "
        "Leave blank to use the full name.",
    )
    credentials = models.CharField(
        max_length=200,
        blank=True,
        help_text="Qualifications shown next to the name, for example “Medical Writer” or "
        "“MD, Consultant Neurologist”.",
    )
    bio = models.TextField(
        blank=True,
        help_text="Shown to patients under “About …” at the end of the page. Plain text; "
        "a blank line starts a new paragraph.",
    )
    bio_language = models.CharField(
        max_length=20,
        default="en",
        validators=[language_tag_validator],
        help_text="Language the bio is written in, as a tag such as en or de, so screen readers "
        "pronounce it correctly.",
    )
    email = models.EmailField(
        blank=True,
        help_text="Review reminders for this person’s pages are sent here. Never shown to "
        "patients and never exported.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guidance_profile",
        help_text="This person’s admin login. A clinical reviewer needs one, with credentials, "
        "to publish: patients are shown who reviewed each page.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "author or reviewer"
        verbose_name_plural = "authors and reviewers"

    def __str__(self) -> str:
        return self.name

    @property
    def display_short_name(self) -> str:
        return self.short_name or self.name
