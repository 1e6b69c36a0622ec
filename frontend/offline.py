"""The offline manifest: every URL the app keeps for reading with no connection.

Each entry has a revision that changes exactly when what is at that URL changes, so the app
fetches only what changed (as Workbox precaching does) and drops what disappeared. A phone that
names the version it holds (`?since=<version>`) is sent only the entries changed and removed
since, or `304` when nothing changed (`offline_versions.py` keeps the versions to compare with).
"""

import re

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.http import HttpRequest, HttpResponseNotModified
from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from conditions.api import CONDITIONAL_HEADERS, NOT_MODIFIED
from conditions.encodings import Unkept
from conditions.fingerprints import fingerprint
from conditions.http import CACHE_CONTROL, conditional_response, json_bytes
from conditions.search import entries as search_entries
from conditions.selectors import publication_manifest_rows, published_terms_revision

from . import pwa, views
from .offline_sizes import ConditionEntries, condition_entries, condition_sizes, other_sizes
from .offline_versions import revisions_at, version_remember
from .page_parts import COPY_QUERY, parts_revision, parts_size, parts_url
from .pages import app_shell_files, app_version, listing_revision

VERSION = re.compile(r"[0-9a-f]{1,64}")


def _entry(url: str, revision: str, size: int, source: str | None = None) -> dict:
    """`source`, when given, is where the phone fetches what it keeps at `url`."""
    return {
        "url": url,
        "revision": revision,
        "bytes": size,
        **({"source": source} if source else {}),
    }


# What a page measured for every server is measured without.
NOT_A_NEW_VISITORS = ("HTTP_COOKIE", "HTTP_ACCEPT_ENCODING", "HTTP_ACCEPT_LANGUAGE", "QUERY_STRING")


def _rendered_size(request, url: str, view) -> int:
    """Bytes of a page as a new visitor gets it at its own address (no query), measured without
    touching the caller's cookies, and the same for every caller (the home page offers a
    browser's own language: written down for every server, the size must not depend on it)."""
    anonymous = HttpRequest()
    anonymous.method = "GET"
    anonymous.path = anonymous.path_info = url
    anonymous.META = {
        key: value for key, value in request.META.items() if key not in NOT_A_NEW_VISITORS
    }
    anonymous.user = AnonymousUser()
    return len(view(anonymous).content)


def _entry_rows(publications: list[tuple], terms_revision: str) -> list[tuple]:
    """(url, revision, size) of every entry, in the manifest's order. The size is a number of
    bytes, a view to render, or the condition whose entry it is (offline_sizes.py)."""
    shell = app_version()
    listing = listing_revision(publications)
    choices = fingerprint([shell, [(slug, title) for slug, _, _, title, *_ in publications]])
    rows = list(app_shell_files())
    for url, view, revision in [
        (reverse("frontend:home"), views.home, listing),
        (reverse("frontend:offline"), views.offline, shell),
        (reverse("frontend:search"), views.search, shell),
        (reverse("frontend:ask"), views.ask, choices),
        (reverse("frontend:terms"), views.terms, fingerprint([shell, terms_revision])),
        (
            reverse("frontend:javascript_catalogue"),
            pwa.javascript_catalogue,
            pwa.language_revision(),
        ),
    ]:
        rows.append((url, revision, view))
    language = translation.get_language()  # the manifest's: entries of another take ?lang=
    rows.append((parts_url(language), parts_revision(), parts_size))
    rows.append(
        (
            search_entries.names_url(language),
            search_entries.names_revision(terms_revision),
            search_entries.names_size,
        )
    )
    for condition in condition_entries(publications, language):
        rows.append((condition.page_url, condition.page_revision, condition))
        rows.append((condition.entry_url, condition.entry_revision, condition))
    return rows


