"""The sizes the offline manifest states for each condition's two entries: its page as the phone
keeps it, and its search entry. The app shows them as what keeping guidance offline takes.

Measuring a page means rendering it (about 10 ms on a small server): minutes at 20,000
conditions, far longer than a check for new guidance can wait. So a size measured at a revision
is written down for every server (`MeasuredEntry`). A check measures at most
`OFFLINE_MEASURED_PER_CHECK` conditions not measured yet and estimates the others from the size of
their payload, in proportion to the entries it knows; an answer holding an estimate is not kept,
so the next check measures more. `manage.py measure_offline_entries` measures every one, as a
deploy (which gives every page a new revision) should run it.
"""

import logging
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.urls import reverse

from conditions.search import entries as search_entries

from .models import MeasuredEntry
from .page_parts import page_copy
from .pages import PAGE_REVISIONS, condition_page_revision, condition_page_sizes

logger = logging.getLogger(__name__)

SLUG = "--slug--"  # reversed once, then replaced by each condition's slug
# Read a language's sizes whole rather than by address beyond this many conditions.
BY_ADDRESS_AT_MOST = 400


@dataclass(frozen=True)
class ConditionEntries:
    """A published condition's two entries in a language, and what their sizes follow from."""

    slug: str
    page_url: str
    page_revision: str
    revisions: dict  # the publication's PAGE_REVISIONS
    entry_url: str
    entry_revision: str
    payload_bytes: int


@dataclass
class Sizes:
    bytes: dict[str, int]  # by entry address
    unpublished: set[str]  # slugs unpublished since their rows were read
    estimated: int  # how many conditions' sizes are estimates


def condition_entries(publications: list[tuple], language: str) -> list[ConditionEntries]:
    """The entries of publication_manifest_rows' `publications`, in the active language."""
    page_url = reverse("frontend:condition_detail", kwargs={"slug": SLUG})
    entry_url = search_entries.entry_url(SLUG, language)
    conditions = []
    for slug, revision, _, _, payload_bytes, comments, terms in publications:
        revisions = dict(zip(PAGE_REVISIONS, (revision, comments, terms), strict=True))
        conditions.append(
            ConditionEntries(
                slug=slug,
                page_url=page_url.replace(SLUG, slug),
                page_revision=condition_page_revision(**revisions),
                revisions=revisions,
                entry_url=entry_url.replace(SLUG, slug),
                entry_revision=search_entries.entry_revision(revision),
                payload_bytes=payload_bytes,
            )
        )
    return conditions


def _written_down(language: str, urls: list[str] | None = None) -> dict[str, tuple[str, int]]:
    """{url: (revision, bytes)} written down in `language`: at these addresses, or all."""
    rows = MeasuredEntry.objects.filter(language=language)
    if urls is not None:
        rows = rows.filter(url__in=urls)
    fields = rows.values_list("url", "revision", "bytes")
    return {url: (revision, size) for url, revision, size in fields}


def _known(conditions: list[ConditionEntries], language: str) -> dict[str, tuple[str, int]]:
    """{url: (revision, bytes)} written down for these conditions' entries."""
    if len(conditions) > BY_ADDRESS_AT_MOST:
        return _written_down(language)
    urls = [url for one in conditions for url in (one.page_url, one.entry_url)]
    return _written_down(language, urls)


def _written_down_at_revision(one: ConditionEntries, known: dict) -> bool:
    """Whether both of the condition's entries are written down at their current revision."""
    page, entry = known.get(one.page_url), known.get(one.entry_url)
    return bool(page and entry) and (page[0], entry[0]) == (one.page_revision, one.entry_revision)


