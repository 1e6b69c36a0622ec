"""The installed app's copy of a condition page: the page less what every page repeats.

Every condition page repeats the same head (styles, scripts, icons), site header, "ask us"
button, Listen controls, feedback and reply forms, notices and footer: four tenths of a page's
compressed bytes. The phone downloads them once, as the language's page parts
(`/api/v1/offline-parts/`), and each page's copy (`/conditions/<slug>/?copy=offline`) with a
`<template data-part>` in their place; the worker puts them back before the page is shown
(frontend/service_worker/page-parts.js), so the page read offline is the server's, byte for
byte. A part is left in place unless putting it back gives exactly what was there: a page that
differs (a translation's notice, a slug the forms spell differently) is simply larger.

The parts are cut from a page rendered for no condition in particular: its slug and title, the
only things of the page's own the parts hold (in the forms), become `__slug__` and `__label__`,
which the worker fills from the marker's `data-slug` and `data-label`.
"""

import functools
import re

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.views import APIView

from conditions.api import (
    CONDITIONAL_HEADERS,
    LANGUAGE_PARAMETER,
    UNKNOWN_LANGUAGE,
    in_language,
    request_language,
)
from conditions.fingerprints import fingerprint
from conditions.http import conditional_json, json_bytes
from conditions.language_links import with_language

from .pages import app_version, page_context, reader_forms

COPY_QUERY = "copy=offline"
PARTS_FORMAT = "page-parts-1"
SLUG, LABEL = "__slug__", "__label__"
# Each part: the strings that find where it starts (it starts at the last), and those found
# after that where it ends (it ends after the last), in a rendered condition page.
PARTS = {
    "doctype": (("<!doctype html>",), ("<title>",)),
    "head": (('<meta name="theme-color"',), ("</head>",)),
    "top": (('<a class="skip-link"',), ('<main id="main" tabindex="-1">',)),
    "ask": (('<header class="condition-header"', '<p><a class="button" href="'), ("</a></p>",)),
    "listen": (('<div class="listen" id="listen"',), ('<p class="listen-note"', "</div>")),
    "feedback": (
        ('<section class="reader-prompt" aria-labelledby="feedback-heading">',),
        ("</section>",),
    ),
    "reply": (
        ('<section class="reader-prompt" aria-labelledby="reply-heading">',),
        ("</section>",),
    ),
    "notices": (('<div class="notices" id="notices"',), ('<nav class="language-nav"', ">")),
    "footer": (('<nav class="language-nav"', "</nav>"), ("</html>",)),
}
MARKER = re.compile(r'<template data-part="(\w+)"((?: data-\w+="[^"]*")*)></template>')
VALUE = re.compile(r' data-(\w+)="([^"]*)"')
FORM_VALUES = re.compile(r'data-condition="([^"]*)" data-label="([^"]*)"')


def _found(page: str, strings: tuple[str, ...], at: int) -> int:
    """Where the last of `strings` is, each found after the one before from `at`; -1 if not."""
    for string in strings:
        at = page.find(string, at)
        if at < 0:
            return -1
    return at


def part_span(page: str, name: str) -> tuple[int, int] | None:
    starts, ends = PARTS[name]
    start = _found(page, starts, 0)
    end = _found(page, ends, start) if start >= 0 else -1
    return None if end < 0 else (start, end + len(ends[-1]))


@functools.cache
def _parts(version: str, language: str) -> dict[str, str]:
    slug_path = reverse("frontend:condition_detail", kwargs={"slug": SLUG})
    condition = {"slug": SLUG, "title": LABEL, "sections": []}
    page = render_to_string(
        "frontend/condition_detail.html",
        page_context(path=slug_path, translations=[], condition=condition, **reader_forms()),
    )
    parts = {}
    for name in PARTS:
        span = part_span(page, name)
        if span is None:
            raise ValueError(f"The condition page has no {name!r} part: see PARTS.")
        parts[name] = page[span[0] : span[1]]
    return parts


def page_parts() -> dict[str, str]:
    """The parts of every condition page in the active language, with the page's own values as
    `__slug__` and `__label__`."""
    return _parts(app_version(), translation.get_language())


def parts_size(language: str) -> int:
    with translation.override(language):
        return len(json_bytes(page_parts()))


def parts_revision() -> str:
    return fingerprint([PARTS_FORMAT, app_version(), translation.get_language()])


def _filled(part: str, values: dict[str, str]) -> str:
    return re.sub(r"__(slug|label)__", lambda found: values.get(found[1], found[0]), part)


def page_copy(page: str) -> str:
    """The page with each part that is the shared one (its own values filled in) as a marker."""
    form = FORM_VALUES.search(page)
    values = {"slug": form[1], "label": form[2]} if form else {}
    # Last first: the notices part ends where the footer's start is found.
    for name, part in reversed(page_parts().items()):
        span = part_span(page, name)
        if span is None or _filled(part, values) != page[span[0] : span[1]]:
            continue
        attributes = "".join(
            f' data-{key}="{value}"' for key, value in values.items() if f"__{key}__" in part
        )
        marker = f'<template data-part="{name}"{attributes}></template>'
        page = page[: span[0]] + marker + page[span[1] :]
    return page


def page_composed(copy: str, parts: dict[str, str]) -> str:
    """The page again, as the worker composes it (page-parts.js does the same)."""

    def part(found: re.Match) -> str:
        if found[1] not in parts:
            return found[0]
        return _filled(parts[found[1]], dict(VALUE.findall(found[2])))

    return MARKER.sub(part, copy)


def parts_url(language: str) -> str:
    return with_language(reverse("frontend-api:offline-parts"), language)


class OfflinePartsView(APIView):
    @extend_schema(
        operation_id="offline_page_parts",
        summary="What every condition page repeats, which the installed app keeps once",
        description="Each part's HTML by name, with `__slug__` and `__label__` where a page's "
        "own slug and title go. A page's copy for the app (`/conditions/<slug>/?copy=offline`, "
        "the offline manifest's `source`) holds `<template data-part=…>` in their place, with "
        "its values as `data-slug` and `data-label`. The ETag is the revision the offline "
        "manifest lists.",
        parameters=[LANGUAGE_PARAMETER, *CONDITIONAL_HEADERS],
        responses={
            200: inline_serializer(
                "OfflinePageParts", {name: serializers.CharField() for name in PARTS}
            ),
            304: OpenApiResponse(description="The copy held is current."),
            400: UNKNOWN_LANGUAGE,
        },
    )
    def get(self, request):
        language = request_language(request)
        with translation.override(language):
            revision = parts_revision()
            response = conditional_json(
                request,
                etag=revision,
                last_modified=None,
                build_body=page_parts,
                cache_key=f"offline-page-parts:{revision}",
            )
        return in_language(response, language)
