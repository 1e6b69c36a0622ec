"""What the installed app searches with no connection, each at its own address in the offline
manifest: a compact entry per published condition, and the published terms' names.

An edit changes one condition's entry (the phone fetches that one, as a delta), a term's names
change the names alone. An entry holds what the server's search reads of its condition, as text
split as documents.py splits it (names; section headings with their anchors; the text above the
sections, related titles and each section's text), with what a result card shows. The app
stems, ranks and marks it as the server does (static/frontend/js/search-rank.js).

The entry the phone downloads is compact (`offline_entry`): the texts the condition's page shows
(question, summary, lead, each section's heading, anchor and text) are left out, and the worker
reads them back from the saved page (frontend/service_worker/search-entry.js), so the guidance is
downloaded once.
"""

from django.core.cache import caches
from django.urls import reverse
from django.utils.text import Truncator
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView

from ..api import in_language, request_language
from ..fingerprints import fingerprint
from ..http import conditional_json, json_bytes
from ..language_links import with_language
from ..models import Publication
from ..selectors import publication_detail, publication_revisions, published_terms_revision
from .documents import head_texts, html_text, name_texts
from .expansion import published_names

# Part of each revision: a new shape of entry is a new revision, fetched by every phone.
ENTRY_FORMAT = "offline-search-entry-3"
NAMES_FORMAT = "offline-search-names-1"
LEAD_WORDS = 40  # as the result card: the lead's first 40 words when there is no summary


def entry_revision(revision: str) -> str:
    """The entry's revision, from its publication's."""
    return fingerprint([ENTRY_FORMAT, revision])


def names_revision(terms_revision: str) -> str:
    return fingerprint([NAMES_FORMAT, terms_revision])


def searched_entry(publication: Publication) -> dict:
    """Everything offline search reads of a condition, as the worker gives it to the page."""
    payload = publication.payload
    lead = payload.get("summary") or Truncator(html_text(payload.get("lead_html"))).words(
        LEAD_WORDS, truncate=" …"
    )
    return {
        "id": publication.pk,  # the server's last tie-break
        "language": publication.language,  # whose stemmer the app compares its words with
        "slug": payload["slug"],
        "title": payload["title"],
        "url": payload["page_url"],
        "also_called": payload.get("also_called", []),
        "question": payload.get("question") or "",
        "lead": lead,
        "names": name_texts(payload),
        "head": head_texts(payload),
        "related": [link["title"] for link in payload.get("related", [])],
        "sections": [
            [section.get("heading", ""), section.get("anchor", ""), html_text(section["html"])]
            for section in payload.get("sections", [])
        ],
    }


def offline_entry(publication: Publication) -> dict:
    """The entry the phone keeps: `searched_entry` less the texts its page holds, which the
    worker reads from the saved page. The lead shown on a result is kept only when it is not the
    summary (the lead's first words)."""
    entry = searched_entry(publication)
    summary = entry["head"][1]  # question, summary, lead (documents.head_texts)
    compact = {
        "id": entry["id"],
        "language": entry["language"],
        "url": entry["url"],
        "names": entry["names"],
        "also_called": entry["also_called"],
        "related": entry["related"],
    }
    if entry["lead"] != summary:
        compact["lead"] = entry["lead"]
    return compact


def _entry_key(revision: str) -> str:
    """Where each worker keeps an entry's JSON (conditions/encodings.py adds the encoding)."""
    return f"offline-search-entry:{revision}"


def entry_sizes(revisions: dict[str, str], language: str) -> dict[str, int]:
    """Bytes of each condition's entry in `language` by slug ({slug: publication revision}),
    building (in one query) only those not kept. A slug unpublished meanwhile is missing."""
    keys = {slug: f"{_entry_key(revision)}:identity" for slug, revision in revisions.items()}
    kept = caches["pages"].get_many(keys.values())
    sizes = {slug: len(kept[key]) for slug, key in keys.items() if key in kept}
    missing = [slug for slug in keys if slug not in sizes]
    if missing:
        built = {}
        for publication in Publication.objects.filter(language=language, slug__in=missing):
            body = json_bytes(offline_entry(publication))
            built[f"{_entry_key(publication.revision)}:identity"] = body
            sizes[publication.slug] = len(body)
        caches["pages"].set_many(built)
    return sizes


def names_body(language: str) -> dict:
    return {"language": language, "names": published_names(language)}


def names_size(language: str) -> int:
    return len(json_bytes(names_body(language)))


def names_url(language: str) -> str:
    return with_language(reverse("api:offline-search-names"), language)


def entry_url(slug: str, language: str) -> str:
    return with_language(reverse("api:offline-search-entry", kwargs={"slug": slug}), language)


def _texts(**options) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), **options)


class OfflineSearchEntryView(APIView):
    @extend_schema(
        operation_id="offline_search_entry",
        summary="What the installed app searches of one published condition",
        description="Its names, and what a result shows that its page does not; the app reads "
        "the question, summary, lead and each section's heading, anchor and text from the "
        "condition's page, saved beside it. The ETag is the revision the offline manifest lists.",
        responses={
            200: inline_serializer(
                "OfflineSearchEntry",
                {
                    "id": serializers.IntegerField(),
                    "language": serializers.CharField(),
                    "url": serializers.CharField(help_text="The condition's page."),
                    "names": _texts(),
                    "also_called": _texts(),
                    "related": _texts(),
                    "lead": serializers.CharField(
                        required=False,
                        help_text="What a result shows when the page has no summary.",
                    ),
                },
            ),
            304: OpenApiResponse(description="The copy held is current."),
            404: OpenApiResponse(description="No published condition has this slug."),
        },
    )
    def get(self, request, slug: str):
        language = request_language(request)
        try:
            revision = publication_revisions(slug=slug, language=language)["revision"]
        except Publication.DoesNotExist:
            raise NotFound("No published condition has this slug.") from None
        response = conditional_json(
            request,
            etag=entry_revision(revision),
            last_modified=None,
            build_body=lambda: offline_entry(publication_detail(slug=slug, language=language)),
            cache_key=_entry_key(revision),
        )
        return in_language(response, language)


class OfflineSearchNamesView(APIView):
    @extend_schema(
        operation_id="offline_search_names",
        summary="The published terms' names, each term's as lists of words, the term first",
        responses={
            200: inline_serializer(
                "OfflineSearchNames",
                {
                    "language": serializers.CharField(),
                    "names": serializers.ListField(child=serializers.ListField(child=_texts())),
                },
            ),
            304: OpenApiResponse(description="The copy held is current."),
        },
    )
    def get(self, request):
        language = request_language(request)
        revision = names_revision(published_terms_revision(language))
        response = conditional_json(
            request,
            etag=revision,
            last_modified=None,
            build_body=lambda: names_body(language),
            cache_key=f"offline-search-names:{language}:{revision}",
        )
        return in_language(response, language)
