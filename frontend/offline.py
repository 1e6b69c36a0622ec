"""The offline manifest: every URL the app keeps for reading with no connection.

Each entry has a revision that changes exactly when what is at that URL changes, so the app
fetches only what changed (as Workbox precaching does) and drops what disappeared.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.views import APIView

from conditions.api import CONDITIONAL_HEADERS, NOT_MODIFIED
from conditions.fingerprints import fingerprint
from conditions.http import conditional_json
from conditions.selectors import publication_manifest_rows, published_terms_revision

from . import views
from .pages import app_shell_files, app_version, condition_page_revision, condition_page_sizes


def _entry(url: str, revision: str, size: int) -> dict:
    return {"url": url, "revision": revision, "bytes": size}


def _rendered_size(request, view) -> int:
    """Bytes of a page as a new visitor gets it, measured without touching the caller's cookies."""
    anonymous = HttpRequest()
    anonymous.method = "GET"
    anonymous.META = {key: value for key, value in request.META.items() if key != "HTTP_COOKIE"}
    anonymous.user = AnonymousUser()
    return len(view(anonymous).content)


def offline_manifest(request, publications: list[tuple], terms_revision: str) -> dict:
    shell = app_version()
    listing = fingerprint([shell, [listing for _, _, listing, *_ in publications]])
    choices = fingerprint([shell, [(slug, title) for slug, _, _, title, *_ in publications]])
    pages = {
        slug: {"revision": revision, "comments_revision": comments, "terms_revision": terms}
        for slug, revision, _, _, _, comments, terms in publications
    }
    page_sizes = condition_page_sizes(pages)

    entries = [_entry(url, revision, size) for url, revision, size in app_shell_files()]
    for url, view, revision in [
        (reverse("frontend:home"), views.home, listing),
        (reverse("frontend:offline"), views.offline, shell),
        (reverse("frontend:search"), views.search, shell),
        (reverse("frontend:ask"), views.ask, choices),
        (reverse("frontend:terms"), views.terms, fingerprint([shell, terms_revision])),
    ]:
        entries.append(_entry(url, revision, _rendered_size(request, view)))
    for slug, revision, _, _, payload_bytes, *_ in publications:
        if slug not in page_sizes:  # unpublished while this manifest was being built
            continue
        entries.append(
            _entry(
                reverse("frontend:condition_detail", kwargs={"slug": slug}),
                condition_page_revision(**pages[slug]),
                page_sizes[slug],
            )
        )
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
        parameters=CONDITIONAL_HEADERS,
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
        },
    )
    def get(self, request):
        publications = publication_manifest_rows()
        terms = published_terms_revision()
        etag = fingerprint(
            [
                app_version(),
                [(slug, rev, comments, marked) for slug, rev, *_, comments, marked in publications],
                terms,
            ]
        )
        # No Last-Modified: unpublishing or deploying changes the manifest without a newer date.
        return conditional_json(
            request,
            etag=etag,
            last_modified=None,
            build_body=lambda: offline_manifest(request._request, publications, terms),
            # The manifest renders the app's pages to measure them: once per worker and version.
            cache_key=f"offline-manifest:{etag}",
        )