def _measure(conditions: list[ConditionEntries], language: str) -> dict[str, tuple[str, int]]:
    """{url: (revision, bytes)} of these conditions' entries, rendered and built now (a
    condition unpublished meanwhile is left out), and written down."""
    pages = condition_page_sizes(
        {one.slug: one.revisions for one in conditions},
        measure=lambda html: len(page_copy(html).encode()),  # what the phone keeps
    )
    entries = search_entries.entry_sizes(
        {one.slug: one.revisions["revision"] for one in conditions}, language
    )
    measured = {}
    for one in conditions:
        if one.slug in pages and one.slug in entries:
            measured[one.page_url] = (one.page_revision, pages[one.slug])
            measured[one.entry_url] = (one.entry_revision, entries[one.slug])
    _write_down(measured, language)
    return measured


def _write_down(measured: dict[str, tuple[str, int]], language: str) -> None:
    rows = [
        MeasuredEntry(url=url, language=language, revision=revision, bytes=size)
        for url, (revision, size) in measured.items()
    ]
    try:
        with transaction.atomic():  # a savepoint, should the caller be in a transaction
            MeasuredEntry.objects.bulk_create(
                rows,
                batch_size=500,
                update_conflicts=True,  # measured before at an older revision, or elsewhere
                unique_fields=["url"],
                update_fields=["revision", "bytes"],
            )
    except DatabaseError:
        # The reader still gets their answer; the next check measures these again.
        logger.warning("Could not write down %d offline entry sizes.", len(rows), exc_info=True)


def _ratio(conditions: list[ConditionEntries], sizes: dict[str, int], attribute: str) -> float:
    """Bytes of the entries at `attribute` per byte of payload, over those whose size is known."""
    known = [one for one in conditions if getattr(one, attribute) in sizes]
    payload = sum(one.payload_bytes for one in known)
    return sum(sizes[getattr(one, attribute)] for one in known) / payload if payload else 1.0


def condition_sizes(conditions: list[ConditionEntries], language: str, *, limit: int) -> Sizes:
    """The size of each of these conditions' entries: written down, measured now (at most
    `limit` conditions), or estimated."""
    known = _known(conditions, language)
    sizes = {}
    unmeasured = []
    for one in conditions:
        if _written_down_at_revision(one, known):
            for url in (one.page_url, one.entry_url):
                sizes[url] = known[url][1]
        else:
            unmeasured.append(one)
    now = _measure(unmeasured[:limit], language) if unmeasured and limit else {}
    sizes.update({url: size for url, (_, size) in now.items()})
    unpublished = {one.slug for one in unmeasured[:limit] if one.page_url not in now}
    rest = unmeasured[limit:]
    if rest:
        page_ratio = _ratio(conditions, sizes, "page_url")
        entry_ratio = _ratio(conditions, sizes, "entry_url")
        for one in rest:
            sizes[one.page_url] = round(one.payload_bytes * page_ratio)
            sizes[one.entry_url] = round(one.payload_bytes * entry_ratio)
    return Sizes(bytes=sizes, unpublished=unpublished, estimated=len(rest))


def other_sizes(wanted: list[tuple], language: str) -> dict[str, int]:
    """{url: bytes} of the other entries that are measured, not listed (the home page lists
    every condition: seconds to render at 20,000), from `wanted`'s (url, revision, measure)
    rows: as written down at their revision, or measured now."""
    known = _written_down(language, [url for url, *_ in wanted])
    sizes, measured = {}, {}
    for url, revision, measure in wanted:
        if known.get(url, ("",))[0] == revision:
            sizes[url] = known[url][1]
        else:
            sizes[url] = measure()
            measured[url] = (revision, sizes[url])
    if measured:
        _write_down(measured, language)
    return sizes


def measure_every_entry(conditions: list[ConditionEntries], language: str, batch: int = 200):
    """Measure, in batches, the entries not written down at their revision; yields how many
    conditions each batch measured."""
    known = _known(conditions, language)
    unmeasured = [one for one in conditions if not _written_down_at_revision(one, known)]
    for start in range(0, len(unmeasured), batch):
        yield len(_measure(unmeasured[start : start + batch], language)) // 2
