"""What the patient app is made of, and a per-worker cache of rendered condition pages.

A condition page depends only on its published revision and on the app's own version (templates
and static files), so a page rendered once is kept under both and never goes stale: publishing or
deploying changes the key.
"""

import functools
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import caches
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe

from conditions import content
from conditions.fingerprints import fingerprint
from conditions.models import Publication
from conditions.selectors import (
    payload_page_context,
    publication_detail,
    publication_list,
    publication_manifest_rows,
    publication_page_context,
)
from conditions.terms.marking import marked_guidance
from submissions.forms import CommentForm, FeedbackForm

from .context_processors import language_context, site
from .worker_script import joined_modules

APP_STATIC_PREFIX = "frontend/"
# Read only by the browser, from the network, when the app is installed: no page shows them, so
# a phone need not keep them to read offline (they were an eighth of the first download).
INSTALL_ONLY = {"frontend/icons/icon-512.png", "frontend/icons/icon-maskable-512.png"}
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


@functools.cache
def app_shell_files() -> tuple[tuple[str, str, int], ...]:
    """(url, revision, bytes) of every static file the app needs offline."""
    files = []
    for name in sorted(_app_static_names()):
        content = _served_bytes(name)
        files.append(
            (
                staticfiles_storage.url(name),
                fingerprint(content),
                len(content),
            )
        )
    return tuple(files)


def _served_bytes(name: str) -> bytes:
    """The file as the server sends it: the collected copy, whose ES modules import each other
    by hashed names, or the source while nothing is collected yet (a test run's first moments)."""
    try:
        collected = Path(staticfiles_storage.path(staticfiles_storage.stored_name(name)))
    except ValueError:  # not in the static files' manifest
        collected = None
    if collected is None or not collected.exists():
        return Path(finders.find(name)).read_bytes()
    return collected.read_bytes()


def _app_static_names():
    for finder in finders.get_finders():
        for name, _storage in finder.list(ignore_patterns=[]):
            if name.startswith(APP_STATIC_PREFIX) and name not in INSTALL_ONLY:
                yield name


@functools.cache
def app_version() -> str:
    """Changes whenever a deploy changes a template, a static file, a translation or any part of
    the service worker."""
    # The privacy notices on every page state how long submissions are kept.
    return fingerprint(
        [
            settings.APP_RELEASE,
            settings.SUBMISSION_RETENTION_DAYS,
            content.SEARCHED_KEYS,  # named by the search page the phone keeps
            [(url, revision) for url, revision, _ in app_shell_files()],
            [
                fingerprint(template.read_bytes())
                for template in sorted(TEMPLATES_DIR.rglob("*.html"))
            ],
            fingerprint(joined_modules()),
            settings.LANGUAGES,
            settings.SITE_URL,  # in every page's hreflang links
            [fingerprint(catalogue.read_bytes()) for catalogue in sorted(LOCALE_DIR.rglob("*.po"))],
        ]
    )


# What a condition page's revision is made of: the stored revisions of its publication.
PAGE_REVISIONS = ("revision", "comments_revision", "terms_revision")


def condition_page_revision(*, revision: str, comments_revision: str, terms_revision: str) -> str:
    """Changes when the condition's published content, its approved comments, the terms it
    marks or the app change, and differs between languages (the page in the active one): no
    language's page is ever served, or cached, as another's."""
    return fingerprint(
        [revision, comments_revision, terms_revision, app_version(), translation.get_language()]
    )


def condition_page_body_key(page_revision: str) -> str:
    """Where each worker keeps the page's body, filed by conditions/encodings.py as it is sent:
    its plain copy (`:identity`) beside its compressed ones."""
    return f"condition-page-body:{page_revision}"


def condition_page_key(**revisions: str) -> str:
    """The page's one plain copy in the worker (UTF-8), which its address serves, the app's
    copy is made from and the offline manifest measures: one copy of each page, not two."""
    return f"{condition_page_body_key(condition_page_revision(**revisions))}:identity"


def page_context(
    *, path: str | None = None, translations: list[dict] | None = None, **context
) -> dict:
    """What every patient page's template needs besides its own content, for pages rendered
    without a request (the context processors are not run then); `path` is the page's address,
    `translations` a condition page's pages in other languages."""
    return {**site(None), **language_context(path, translations), **context}


