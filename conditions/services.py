"""Writes to guidance content. Keyword-only arguments; anything touching several rows is atomic."""

import hashlib
import html
import json

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from .models import Author, Condition, Publication
from .serializers import ConditionDetailSerializer

LISTING_FIELDS = ("slug", "title", "also_called", "question", "summary", "lead_html")


def _content_revision(payload: dict) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def payload_json(payload: dict) -> bytes:
    """A payload exactly as the API serves it."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _search_text(payload: dict) -> str:
    parts = [payload[field] for field in ("title", "question", "summary", "lead_html")]
    parts += payload["also_called"]
    for section in payload["sections"]:
        parts += [section["heading"], section["html"]]
    return " ".join(html.unescape(strip_tags(part)) for part in parts).lower()


def _snapshot(condition: Condition) -> None:
    """Store what patients see of one condition; keep the old revision if nothing changed."""
    if not condition.is_published:
        Publication.objects.filter(condition=condition).delete()
        return
    condition = Condition.objects.with_page_content().get(pk=condition.pk)
    payload = ConditionDetailSerializer(condition).data
    payload.pop("revision", None)
    payload.pop("updated_at", None)
    revision = _content_revision(payload)
    publication = Publication.objects.filter(condition=condition).first()
    if publication and publication.revision == revision:  # the slug is part of the payload
        return
    now = timezone.now()
    served = {**payload, "revision": revision, "updated_at": now.isoformat()}
    publication = publication or Publication(condition=condition)
    publication.slug = condition.slug
    publication.title = condition.title
    publication.search_text = _search_text(payload)
    publication.payload = served
    publication.payload_bytes = len(payload_json(served))
    publication.revision = revision
    publication.listing_revision = _content_revision({k: payload[k] for k in LISTING_FIELDS})
    publication.published_at = now
    publication.save()


@transaction.atomic
def publication_refresh(*, condition: Condition, previously_related=()) -> None:
    """Bring what patients see in line with `condition` and with the conditions linking to it.

    A related condition's page lists this one by title and only while it is published, so those
    pages are refreshed too, and so are the pages it was related to before this change (pass them
    as `previously_related`), which must stop linking to it.
    """
    _snapshot(condition)
    linked = Condition.objects.filter(related=condition).exclude(pk=condition.pk)
    for other in {*linked, *previously_related} - {condition}:
        _snapshot(other)


@transaction.atomic
def publication_refresh_for_author(*, author: Author) -> None:
    """An author's name and bio are on each page they wrote."""
    for condition in author.conditions.published():
        _snapshot(condition)
