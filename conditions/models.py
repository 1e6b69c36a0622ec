import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_noop

from .authors import Author
from .languages import Translatable, default_language
from .querysets import ConditionQuerySet, PublicationQuerySet
from .review_status import ReviewStatus, review_status_field
from .validators import source_url_validator


# A version holds what an editor writes; restoring one must never change who reviewed or
# published the page, nor the bookkeeping that guards against lost edits.
@reversion.register(
    exclude=(
        "status", "last_reviewed", "next_review_due", "reviewed_by",
        "updated_by", "edit_version", "draft_revision",
        "language", "original", "original_revision", "original_payload",
    ),
    follow=("sections", "sources"),
)  # fmt: skip
class Condition(Translatable):
    """One condition's guidance in one language: the page a patient reads and keeps on their
    phone. A translation is a condition too (`languages.py`)."""

    Status = ReviewStatus

    title = models.CharField(
        max_length=200,
        help_text="Name of the condition as patients know it; the page’s main heading.",
    )
    slug = models.SlugField(
        max_length=200,
        help_text="Last part of the page address, /conditions/<slug>/ (unique in its language). "
        "Changing it breaks links patients have saved.",
    )
    also_called = models.TextField(
        blank=True,
        help_text="Other names patients use for this condition, one per line. Shown under the "
        "title and found by search.",
    )
    question = models.CharField(
        max_length=300,
        blank=True,
        help_text="The patient’s question this page answers, shown under the title, for example "
        "“Does medical marijuana help with …?”",
    )
    summary = models.CharField(
        max_length=300,
        blank=True,
        help_text="One sentence shown under the question and in the list of conditions.",
    )
    lead = models.TextField(
        help_text="Opening paragraphs, shown before the first section. Markdown.",
    )
    conflict_of_interest = models.TextField(
        blank=True,
        help_text="Shown to patients under “Conflicts of interest” when filled in: funding, "
        "sponsorship or ties of the author or reviewer that a reader should know about.",
    )
    status = review_status_field("page")
    author = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conditions",
        help_text="Shown to patients with their credentials and bio.",
    )
    related = models.ManyToManyField(
        "self",
        blank=True,
        help_text="Other conditions listed at the end of this page, and this one on theirs (there "
        "once that page is published again).",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="Shown to patients as “Page last reviewed”. Set when a reviewer publishes.",
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="Shown to patients as “Next review due”. Chosen when a reviewer publishes.",
    )
    reviewed_by = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_conditions",
        help_text="Shown to patients with their credentials. Set when a reviewer publishes.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    edit_version = models.PositiveIntegerField(
        default=0,
        help_text="Counts saves, so a form opened before someone else’s save is refused.",
    )
    draft_revision = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Hash of what patients would see if this draft were published.",
    )

    objects = ConditionQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        permissions = [
            ("publish_condition", "Can publish and unpublish conditions and set review dates"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="condition_slug_unique"),
            models.UniqueConstraint(
                fields=["original", "language"], name="one_translation_per_language"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        with translation.override(self.language):
            return reverse("frontend:condition_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED:
            for field in ("last_reviewed", "next_review_due"):
                if getattr(self, field) is None:
                    errors[field] = "Set this date before publishing; patients are shown it."
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            errors["next_review_due"] = "The next review must be due after the last review."
        if errors:
            raise ValidationError(errors)

    @property
    def is_live(self) -> bool:
        return hasattr(self, "publication")

    @property
    def has_unpublished_changes(self) -> bool:
        return self.is_live and self.draft_revision != self.publication.content_revision

    @property
    def is_review_overdue(self) -> bool:
        return (
            self.is_live
            and self.next_review_due is not None
            and self.next_review_due <= timezone.localdate()
        )


@reversion.register()
class Section(models.Model):
    """A titled part of a condition's guidance, in the order patients read it.

    The kind lets the page treat some parts specially (“when to seek medical advice” stands out as
    a callout) and lets other clients pick parts out without parsing headings.
    """

    class Kind(models.TextChoices):
        OVERVIEW = "overview", "Overview"
        CAUSES = "causes", "Causes"
        SYMPTOMS = "symptoms", "Symptoms"
        INITIAL_TREATMENT = "initial_treatment", "Initial treatment"
        WHEN_TO_SEEK_ADVICE = "when_to_seek_advice", "When to seek medical advice"
        HOW_CANNABIS_MAY_HELP = "how_cannabis_may_help", "How cannabis may help"
        KEY_POINTS = "key_points", "Key points"
        IMPORTANT_CONSIDERATIONS = "important_considerations", "Important considerations"
        RESEARCH = "research", "Research"
        OTHER = "other", "Other"

    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(
        max_length=40,
        choices=Kind.choices,
        default=Kind.OTHER,
        help_text="What this section is about. “When to seek medical advice” is shown to "
        "patients as a highlighted callout.",
    )
    heading = models.CharField(
        max_length=200,
        help_text="Shown to patients as the section heading and in the page’s contents list.",
    )
    body = models.TextField(
        help_text="Markdown. Start a line with ### for a sub-heading and with - for a list item. "
        "HTML is shown as plain text, never run.",
    )

    class Urgency(models.TextChoices):
        # Marked for translation only: the patient app translates the care card's label as it
        # shows it; the admin and history keep English.
        NON_URGENT = "non_urgent", gettext_noop("Non-urgent advice")
        URGENT = "urgent", gettext_noop("Urgent advice")
        EMERGENCY = "emergency", gettext_noop("Immediate action required")

    urgency = models.CharField(
        max_length=20,
        choices=Urgency.choices,
        blank=True,
        help_text="For advice on when to get help: shown to patients as a care card headed "
        "“Non-urgent advice”, “Urgent advice” or “Immediate action required”. "
        "Leave blank for an ordinary section.",
    )
    position = models.PositiveIntegerField(
        default=0,
        help_text="Sections are shown from the lowest number to the highest.",
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.heading

    @property
    def anchor(self) -> str:
        """A stable id for the contents list, readable in a shared link."""
        return f"{slugify(self.heading) or 'section'}-{self.position}"


@reversion.register()
class Source(models.Model):
    """Evidence a condition's guidance rests on, listed in order under the page (HONcode)."""

    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=300, help_text="Title of the paper, guideline or page.")
    publisher = models.CharField(
        max_length=200,
        blank=True,
        help_text="Journal, organisation or website, for example “NHS” or “Neurology”.",
    )
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year of publication, if known."
    )
    url = models.URLField(
        blank=True,
        max_length=500,
        validators=[source_url_validator],
        help_text="Link patients can follow to read the source. Must start with http or https.",
    )
    position = models.PositiveIntegerField(
        default=0, help_text="Sources are listed from the lowest number to the highest."
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Publication(models.Model):
    """What patients see of a condition: a frozen copy taken when it is published.

    Every public read (pages, API, offline app) serves this copy, so editing a condition never
    changes what patients see halfway through an edit, and a read costs one small query. The
    revision is a hash of the content: it changes when, and only when, patients would see a change.
    """

    condition = models.OneToOneField(
        Condition, on_delete=models.CASCADE, related_name="publication"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the page was published by importing a file.",
    )
    language = models.CharField(max_length=20, default=default_language, db_index=True)
    slug = models.SlugField(max_length=200)
    title = models.CharField(max_length=200)
    payload = models.JSONField()
    revision = models.CharField(max_length=64)
    listing_revision = models.CharField(
        max_length=64, help_text="Changes when what the list of conditions shows changes."
    )
    content_revision = models.CharField(
        max_length=64,
        blank=True,
        help_text="Hash of the content without its review details; equals the condition’s "
        "draft revision while nobody has changed the draft since.",
    )
    related_ids = models.JSONField(
        default=list,
        help_text="Conditions this page linked to when published; the live ones are listed.",
    )
    payload_bytes = models.PositiveIntegerField(help_text="Size of the payload as served.")
    published_at = models.DateTimeField()
    content_changed_at = models.DateTimeField(
        null=True,
        help_text="When the content (its content revision) last changed; rewrites that "
        "change only what other pages are listed with it leave it as it is.",
    )
    version_id = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        help_text="The saved version of the condition that was published (its history); "
        "empty for copies published by a bulk import.",
    )
    comments = models.JSONField(
        default=list,
        help_text="Approved reader comments as the page shows them: name, text and date, never "
        "an email address. Kept by the submissions app whenever a comment is moderated.",
    )
    comments_revision = models.CharField(
        max_length=64, blank=True, help_text="Changes when the approved comments change."
    )

    terms = models.JSONField(default=list, help_text="Published terms the page marks, in order.")
    terms_revision = models.CharField(max_length=64, blank=True, help_text="Changes with terms.")

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="publication_slug_unique")
        ]
        indexes = [
            # Every check for new guidance reads these of every page (selectors.MANIFEST_SQL):
            # from the index alone, in title order. Read from the rows, SQLite followed each
            # payload's overflow pages to reach the columns after it (4x the time at 20,000).
            models.Index(
                fields=[
                    "language",
                    "title",
                    "slug",
                    "revision",
                    "listing_revision",
                    "payload_bytes",
                    "comments_revision",
                    "terms_revision",
                ],
                name="publication_manifest_read",
            )
        ]

    def __str__(self) -> str:
        return self.title


# Models of their own modules (links, search, terms), imported here so Django finds them.
from .search.models import SearchEntry, SearchWord  # noqa: E402, F401
from .source_links import SourceLink  # noqa: E402, F401
from .terms.models import PublishedTerm, Term  # noqa: E402, F401
