"""Reads of guidance content. Views and the API call these; none of them re-spell a filter.

Public reads go through Publication, the copy of each condition taken when it was published.
"""

import datetime

from django.db import connection
from django.utils.dateparse import parse_datetime

from .models import Publication, Section


def publication_list():
    return Publication.objects.order_by("title")


def publication_search(*, query: str):
    query = query.strip()
    if not query:
        return Publication.objects.none()
    return publication_list().search(query)


def publication_detail(*, slug: str) -> Publication:
    """The published copy of one condition; raises Publication.DoesNotExist."""
    return Publication.objects.get(slug=slug)


def _revisions_sql() -> str:
    meta = Publication._meta
    columns = (meta.get_field(name).column for name in ("revision", "comments_revision"))
    published_at = meta.get_field("published_at").column
    slug = meta.get_field("slug").column
    return (
        f"SELECT {', '.join(columns)}, {published_at} FROM {meta.db_table} "  # noqa: S608
        f"WHERE {slug} = %s"
    )


def publication_revisions(*, slug: str) -> dict:
    """What a published condition's validators are made of, without loading (and decoding) its
    content; raises Publication.DoesNotExist.

    The most frequent query there is (every page view and revalidation), so it is plain SQL:
    building it through the ORM cost more than running it.
    """
    with connection.cursor() as cursor:
        cursor.execute(REVISIONS_SQL, [slug])
        row = cursor.fetchone()
    if row is None:
        raise Publication.DoesNotExist(f"No publication has the slug {slug!r}.")
    revision, comments_revision, published_at = row
    if isinstance(published_at, str):
        published_at = parse_datetime(published_at)
    if published_at.tzinfo is None:  # SQLite's: stored in UTC, as Django writes it
        published_at = published_at.replace(tzinfo=datetime.UTC)
    return {
        "revision": revision,
        "comments_revision": comments_revision,
        "published_at": published_at,
    }


REVISIONS_SQL = _revisions_sql()

MANIFEST_FIELDS = (
    "slug",
    "revision",
    "listing_revision",
    "title",
    "payload_bytes",
    "comments_revision",
)


def _manifest_sql() -> str:
    meta = Publication._meta
    columns = ", ".join(meta.get_field(name).column for name in MANIFEST_FIELDS)
    title = meta.get_field("title").column
    return f"SELECT {columns} FROM {meta.db_table} ORDER BY {title}"  # noqa: S608


MANIFEST_SQL = _manifest_sql()


def publication_manifest_rows() -> list[tuple]:
    """MANIFEST_FIELDS of every publication, in title order, for the offline manifest (read on
    every check for new guidance, so plain SQL like publication_revisions)."""
    with connection.cursor() as cursor:
        cursor.execute(MANIFEST_SQL)
        return cursor.fetchall()


def publication_page_context(publication: Publication) -> dict:
    """The stored payload with its dates as dates, and its approved comments, for a template."""
    page = payload_page_context(publication.payload)
    page["comments"] = [
        {**comment, "date": datetime.date.fromisoformat(comment["date"])}
        for comment in publication.comments
    ]
    return page


def payload_page_context(payload: dict) -> dict:
    page = dict(payload)
    page["sections"] = [
        {**section, "urgency_label": Section.Urgency(section["urgency"]).label}
        if section.get("urgency")
        else section
        for section in payload["sections"]
    ]
    for field in ("last_reviewed", "next_review_due"):
        if page.get(field):
            page[field] = datetime.date.fromisoformat(page[field])
    return page
