from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
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


def language_context(path: str | None) -> dict:
    """The page's language and its addresses in every language, for the language switch and the
    `hreflang` links. A page no other language has (an error page) links to their home pages."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    addresses = []
    for code, name in settings.LANGUAGES:
        translated = translate_url(path, code) if path else None
        if translated is None or (translated == path and code != current):
            with translation.override(code):
                translated = reverse("frontend:home")
        addresses.append({"code": code, "name": name, "url": translated})
    return {
        "language": current,
        "language_dir": "rtl" if translation.get_language_bidi() else "ltr",
        "other_languages": [link for link in addresses if link["code"] != current],
        "alternate_links": addresses if path else [],
        "site_url": settings.SITE_URL,
        # The guidance is written in the first language only (for now): in another language's
        # pages it is marked as such, for screen readers, voices and translation tools.
        "content_language": settings.LANGUAGE_CODE,
        "content_lang": (
            format_html(' lang="{}"', settings.LANGUAGE_CODE)
            if current != settings.LANGUAGE_CODE
            else ""
        ),
    }
