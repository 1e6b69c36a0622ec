"""What makes the site an installable app: the web app manifest and the service worker.

Both are served from the site's root (a worker only controls pages under its own path) and are
revalidated on every use, so an installed app learns about a new version at its next start.
"""

import functools
import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from django.views.i18n import JavaScriptCatalog

from conditions.fingerprints import fingerprint
from conditions.http import conditional_response
from conditions.search import entries as search_entries

from .pages import app_version
from .worker_script import joined_modules

THEME_COLOUR = "#005eb8"
BACKGROUND_COLOUR = "#ffffff"
SYNC_INTERVAL_SECONDS = 5 * 60


def reader_language(request) -> str:
    """The language a worker keeps pages in: `?lang=` on its address, or the first language."""
    language = request.GET.get("lang", "")
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@functools.cache
def service_worker_script(language: str | None = None) -> str:
    """The worker of readers of `language`: it keeps that language's pages (the manifest's)."""
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        offline_url = reverse("frontend:offline")
    codes = [code for code, _ in settings.LANGUAGES]
    manifest_urls = {code: offline_manifest_url(code) for code in codes}
    config = {
        "version": app_version(),
        # The reader's language, whose guidance is always kept; the others when they ask.
        "language": language,
        "languages": codes,
        "manifestUrl": manifest_urls[language],
        "manifestUrls": manifest_urls,
        "offlineUrl": offline_url,
        # A page not saved is answered by the offline page in its language: [home, offline page]
        # for each language, the longest home first.
        "offlineUrls": sorted(language_urls("home", "offline"), key=lambda pair: -len(pair[0])),
        # What offline search reads: each condition's entry, and the terms' other names.
        "conditionEntriesPrefix": search_entries.entry_url("-", settings.LANGUAGE_CODE)[
            : -len("-/")
        ],
        "searchNamesUrl": search_entries.names_url(language),
        "searchNamesUrls": {code: search_entries.names_url(code) for code in codes},
        "staticUrl": settings.STATIC_URL,
        "syncIntervalSeconds": SYNC_INTERVAL_SECONDS,
    }
    # The first line, which the parts read as a global: they are joined below it.
    return f"const CONFIG = {json.dumps(config)};\n{joined_modules()}"


def offline_manifest_url(language: str) -> str:
    url = reverse("frontend-api:offline-manifest")
    return url + (f"?lang={language}" if language != settings.LANGUAGE_CODE else "")


def language_urls(*names: str) -> list[list[str]]:
    """For each language, the addresses of these patient pages in it."""
    urls = []
    for code, _ in settings.LANGUAGES:
        with translation.override(code):
            urls.append([reverse(f"frontend:{name}") for name in names])
    return urls


def language_revision() -> str:
    """Changes with the app, and differs between languages: what is written in the active one."""
    return fingerprint([app_version(), translation.get_language()])


def web_manifest_body() -> dict:
    """In the active language; every language's manifest names the same app (its `id`)."""

    def icon(name: str, size: int, purpose: str = "any") -> dict:
        return {
            "src": static(f"frontend/icons/{name}"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": purpose,
        }

    return {
        "id": "/",
        "name": gettext(settings.SITE_NAME),
        "short_name": gettext(settings.SITE_SHORT_NAME),
        "description": gettext(
            "Guidance on severe or persistent muscle spasms, dystonia and related conditions, "
            "readable with no connection."
        ),
        "lang": translation.get_language(),
        "dir": "rtl" if translation.get_language_bidi() else "ltr",
        "start_url": reverse("frontend:home"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "categories": ["health", "medical"],
        "icons": [
            icon("icon-192.png", 192),
            icon("icon-512.png", 512),
            icon("icon-maskable-512.png", 512, "maskable"),
        ],
    }


def app_version_header(get_response):
    """Middleware: name the app version on every response the app renders.

    The service worker refuses to save a page from another version, which a reader's phone can
    be offered while a deploy is under way.
    """

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("X-App-Version", app_version())
        return response

    return middleware


@require_safe
def service_worker(request):
    language = reader_language(request)
    default = language == settings.LANGUAGE_CODE
    etag = app_version() if default else fingerprint([app_version(), language])
    return conditional_response(
        request,
        etag=etag,
        last_modified=None,
        build_content=lambda: service_worker_script(language),
        content_type="text/javascript; charset=utf-8",
        # Kept with its Brotli and gzip encodings: a phone is sent the smallest.
        cache_key=f"service-worker:{etag}",
    )


@require_safe
def web_manifest(request):
    return conditional_response(
        request,
        etag=language_revision(),
        last_modified=None,
        build_content=lambda: json.dumps(web_manifest_body(), ensure_ascii=False),
        content_type="application/manifest+json",
    )


_catalogue_view = JavaScriptCatalog.as_view(packages=["frontend"])


@require_safe
def javascript_catalogue(request):
    """The app's words in the page's language (locale/<code>/LC_MESSAGES/djangojs.po), as
    Django's catalogue script: it defines `django.gettext` for the app's modules. A file of its
    own, loaded before them, since the pages allow no inline script; saved offline like a page."""
    revision = language_revision()
    return conditional_response(
        request,
        etag=revision,
        last_modified=None,
        build_content=lambda: _catalogue_view(request).content,
        content_type="text/javascript; charset=utf-8",
        cache_key=f"javascript-catalogue:{revision}",
    )
