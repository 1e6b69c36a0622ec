"""The source addresses patients can follow from published pages, and whether they still answer.

`manage.py check_source_links` (run it from cron, say nightly) checks every address cited by a
published page, a few at a time, and keeps one row per address here: the admin lists the broken
ones so an editor can mend or replace them. One address cited by several pages is checked once.
What patients are sent is the published copy, so the addresses come from the publications'
payloads, not from drafts.
"""

from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from .link_checker import LinkStatus, link_status


class SourceLinkQuerySet(models.QuerySet):
    def broken(self):
        """Addresses whose last check found an error status or no answer at all."""
        return self.filter(Q(status__gte=400) | ~Q(error=""))


class SourceLink(models.Model):
    """A source address cited by published pages, as its last check found it."""

    url = models.URLField(max_length=500, unique=True, help_text="The address patients follow.")
    conditions = models.ManyToManyField(
        "conditions.Condition",
        related_name="source_links",
        help_text="Published pages that list this address among their sources.",
    )
    status = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The HTTP status of the last check, for example 200 (working) or 404 (not "
        "found). Empty when the server did not answer.",
    )
    error = models.CharField(
        max_length=300, blank=True, help_text="Why the last check failed, if it did."
    )
    final_url = models.URLField(
        max_length=2000,
        blank=True,
        help_text="Where the address redirects to, if elsewhere: consider citing that address.",
    )
    checked_at = models.DateTimeField(null=True, blank=True, help_text="When it was last checked.")

    objects = SourceLinkQuerySet.as_manager()

    class Meta:
        ordering = ["url"]
        verbose_name = "source link"

    def __str__(self) -> str:
        return self.url

    @property
    def is_broken(self) -> bool:
        return bool(self.error) or (self.status is not None and self.status >= 400)


def published_source_urls() -> dict[str, set[int]]:
    """Every source address of the published copies, with the conditions citing it."""
    from .models import Publication

    cited = defaultdict(set)
    for condition_id, payload in Publication.objects.values_list("condition_id", "payload"):
        for source in payload.get("sources", ()):
            if source.get("url"):
                cited[source["url"]].add(condition_id)
    return cited


Checker = Callable[[str], LinkStatus]


def source_links_check(*, check: Checker, workers: int) -> list[SourceLink]:
    """Check every published source address with `check`, `workers` at a time, and record what
    each check found. Addresses no published page cites any more are forgotten."""
    cited = published_source_urls()
    urls = sorted(cited)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        found = list(pool.map(check, urls))
    now = timezone.now()
    with transaction.atomic():
        existing = {link.url: link for link in SourceLink.objects.all()}
        stale = [link.pk for url, link in existing.items() if url not in cited]
        SourceLink.objects.filter(pk__in=stale).delete()
        links = []
        for url, status in zip(urls, found, strict=True):
            link = existing.get(url) or SourceLink(url=url)
            link.status, link.error = status.status, status.error[:300]
            link.final_url, link.checked_at = status.final_url[:2000], now
            link.save()
            link.conditions.set(cited[url])
            links.append(link)
    return links


def url_checker(*, timeout: float, max_redirects: int) -> Checker:
    return lambda url: link_status(url, timeout=timeout, max_redirects=max_redirects)
