"""Conditions and published copies by state: views, the admin and the API call these, never
re-spelling a filter."""

import datetime

from django.db import models
from django.db.models import F, Prefetch
from django.utils import timezone


class ConditionQuerySet(models.QuerySet):
    def live(self):
        """Conditions patients can read: those with a published copy."""
        return self.filter(publication__isnull=False)

    def originals(self):
        """Conditions written in the first language, not translations of another."""
        return self.filter(original__isnull=True)

    def in_language(self, language: str):
        return self.filter(language=language)

    def original_changed(self):
        """Translations whose original was published with other content after the revision
        they were made from (or last published against)."""
        return self.filter(original__publication__isnull=False).exclude(
            original_revision=F("original__publication__content_revision")
        )

    def review_overdue(self, *, today: datetime.date | None = None):
        return self.review_due_by(date=today or timezone.localdate())

    def review_due_within(self, *, days: int, today: datetime.date | None = None):
        """Live conditions whose review falls due in the next `days` days (not yet overdue)."""
        today = today or timezone.localdate()
        return self.live().filter(
            next_review_due__gt=today, next_review_due__lte=today + datetime.timedelta(days=days)
        )

    def review_due_by(self, *, date: datetime.date):
        """Live conditions due for review on or before `date`, overdue ones included."""
        return self.live().filter(next_review_due__lte=date)

    def with_unpublished_changes(self):
        return self.live().exclude(draft_revision=F("publication__content_revision"))

    def with_page_content(self):
        """Everything a page shows, the draft included, in a fixed number of queries."""
        return self.select_related("author", "reviewed_by").prefetch_related(
            "sections",
            "sources",
            Prefetch(
                "related",
                queryset=self.model.objects.live()
                .select_related("publication")
                .only("slug", "publication__slug", "publication__title"),
            ),
        )


class PublicationQuerySet(models.QuerySet):
    """Published copies. Searching them is conditions/search/'s (an index of its own)."""