def _entries(request, rows: list[tuple]) -> tuple[list[dict], int]:
    """These rows as entries with their sizes, leaving out a condition unpublished meanwhile,
    and how many conditions' sizes are estimates."""
    language = translation.get_language()
    conditions = {size.slug: size for *_, size in rows if isinstance(size, ConditionEntries)}
    sizes = condition_sizes(
        list(conditions.values()), language, limit=settings.OFFLINE_MEASURED_PER_CHECK
    )
    measured = other_sizes(
        [
            (url, revision, _measurer(request, url, size, language))
            for url, revision, size in rows
            if callable(size)
        ],
        language,
    )
    entries = []
    for url, revision, size in rows:
        if isinstance(size, ConditionEntries):
            if size.slug in sizes.unpublished:
                continue
            # The page is kept less its parts (page_parts.py), fetched from its copy's address.
            source = f"{url}?{COPY_QUERY}" if url == size.page_url else None
            entries.append(_entry(url, revision, sizes.bytes[url], source))
        else:
            entries.append(_entry(url, revision, measured[url] if callable(size) else size))
    return entries, sizes.estimated


def _measurer(request, url: str, size, language: str):
    """What measures the entry at `url` whose size `size` gives (a view, or a function)."""
    if size in (search_entries.names_size, parts_size):
        return lambda: size(language)
    return lambda: _rendered_size(request, url, size)


def manifest_version(revisions: dict[str, str]) -> str:
    """The version of a manifest holding these entries ({url: revision}, in its order)."""
    return fingerprint(list(revisions.items()))


def _written_version(entries: list[dict]) -> str:
    """The version of these entries, written down for phones that will hold it."""
    revisions = {entry["url"]: entry["revision"] for entry in entries}
    version = manifest_version(revisions)
    version_remember(version=version, revisions=revisions)
    return version


def _sent(body: dict, estimated: int) -> bytes:
    """The body as sent. One stating estimated sizes is not kept, so the next check measures
    more of them (offline_sizes.py)."""
    content = json_bytes(body)
    return Unkept(content) if estimated else content


def offline_manifest(request, publications: list[tuple], terms_revision: str) -> bytes:
    entries, estimated = _entries(request, _entry_rows(publications, terms_revision))
    body = {
        "app_version": app_version(),
        "version": _written_version(entries),
        "total_bytes": sum(entry["bytes"] for entry in entries),
        "entries": entries,
    }
    return _sent(body, estimated)


def offline_delta(
    request, publications: list[tuple], terms_revision: str, *, since: str, held: dict
) -> bytes:
    """What changed since the version `since`, whose revisions are `held`: entries new or at
    another revision, with their sizes, and the URLs of entries no longer in the manifest."""
    rows = _entry_rows(publications, terms_revision)
    changed, estimated = _entries(request, [row for row in rows if held.get(row[0]) != row[1]])
    sized = {entry["url"] for entry in changed}
    # A condition unpublished while this was built is left out, as from the whole manifest.
    now = [row for row in rows if row[0] in sized or held.get(row[0]) == row[1]]
    version = _written_version([_entry(url, revision, 0) for url, revision, *_ in now])
    kept = {row[0] for row in now}
    body = {
        "app_version": app_version(),
        "version": version,
        "since": since,
        "changed": changed,
        "removed": [url for url in held if url not in kept],
    }
    return _sent(body, estimated)


def _current_version(publications: list[tuple], terms_revision: str, etag: str) -> str:
    """The version the manifest is at, worked out once per worker and state of the content."""
    key = f"offline-manifest-version:{etag}"
    version = caches["pages"].get(key)
    if version is None:
        rows = _entry_rows(publications, terms_revision)
        version = manifest_version({url: revision for url, revision, *_ in rows})
        caches["pages"].set(key, version, timeout=None)
    return version


