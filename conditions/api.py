"""Read-only content API. Every response is built from the published copies, never from drafts.

Responses carry a strong ETag derived from the published revisions and a Last-Modified date, and
a conditional request that still matches is answered 304 before any body is built.
"""

import hashlib

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, urlencode
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView

from .encodings import encoded_body, preferred_encoding
from .models import Publication
from .selectors import publication_detail, publication_list, publication_revisions
from .serializers import ConditionDetailSerializer, ConditionSummarySerializer
from .services import payload_json

PAGE_SIZE = 50
# Browsers and CDNs may keep a copy, but must ask (cheaply, with the ETag) before reusing it.
CACHE_CONTROL = "public, no-cache"

NOT_MODIFIED = OpenApiResponse(description="Not modified: the copy you hold is current.")
NOT_FOUND = OpenApiResponse(
    response=inline_serializer("NotFound", {"detail": serializers.CharField()}),
    description="No published condition (or page) at this address.",
)
CONDITIONAL_HEADERS = [
    OpenApiParameter("If-None-Match", OpenApiTypes.STR, OpenApiParameter.HEADER),
    OpenApiParameter("If-Modified-Since", OpenApiTypes.STR, OpenApiParameter.HEADER),
]


def conditional_response(
    request,
    *,
    etag: str,
    last_modified,
    build_content,
    content_type: str,
    cache_key: str | None = None,
) -> HttpResponse:
    """A response browsers and CDNs may keep, or 304 when the client's copy is current.

    With a `cache_key` (which must change whenever the content does), each worker keeps the body
    and its Brotli and gzip encodings, so a phone is sent the smallest and nothing is compressed
    twice.
    """
    encoding = preferred_encoding(request) if cache_key else "identity"
    # An encoded body is a different representation of the same content: weak, as Django's
    # GZipMiddleware makes it (a weak ETag still matches If-None-Match).
    etag = f'"{etag}"' if encoding == "identity" else f'W/"{etag}"'
    timestamp = int(last_modified.timestamp()) if last_modified else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if not_modified is not None:
        response = not_modified
    elif cache_key:
        response = HttpResponse(
            encoded_body(cache_key, encoding, build_content), content_type=content_type
        )
        if encoding != "identity":
            response["Content-Encoding"] = encoding
    else:
        response = HttpResponse(build_content(), content_type=content_type)
    if cache_key:
        patch_vary_headers(response, ["Accept-Encoding"])
    response["ETag"] = etag
    if timestamp:
        response["Last-Modified"] = http_date(timestamp)
    response["Cache-Control"] = CACHE_CONTROL
    return response


def conditional_json(
    request, *, etag: str, last_modified, build_body, cache_key: str | None = None
) -> HttpResponse:
    return conditional_response(
        request,
        etag=etag,
        last_modified=last_modified,
        build_content=lambda: payload_json(build_body()),
        content_type="application/json",
        cache_key=cache_key,
    )


class ConditionListView(APIView):
    @extend_schema(
        operation_id="conditions_list",
        summary="Published conditions, a page at a time",
        parameters=[OpenApiParameter("page", int, description="Page number, from 1.")]
        + CONDITIONAL_HEADERS,
        responses={
            200: inline_serializer(
                "ConditionPage",
                {
                    "count": serializers.IntegerField(),
                    "next": serializers.CharField(allow_null=True),
                    "previous": serializers.CharField(allow_null=True),
                    "results": ConditionSummarySerializer(many=True),
                },
            ),
            304: NOT_MODIFIED,
            404: NOT_FOUND,
        },
    )
    def get(self, request):
        versions = list(publication_list().values_list("slug", "revision"))
        paginator = Paginator(versions, PAGE_SIZE, allow_empty_first_page=True)
        try:
            page = paginator.page(request.query_params.get("page", 1))
        except (EmptyPage, PageNotAnInteger) as error:
            raise NotFound(f"Invalid page: {error}") from None

        fingerprint = "\n".join(f"{slug}:{revision}" for slug, revision in versions)
        etag = hashlib.sha256(f"{page.number}\n{fingerprint}".encode()).hexdigest()

        def build_body():
            slugs = [slug for slug, *_ in page.object_list]
            payloads = dict(
                Publication.objects.filter(slug__in=slugs).values_list("slug", "payload")
            )
            return {
                "count": paginator.count,
                "next": self._page_url(page.next_page_number()) if page.has_next() else None,
                "previous": self._page_url(page.previous_page_number())
                if page.has_previous()
                else None,
                "results": [self._summary(payloads[slug]) for slug in slugs],
            }

        # No Last-Modified: unpublishing changes the list without a newer publication date.
        return conditional_json(request, etag=etag, last_modified=None, build_body=build_body)

    @staticmethod
    def _page_url(number: int) -> str:
        return f"{reverse('api:condition-list')}?{urlencode({'page': number})}"

    @staticmethod
    def _summary(payload: dict) -> dict:
        return {
            "slug": payload["slug"],
            "title": payload["title"],
            "also_called": payload["also_called"],
            "question": payload["question"],
            "summary": payload["summary"],
            "lead_html": payload["lead_html"],
            "updated_at": payload["updated_at"],
            "revision": payload["revision"],
            "url": reverse("api:condition-detail", kwargs={"slug": payload["slug"]}),
        }


class ConditionDetailView(APIView):
    @extend_schema(
        operation_id="conditions_detail",
        summary="Everything a patient page shows for one published condition",
        parameters=CONDITIONAL_HEADERS,
        responses={200: ConditionDetailSerializer, 304: NOT_MODIFIED, 404: NOT_FOUND},
    )
    def get(self, request, slug: str):
        try:
            revisions = publication_revisions(slug=slug)
            return conditional_json(
                request,
                etag=revisions["revision"],
                last_modified=revisions["published_at"],
                build_body=lambda: publication_detail(slug=slug).payload,
                cache_key=f"api-detail:{revisions['revision']}",
            )
        except Publication.DoesNotExist:
            raise NotFound("No published condition has this slug.") from None
