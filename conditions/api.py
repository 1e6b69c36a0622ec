"""Read-only content API. Every response is built from the published copies, never from drafts.

Responses carry a strong ETag derived from the published revisions and a Last-Modified date, and
a conditional request that still matches is answered 304 before any body is built.
"""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.urls import reverse
from django.utils.http import urlencode
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import APIException, NotFound
from rest_framework.views import APIView

from . import content
from .fingerprints import FULL, fingerprint
from .http import conditional_json
from .language_links import api_url
from .languages import language_codes
from .models import Publication
from .selectors import publication_detail, publication_list, publication_revisions
from .serializers import ConditionDetailSerializer, ConditionSummarySerializer

PAGE_SIZE = 50

NOT_MODIFIED = OpenApiResponse(description="Not modified: the copy you hold is current.")
NOT_FOUND = OpenApiResponse(
    response=inline_serializer("NotFound", {"detail": serializers.CharField()}),
    description="No published condition (or page) at this address.",
)
LANGUAGE_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=language_codes(),
    description="The guidance's language, as a code such as de; the first of the site's "
    "languages (en) when left out. Each language has its own pages and slugs.",
)
UNKNOWN_LANGUAGE = OpenApiResponse(
    response=inline_serializer("UnknownLanguage", {"detail": serializers.CharField()}),
    description="`lang` names a language the guide does not have; `detail` lists those it has.",
)


class UnknownLanguage(APIException):
    status_code = 400
    default_code = "unknown_language"


def request_language(request) -> str:
    """The language `?lang=` asks for, the first language without it; 400 for another."""
    language = request.query_params.get("lang", settings.LANGUAGE_CODE)
    if language not in language_codes():
        raise UnknownLanguage(
            f"There is no language {language!r}; there are {', '.join(language_codes())}."
        )
    return language


def in_language(response, language: str):
    response["Content-Language"] = language
    return response


CONDITIONAL_HEADERS = [
    OpenApiParameter("If-None-Match", OpenApiTypes.STR, OpenApiParameter.HEADER),
    OpenApiParameter("If-Modified-Since", OpenApiTypes.STR, OpenApiParameter.HEADER),
]


class ConditionListView(APIView):
    @extend_schema(
        operation_id="conditions_list",
        summary="Published conditions, a page at a time",
        parameters=[
            OpenApiParameter("page", int, description="Page number, from 1."),
            LANGUAGE_PARAMETER,
        ]
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
            400: UNKNOWN_LANGUAGE,
            404: NOT_FOUND,
        },
    )
    def get(self, request):
        language = request_language(request)
        versions = list(publication_list(language).values_list("slug", "revision"))
        paginator = Paginator(versions, PAGE_SIZE, allow_empty_first_page=True)
        try:
            page = paginator.page(request.query_params.get("page", 1))
        except (EmptyPage, PageNotAnInteger) as error:
            raise NotFound(f"Invalid page: {error}") from None

        etag = fingerprint(
            [page.number, versions, *([language] if language != settings.LANGUAGE_CODE else [])],
            length=FULL,
        )

        def build_body():
            slugs = [slug for slug, *_ in page.object_list]
            payloads = dict(
                publication_list(language).filter(slug__in=slugs).values_list("slug", "payload")
            )
            return {
                "count": paginator.count,
                "next": self._page_url(page.next_page_number(), language)
                if page.has_next()
                else None,
                "previous": self._page_url(page.previous_page_number(), language)
                if page.has_previous()
                else None,
                "results": [self._summary(payloads[slug], language) for slug in slugs],
            }

        # No Last-Modified: unpublishing changes the list without a newer publication date.
        return in_language(
            conditional_json(request, etag=etag, last_modified=None, build_body=build_body),
            language,
        )

    @staticmethod
    def _page_url(number: int, language: str) -> str:
        query = {
            "page": number,
            **({"lang": language} if language != settings.LANGUAGE_CODE else {}),
        }
        return f"{reverse('api:condition-list')}?{urlencode(query)}"

    @staticmethod
    def _summary(payload: dict, language: str) -> dict:
        return {
            **{key: payload[key] for key in content.LISTING_KEYS},
            "updated_at": payload["updated_at"],
            "revision": payload["revision"],
            "url": api_url(language, payload["slug"]),
        }


class ConditionDetailView(APIView):
    @extend_schema(
        operation_id="conditions_detail",
        summary="Everything a patient page shows for one published condition",
        parameters=[LANGUAGE_PARAMETER, *CONDITIONAL_HEADERS],
        responses={
            200: ConditionDetailSerializer,
            304: NOT_MODIFIED,
            400: UNKNOWN_LANGUAGE,
            404: NOT_FOUND,
        },
    )
    def get(self, request, slug: str):
        language = request_language(request)
        try:
            revisions = publication_revisions(slug=slug, language=language)
            # A revision is one language's page; named with it all the same, so no language's
            # copy is ever taken for another's.
            etag = revisions["revision"]
            if language != settings.LANGUAGE_CODE:
                etag = fingerprint([etag, language], length=FULL)
            return in_language(
                conditional_json(
                    request,
                    etag=etag,
                    last_modified=revisions["published_at"],
                    build_body=lambda: publication_detail(slug=slug, language=language).payload,
                    cache_key=f"api-detail:{etag}",
                ),
                language,
            )
        except Publication.DoesNotExist:
            raise NotFound("No published condition has this slug.") from None