ENTRY = inline_serializer(
    "OfflineEntry",
    {
        "url": serializers.CharField(),
        "revision": serializers.CharField(),
        "bytes": serializers.IntegerField(
            help_text=(
                "The size of what the app keeps for this entry. A condition's entries are "
                "measured a few at each check after a change of the app; until then, estimated "
                "from the condition's size."
            )
        ),
    },
    many=True,
)
APP_VERSION = serializers.CharField(
    help_text="The app's own version; a new one means a new service worker."
)
WHOLE = inline_serializer(
    "OfflineManifest",
    {
        "app_version": APP_VERSION,
        "version": serializers.CharField(),
        "total_bytes": serializers.IntegerField(),
        "entries": ENTRY,
    },
)
DELTA = inline_serializer(
    "OfflineManifestDelta",
    {
        "app_version": APP_VERSION,
        "version": serializers.CharField(help_text="The version the phone holds once applied."),
        "since": serializers.CharField(help_text="The version it was asked for."),
        "changed": ENTRY,
        "removed": serializers.ListField(child=serializers.CharField()),
    },
)


class OfflineManifestView(APIView):
    @extend_schema(
        operation_id="offline_manifest",
        summary="Every URL the app keeps offline, each with a revision and its size",
        description=(
            "With `since`, the version of the manifest the phone holds: only the entries changed "
            "and removed since, `304` when nothing changed, or the whole manifest when that "
            "version is unknown or too old."
        ),
        parameters=[
            OpenApiParameter(
                "since",
                str,
                description="The manifest version the phone holds, if any.",
                pattern=f"^{VERSION.pattern}$",
            ),
            OpenApiParameter(
                "lang",
                str,
                enum=[code for code, _ in settings.LANGUAGES],
                description="The reader's language: its pages are listed. The first by default.",
            ),
            *CONDITIONAL_HEADERS,
        ],
        responses={
            200: PolymorphicProxySerializer(
                "OfflineManifestOrDelta", [WHOLE, DELTA], resource_type_field_name=None
            ),
            304: NOT_MODIFIED,
            400: inline_serializer(
                "OfflineManifestRefused",
                {
                    "detail": serializers.CharField(
                        help_text="What is wrong with `since` or `lang`."
                    )
                },
            ),
        },
    )
    def get(self, request):
        language = request.query_params.get("lang", settings.LANGUAGE_CODE)
        languages = [code for code, _ in settings.LANGUAGES]
        if language not in languages:
            detail = f"There is no language {language!r}; there are {', '.join(languages)}."
            return Response({"detail": detail}, status=400)
        since = request.query_params.get("since")
        if since is not None and not VERSION.fullmatch(since):
            detail = "since must be a version of the offline manifest: hexadecimal digits."
            return Response({"detail": detail}, status=400)
        # The language's pages, at its addresses and in its words.
        with translation.override(language):
            return self._answer(request, language, since)

    def _answer(self, request, language: str, since: str | None):
        publications = publication_manifest_rows(language)
        terms = published_terms_revision(language)
        etag = fingerprint(
            [
                app_version(),
                [(slug, rev, comments, marked) for slug, rev, *_, comments, marked in publications],
                terms,
                *([language] if language != settings.LANGUAGE_CODE else []),
            ]
        )
        if since is not None:
            delta = self._delta(request, publications, terms, etag, since)
            if delta is not None:
                return delta
        # No Last-Modified: unpublishing or deploying changes the manifest without a newer date.
        return conditional_response(
            request,
            etag=etag,
            last_modified=None,
            build_content=lambda: offline_manifest(request._request, publications, terms),
            content_type="application/json",
            # Kept once its sizes are all measured: once per worker and version.
            cache_key=f"offline-manifest:{etag}",
        )

    def _delta(self, request, publications, terms: str, etag: str, since: str):
        """What changed since the phone's version; None when the whole manifest is needed."""
        current = _current_version(publications, terms, etag)
        delta_etag = fingerprint([since, current])
        if since == current and "HTTP_IF_NONE_MATCH" not in request.META:
            response = HttpResponseNotModified()  # the phone holds the current version
            response["ETag"] = f'"{delta_etag}"'
            response["Cache-Control"] = CACHE_CONTROL
            return response
        held = revisions_at(since)
        if held is None:  # never written here, or no longer kept
            return None
        return conditional_response(
            request,
            etag=delta_etag,
            last_modified=None,
            build_content=lambda: offline_delta(
                request._request, publications, terms, since=since, held=held
            ),
            content_type="application/json",
            cache_key=f"offline-delta:{since}:{etag}",
        )
