"""The search endpoint for other clients: the search page's results and order, as JSON."""

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ..api import in_language, request_language
from ..content import NamesField
from ..language_links import api_url
from .engine import MAX_QUERY_LENGTH, RESULTS_SHOWN, Result, query_problem, search
from .signals import found_nothing

NOT_CONTROL = r"[^\x00-\x1f\x7f-\x9f]"


class MatchedSectionSerializer(serializers.Serializer):
    heading = serializers.CharField()
    anchor = serializers.CharField()
    url = serializers.CharField(help_text="The section on the condition's page.")


class SearchResultSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    also_called = NamesField()
    url = serializers.CharField(help_text="The condition's page.")
    api_url = serializers.CharField()
    sentence_html = serializers.CharField(
        allow_null=True,
        help_text="The sentence holding most of the words, as escaped text whose only markup "
        "is <mark> around them; null when only the condition's names hold them.",
    )
    section = MatchedSectionSerializer(
        allow_null=True, help_text="Where the sentence is, if in one."
    )


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    count = serializers.IntegerField(
        help_text=f"How many conditions match; the best {RESULTS_SHOWN} are sent."
    )
    did_you_mean = serializers.CharField(
        allow_blank=True,
        help_text="When the words as typed found nothing: the corrected words whose results "
        "are sent. Empty otherwise.",
    )
    results = SearchResultSerializer(many=True)


def _result(result: Result, language: str) -> dict:
    payload, match = result.publication.payload, result.match
    section = None
    if match and match.anchor:
        url = f"{payload['page_url']}#{match.anchor}"
        section = {"heading": match.heading, "anchor": match.anchor, "url": url}
    return {
        "slug": payload["slug"],
        "title": payload["title"],
        "also_called": payload.get("also_called", []),
        "url": payload["page_url"],
        "api_url": api_url(language, payload["slug"]),
        "sentence_html": str(match.sentence) if match else None,
        "section": section,
    }


class SearchView(APIView):
    @extend_schema(
        operation_id="search",
        summary="Published conditions holding every word searched for, best first",
        description="Names first, then section headings, then the rest; any form of a word "
        "(spasm, spasms, spasming); one typo in a word of 5 letters or more is corrected when "
        "the words as typed find nothing.",
        parameters=[
            OpenApiParameter(
                "q",
                {
                    "type": "string",
                    "maxLength": MAX_QUERY_LENGTH,
                    "pattern": rf"^{NOT_CONTROL}*[^\s\x00-\x1f\x7f-\x9f]{NOT_CONTROL}*$",
                },
                required=True,
                description=f"The words: at most {MAX_QUERY_LENGTH} characters, not only "
                "spaces, no control characters.",
            ),
            OpenApiParameter(
                "typing",
                str,
                description="Sent, with any value, by a search box that searches as the reader "
                "types: a search that finds nothing is then not counted for editors as one "
                "readers could not find (the words may be unfinished).",
            ),
        ],
        responses={
            200: SearchResultsSerializer,
            400: OpenApiResponse(
                response=inline_serializer("SearchRefused", {"detail": serializers.CharField()}),
                description="The query is missing, empty, too long or has control characters, "
                "or `lang` names a language the guide does not have; `detail` says which. "
                "(`lang`, as on /api/v1/conditions/, picks the guidance's language.)",
            ),
        },
    )
    def get(self, request):
        language = request_language(request)
        query = request.query_params.get("q", "")
        problem = query_problem(query)
        if not problem and not query.strip():
            problem = "Give the words to search for, as ?q=words."
        if problem:
            return Response({"detail": problem}, status=400)
        found = search(query, language=language)
        if not found.results and "typing" not in request.query_params:
            found_nothing.send(sender=type(self), query=query)
        body = {
            "query": found.query,
            "count": found.count,
            "did_you_mean": found.suggestion,
            "results": [_result(result, language) for result in found.results],
        }
        return in_language(Response(body), language)
