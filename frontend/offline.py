"""The offline manifest: every URL the app keeps for reading with no connection.

Each entry has a revision that changes exactly when what is at that URL changes, so the app
fetches only what changed (as Workbox precaching does) and drops what disappeared.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import exceptions, serializers
from rest_framework.views import APIView

from conditions.api import CONDITIONAL_HEADERS, NOT_MODIFIED
from conditions.fingerprints import fingerprint
from conditions.http import conditional_json
from conditions.selectors import publication_manifest_rows

from . import pwa, views
from .pages import app_shell_files, app_version, condition_page_revision, condition_page_sizes


def _entry(url: str, revision: str, size: int) -> dict:
    return {"url": url, "revision": revision, "bytes": size}


def _rendered_size(request, url: str, view) -> int:
    """Bytes of a page as a new visitor gets it, measured without touching the caller's cookies."""
    anonymous = HttpRequest()
    anonymous.method = "GET"
    anonymous.path = anonymous.path_info = url
    anonymous.META = {
        key: value
        for key, value in request.META.items()
        if key not in ("HTTP_COOKIE", "HTTP_ACCEPT_ENCODING")
    }
    anonymous.user = AnonymousUser()
    return len(view(anonymous).content)


def _language_pages(request, publications: list[tuple]) -> list[dict]:
    """The pages of the active language: its shell pages, its catalogue of the app's words and
    its page of every published condition."""
    shell = app_version()
    listing = fingerprint([shell, [listing for _, _, listing, _, _, _ in publications]])
    choices = fingerprint([shell, [(slug, title) for slug, _, _, title, _, _ in publications]])
    page_sizes = condition_page_sizes(
        {slug: (revision, comments) for slug, revision, _, _, _, comments in publications}
    )
    entries = []
    for url, view, revision in [
        (reverse("frontend:home"), views.home, listing),
        (reverse("frontend:offline"), views.offline, shell),
        (reverse("frontend:search"), views.search, shell),
        (reverse("frontend:ask"), views.ask, choices),
        (
            reverse("frontend:javascript_catalogue"),
            pwa.javascript_catalogue,
            pwa.language_revision(),
        ),
    ]:
        entries.append(_entry(url, revision, _rendered_size(request, url, view)))
    for slug, revision, _, _, _, comments_revision in publications:
        if slug in page_sizes:  # not unpublished while this manifest was being built
            entries.append(
                _entry(
                    reverse("frontend:condition_detail", kwargs={"slug": slug}),
                    condition_page_revision(revision=revision, comments_revision=comments_revision),
                    page_sizes[slug],
                )
            )
    return entries


def offline_manifest(request, publications: list[tuple], language: str) -> dict:
    """What a reader of `language` keeps: the app's files, that language's pages, the content."""
    shell = app_version()
    entries = [_entry(url, revision, size) for url, revision, size in app_shell_files()]
    with translation.override(language):
        entries += _language_pages(request, publications)
        paths = {entry["url"] for entry in entries}
        kept = {
            slug
            for slug, *_ in publications
            if reverse("frontend:condition_detail", kwargs={"slug": slug}) in paths
        }
    for slug, revision, _, _, payload_bytes, _ in publications:
        if slug not in kept:
            continue  # unpublished while this manifest was being built
        entries.append(
            _entry(reverse("api:condition-detail", kwargs={"slug": slug}), revision, payload_bytes)
        )
    return {
        "app_version": shell,
        "version": fingerprint([(entry["url"], entry["revision"]) for entry in entries]),
        "total_bytes": sum(entry["bytes"] for entry in entries),
        "entries": entries,
    }


class OfflineManifestView(APIView):
    @extend_schema(
        operation_id="offline_manifest",
        summary="Every URL the app keeps offline, each with a revision and its size",
        parameters=[
            *CONDITIONAL_HEADERS,
            OpenApiParameter(
                "lang",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=[code for code, _ in settings.LANGUAGES],
                description="The reader's language: its pages are listed. The first by default.",
            ),
        ],
        responses={
            200: inline_serializer(
                "OfflineManifest",
                {
                    "app_version": serializers.CharField(
                        help_text="The app's own version; a new one means a new service worker."
                    ),
                    "version": serializers.CharField(),
                    "total_bytes": serializers.IntegerField(),
                    "entries": inline_serializer(
                        "OfflineEntry",
                        {
                            "url": serializers.CharField(),
                            "revision": serializers.CharField(),
                            "bytes": serializers.IntegerField(),
                        },
                        many=True,
                    ),
                },
            ),
            304: NOT_MODIFIED,
            400: OpenApiResponse(
                response=inline_serializer(
                    "OfflineManifestRefused", {"lang": serializers.ListField()}
                ),
                description="No such language; `lang` names the languages there are.",
            ),
        },
    )
    def get(self, request):
        language = request.query_params.get("lang", settings.LANGUAGE_CODE)
        languages = [code for code, _ in settings.LANGUAGES]
        if language not in languages:
            raise exceptions.ValidationError(
                {"lang": [f"There is no language {language!r}; there are {', '.join(languages)}."]}
            )
        publications = publication_manifest_rows()
        etag = fingerprint(
            [
                app_version(),
                [(slug, rev, comments) for slug, rev, *_, comments in publications],
                *([language] if language != settings.LANGUAGE_CODE else []),
            ]
        )
        # No Last-Modified: unpublishing or deploying changes the manifest without a newer date.
        return conditional_json(
            request,
            etag=etag,
            last_modified=None,
            build_body=lambda: offline_manifest(request._request, publications, language),
            # The manifest renders the app's pages to measure them: once per worker and version.
            cache_key=f"offline-manifest:{etag}",
        )
