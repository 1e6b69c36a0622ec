import functools

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

# The default names (config/settings.py) in the message files; another name set there is shown
# as it is, in every language.
SITE_NAMES = [gettext_noop("Spasm & Dystonia Guide"), gettext_noop("Spasm Guide")]


def site(request):
    return {
        "site_name": gettext(settings.SITE_NAME),
        "retention_days": settings.SUBMISSION_RETENTION_DAYS,
    }


def languages(request):
    return language_context(request.get_full_path() if request is not None else None)


@functools.lru_cache(maxsize=4096)
def _translated_path(path: str, code: str) -> str:
    """translate_url of an address without a query: resolving and reversing it took a tenth of
    a search's time, and the answer depends only on the URL configuration."""
    return translate_url(path, code)


def _translated(address: str, code: str) -> str:
    """translate_url's answer: the same address in `code`'s language, its query kept."""
    path, mark, query = address.partition("?")
    return _translated_path(path, code) + mark + query


def language_context(path: str | None, translations: list[dict] | None = None) -> dict:
    """The page's language and its addresses in every language, for the language switch and the
    `hreflang` links. A page no other language has (an error page) links to their home pages.

    A condition's page passes its `translations` (its published pages in other languages,
    conditions/language_links.py): the switch leads to the one in each language, or to that
    language's home where there is none, and `hreflang` names only the pages there are."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    published = {link["language"]: link["url"] for link in translations or ()}
    addresses, alternates = [], []
    for code, name in settings.LANGUAGES:
        if translations is not None:
            translated = path if code == current else published.get(code)
        else:
            translated = _translated(path, code) if path else None
            if translated == path and code != current:
                translated = None
        if translated is not None:
            alternates.append({"code": code, "name": name, "url": translated})
        else:
            with translation.override(code):
                translated = reverse("frontend:home")
        addresses.append({"code": code, "name": name, "url": translated})
    return {
        "language": current,
        "default_language": settings.LANGUAGE_CODE,
        "language_dir": "rtl" if translation.get_language_bidi() else "ltr",
        "other_languages": [link for link in addresses if link["code"] != current],
        "alternate_links": (alternates if translations is not None else addresses) if path else [],
        "site_url": settings.SITE_URL,
    }
