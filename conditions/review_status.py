"""Where a text clinical reviewers publish (a condition's page, a term) is in review: one set of
states and one field for both."""

from django.db import models


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"


def review_status_field(what: str) -> models.CharField:
    """The status field of a reviewed `what` ("page", "term")."""
    return models.CharField(
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.DRAFT,
        help_text=f"Where this {what} is in review. Patients see the last published copy until "
        "a clinical reviewer publishes again.",
    )
