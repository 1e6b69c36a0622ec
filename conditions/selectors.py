"""Reads of guidance content. Views and the API call these; none of them re-spell a filter.

Public reads go through Publication, the copy of each condition taken when it was published.
"""

import datetime

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


def publication_revisions(*, slug: str) -> dict:
    """What a published condition's validators are made of, without loading (and decoding) its
    content; raises Publication.DoesNotExist."""
    return Publication.objects.values("revision", "comments_revision", "published_at").get(
        slug=slug
    )


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
