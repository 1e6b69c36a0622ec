"""What makes the site an installable app: the web app manifest and the service worker.

Both are served from the site's root (a worker only controls pages under its own path) and are
revalidated on every use, so an installed app learns about a new version at its next start.
"""

import functools
import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

from conditions.http import conditional_response

from .pages import app_version
from .worker_script import joined_modules

THEME_COLOUR = "#005eb8"
BACKGROUND_COLOUR = "#ffffff"
SYNC_INTERVAL_SECONDS = 5 * 60


@functools.cache
def service_worker_script() -> str:
    config = {
        "version": app_version(),
        "manifestUrl": reverse("frontend-api:offline-manifest"),
        "offlineUrl": reverse("frontend:offline"),
        "conditionsApiPrefix": reverse("api:condition-list"),
        "staticUrl": settings.STATIC_URL,
        "syncIntervalSeconds": SYNC_INTERVAL_SECONDS,
    }
    # The first line, which the parts read as a global: they are joined below it.
    return f"const CONFIG = {json.dumps(config)};\n{joined_modules()}"


def web_manifest_body() -> dict:
    def icon(name: str, size: int, purpose: str = "any") -> dict:
        return {
            "src": static(f"frontend/icons/{name}"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": purpose,
        }

    return {
        "id": "/",
        "name": settings.SITE_NAME,
        "short_name": settings.SITE_SHORT_NAME,
        "description": (
            "Guidance on severe or persistent muscle spasms, dystonia and related conditions, "
            "readable with no connection."
        ),
        "lang": "en",
        "dir": "ltr",
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
    return conditional_response(
        request,
        etag=app_version(),
        last_modified=None,
        build_content=service_worker_script,
        content_type="text/javascript; charset=utf-8",
        # Kept with its Brotli and gzip encodings: a phone is sent the smallest.
        cache_key=f"service-worker:{app_version()}",
    )


@require_safe
def web_manifest(request):
    return conditional_response(
        request,
        etag=app_version(),
        last_modified=None,
        build_content=lambda: json.dumps(web_manifest_body(), ensure_ascii=False),
        content_type="application/manifest+json",
    )
