"""A term's draft, which editors write, and its published copy, which patients see."""

import reversion
from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from ..review_status import ReviewStatus, review_status_field
from ..validators import language_tag_validator
from .names import draft_copy, term_slug


class TermQuerySet(models.QuerySet):
    def live(self):
        """Terms patients see: those with a published copy."""
        return self.filter(published__isnull=False)


class PublishedTermQuerySet(models.QuerySet):
    def in_language(self, language: str):
        return self.filter(language=language).order_by(Lower("term"), "pk")


# A version holds what an editor writes; restoring one never changes the workflow's state.
@reversion.register(exclude=("status", "updated_by", "slug"))
class Term(models.Model):
    """A medical word that guidance uses, with the other names patients know it by and a short
    plain explanation (Patient Information Forum: medical terms are explained on the page)."""

    Status = ReviewStatus

    language = models.CharField(
        max_length=20,
        default="en",
        validators=[language_tag_validator],
        help_text="Language of the term and its explanation, as a tag such as en or de. Pages "
        "in this language mark the term.",
    )
    term = models.CharField(
        max_length=100,
        help_text="The word as the guidance writes it, for example “botulinum toxin”. Its first "
        "use on each published page is marked and links to the explanation; it also names the "
        "term on the Terms page.",
    )
    slug = models.SlugField(
        max_length=100,
        editable=False,
        help_text="The term's place on the Terms page, /terms/#<slug>; made from the term.",
    )
    other_names = models.TextField(
        blank=True,
        help_text="Other words patients use for it, one per line, for example “botox”. A "
        "search for any of them also finds pages that use the term, and the other way round.",
    )
    explanation = models.TextField(
        max_length=400,
        help_text="A short, plain explanation patients read when they tap the term: one or two "
        "sentences a 9 to 11 year old could follow, and cautious.",
    )
    status = review_status_field("term")
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

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = [Lower("term")]
        permissions = [("publish_term", "Can publish and unpublish terms")]
        # The slug is made from the term, so this also keeps "Tremor" and "tremor" apart.
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="term_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs):
        self.slug = term_slug(self.term)
        super().save(*args, **kwargs)

    def clean(self):
        from .validation import term_problems

        self.slug = term_slug(self.term)
        term_problems(self)

    @property
    def is_live(self) -> bool:
        return hasattr(self, "published")

    @property
    def has_unpublished_changes(self) -> bool:
        return self.is_live and draft_copy(self) != self.published.copy()


class PublishedTerm(models.Model):
    """What patients see of a term: the copy taken when a clinical reviewer published it.

    Pages, the Terms page and search read only this, so editing a term never changes what
    patients see until a reviewer publishes again.
    """

    term_draft = models.OneToOneField(Term, on_delete=models.CASCADE, related_name="published")
    language = models.CharField(max_length=20)
    term = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    other_names = models.JSONField(default=list, help_text="Other names, in the editor's order.")
    explanation = models.TextField()
    revision = models.CharField(max_length=64, help_text="Hash of the published copy.")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the term came with the seed content.",
    )

    objects = PublishedTermQuerySet.as_manager()

    class Meta:
        ordering = [Lower("term")]

    def __str__(self) -> str:
        return self.term

    def copy(self) -> dict:
        return {
            "language": self.language,
            "term": self.term,
            "slug": self.slug,
            "other_names": list(self.other_names),
            "explanation": self.explanation,
        }
