"""Reads of guidance content. Views and the API call these; none of them re-spell a filter.

Public reads go through Publication, the copy of each condition taken when it was published,
and each reads one language (the reader's; None is the first language): an English reader never
sees a German page, nor a German reader an English one.
"""

import datetime

from django.conf import settings
from django.core.validators import slug_re
from django.db import connection
from django.db.models import Q

from .fingerprints import fingerprint
from .models import Condition, Publication, PublishedTerm, Section
from .search.engine import Found, search
from .search.expansion import PAGE_LANGUAGE


def _language(language: str | None) -> str:
    return language or settings.LANGUAGE_CODE


def publication_list(language: str | None = None):
    return Publication.objects.filter(language=_language(language)).order_by("title")


def publication_search(*, query: str, language: str | None = None) -> Found:
    """Published conditions matching `query`, best first, with why (conditions/search/)."""
    return search(query, language=_language(language))


def publication_detail(*, slug: str, language: str | None = None) -> Publication:
    """The published copy of one condition; raises Publication.DoesNotExist."""
    return Publication.objects.get(language=_language(language), slug=slug)


def live_condition(*, slug: str, language: str | None = None) -> Condition:
    """The published condition a reader in `language` means by `slug`, as every way of sending
    to the team names one (the page forms, the ask form and the API): the page at that address
    in their language; else, for an address in the first language (a link made in it), that
    page's published translation into their language, or else that page itself. One query;
    raises Condition.DoesNotExist, also for what cannot be an address (PostgreSQL refuses a NUL
    in a query)."""
    if not slug_re.fullmatch(slug or ""):
        raise Condition.DoesNotExist
    language, first = _language(language), settings.LANGUAGE_CODE
    found = list(
        Condition.objects.live()
        .select_related("publication")
        .filter(
            Q(publication__language__in={language, first}, publication__slug=slug)
            | Q(
                language=language,
                original__publication__language=first,
                original__publication__slug=slug,
            )
        )
    )

    def preference(condition: Condition) -> tuple[bool, bool]:
        return (condition.language != language, condition.publication.slug != slug)

    if not found:
        raise Condition.DoesNotExist(f"No published condition has the address {slug!r}.")
    return min(found, key=preference)


def _select_sql(fields, clause: str) -> str:
    """SELECT `fields` of publications, then `clause` with {field} names made into columns."""
    meta = Publication._meta
    column = {field.name: field.column for field in meta.concrete_fields}
    return (
        f"SELECT {', '.join(column[name] for name in fields)} "  # noqa: S608
        f"FROM {meta.db_table} {clause.format_map(column)}"
    )


REVISIONS_SQL = _select_sql(
    ("revision", "comments_revision", "terms_revision", "published_at"),
    "WHERE {language} = %s AND {slug} = %s",
)


def publication_revisions(*, slug: str, language: str | None = None) -> dict:
    """What a published condition's validators are made of, without loading (and decoding) its
    content; raises Publication.DoesNotExist.

    The most frequent query there is (every page view and revalidation), so it is plain SQL:
    building it through the ORM cost more than running it.
    """
    with connection.cursor() as cursor:
        cursor.execute(REVISIONS_SQL, [_language(language), slug])
        row = cursor.fetchone()
    if row is None:
        raise Publication.DoesNotExist(f"No publication has the slug {slug!r}.")
    revision, comments_revision, terms_revision, published_at = row
    if published_at.tzinfo is None:  # SQLite's: stored in UTC, as Django writes it
        published_at = published_at.replace(tzinfo=datetime.UTC)
    return {
        "revision": revision,
        "comments_revision": comments_revision,
        "terms_revision": terms_revision,
        "published_at": published_at,
    }


MANIFEST_FIELDS = (
    "slug",
    "revision",
    "listing_revision",
    "title",
    "payload_bytes",
    "comments_revision",
    "terms_revision",
)
MANIFEST_SQL = _select_sql(MANIFEST_FIELDS, "WHERE {language} = %s ORDER BY {title}")


def publication_manifest_rows(language: str | None = None) -> list[tuple]:
    """MANIFEST_FIELDS of every publication in `language`, in title order, for the offline
    manifest (read on every check for new guidance, so plain SQL like publication_revisions)."""
    with connection.cursor() as cursor:
        cursor.execute(MANIFEST_SQL, [_language(language)])
        return cursor.fetchall()


def published_terms_list(language: str = PAGE_LANGUAGE):
    """The published terms of a language, A to Z, as the Terms page lists them."""
    return PublishedTerm.objects.in_language(language)


_TERMS = PublishedTerm._meta
TERMS_REVISIONS_SQL = (
    f"SELECT {_TERMS.get_field('slug').column}, {_TERMS.get_field('revision').column} "  # noqa: S608
    f"FROM {_TERMS.db_table} WHERE {_TERMS.get_field('language').column} = %s"
)


def published_terms_revision(language: str = PAGE_LANGUAGE) -> str:
    """Changes when the Terms page's list changes: one small query, in plain SQL as every check
    for new guidance makes it (the ORM's compiling was a third of the check's time)."""
    with connection.cursor() as cursor:
        cursor.execute(TERMS_REVISIONS_SQL, [language])
        return fingerprint(sorted(cursor.fetchall()))


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
    original = page.get("original")  # a translation's original (conditions/language_links.py)
    if original and original.get("updated_at"):
        updated = datetime.datetime.fromisoformat(original["updated_at"])
        page["original"] = {**original, "updated_at": updated}
    return page