def reader_forms() -> dict:
    """The feedback and comment forms as every reader gets them: with no key of their own, since
    the page is shared (the app gives each submission a key, the server does for plain forms)."""
    return {
        "feedback_form": FeedbackForm(fresh_key=False, auto_id="feedback_%s"),
        "comment_form": CommentForm(fresh_key=False, auto_id="comment_%s"),
    }


def _render_condition_page(publication: Publication) -> str:
    page = marked_guidance(
        publication_page_context(publication), publication.terms, url=reverse("frontend:terms")
    )
    return render_to_string(
        "frontend/condition_detail.html",
        page_context(
            path=reverse("frontend:condition_detail", kwargs={"slug": publication.slug}),
            translations=publication.payload.get("translations", []),
            condition=page,
            **reader_forms(),
        ),
    )


def page_revisions(publication: Publication) -> dict[str, str]:
    """What the page's revision is made of, as condition_page_revision takes it."""
    return {key: getattr(publication, key) for key in PAGE_REVISIONS}


def condition_page_html(*, slug: str, language: str | None = None, **revisions: str) -> str:
    """The page at these revisions (condition_page_revision's), rendered (loading the
    publication) only when this worker has not rendered it before; raises
    Publication.DoesNotExist if unpublished meanwhile."""
    kept = caches["pages"].get(condition_page_key(**revisions))
    if kept is not None:
        return kept.decode()
    # Filed under the revisions it was rendered from, newer ones if a publish just happened.
    publication = publication_detail(slug=slug, language=language)
    html = _render_condition_page(publication)
    caches["pages"].set(condition_page_key(**page_revisions(publication)), html.encode())
    return html


def listing_revision(publications: list[tuple]) -> str:
    """Changes when the list of conditions (the home page's) does: a page's title, address, other
    names, question, summary or lead, or the order, or the app. From the manifest's rows."""
    return fingerprint([app_version(), [listing for _, _, listing, *_ in publications]])


def condition_cards(language: str) -> str:
    """Every published condition in `language` as the home page lists it, rendered once per
    worker and listing revision: thousands of cards take seconds to render."""
    key = f"condition-cards:{language}:{listing_revision(publication_manifest_rows(language))}"
    html = caches["pages"].get(key)
    if html is None:
        conditions = publication_list(language)
        html = render_to_string(
            "frontend/includes/condition_cards.html", {"conditions": conditions}
        )
        caches["pages"].set(key, html)
    return mark_safe(html)  # rendered by the template above, which escapes  # noqa: S308


def _encoded_size(html: str) -> int:
    return len(html.encode())


def condition_page_sizes(
    revisions: dict[str, dict[str, str]], measure=_encoded_size
) -> dict[str, int]:
    """Bytes of each condition page by slug (`measure` of its HTML), rendering (in one query)
    only those not cached.

    `revisions` maps each slug to its page's revisions (condition_page_revision's). A slug
    unpublished since `revisions` was read is missing from the result.
    """
    keys = {slug: condition_page_key(**parts) for slug, parts in revisions.items()}
    cached = caches["pages"].get_many(keys.values())
    sizes = {slug: measure(cached[key].decode()) for slug, key in keys.items() if key in cached}
    missing = [slug for slug in keys if slug not in sizes]
    if missing:
        rendered = {}
        # Each page is filed under the revision it was rendered from, which may be newer than
        # the one asked for if a publish happened meanwhile; an unpublished one is left out.
        language = translation.get_language()
        for publication in Publication.objects.filter(language=language, slug__in=missing):
            html = _render_condition_page(publication)
            rendered[condition_page_key(**page_revisions(publication))] = html.encode()
            sizes[publication.slug] = measure(html)
        caches["pages"].set_many(rendered)
    return sizes


def preview_response(request, payload: dict):
    """A draft in the patient layout, for staff: never indexed, cached or saved offline."""
    response = render(
        request,
        "frontend/condition_preview.html",
        {"condition": payload_page_context(payload), "preview": True, **reader_forms()},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)  # private, no-store
    return response
