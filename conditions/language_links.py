"""What each published page of a condition says of its other languages: a condition's original
and its translations are a group, and each published page of the group lists the others
(`translations`: language, addresses, content revision, whether its original changed since it
was made), and a translation names its original (`original`: where it is, and when its
content last changed, once it changed after the revision the translation was made from).

Kept in the published payload, so the page, the API, the ETags and the offline manifest follow
them with nothing else to compare; a page with no other language holds neither key, as before
translations. Publishing or unpublishing one page of the group writes the others again
(`services.publication_store`, `publication_remove`). The revisions listed are content
revisions, which leave these keys out, so writing one page never asks to write another again.
"""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from .models import Condition, Publication

ORIGINAL_KEY = "original"
TRANSLATIONS_KEY = "translations"
LANGUAGE_KEYS = (ORIGINAL_KEY, TRANSLATIONS_KEY)


def page_url(language: str, slug: str) -> str:
    with translation.override(language):
        return reverse("frontend:condition_detail", kwargs={"slug": slug})


def with_language(url: str, language: str) -> str:
    """An API address in `language`: `?lang=` for any language but the first."""
    return url if language == settings.LANGUAGE_CODE else f"{url}?{urlencode({'lang': language})}"


def api_url(language: str, slug: str) -> str:
    return with_language(reverse("api:condition-detail", kwargs={"slug": slug}), language)


def group_publications(condition: Condition, *, lock: bool = False) -> list[Publication]:
    """The published pages of the condition's group (its original and every translation)."""
    original_id = condition.original_id or condition.pk
    published = Publication.objects.filter(
        Q(condition_id=original_id) | Q(condition__original_id=original_id)
    )
    if lock:
        published = published.select_for_update(of=("self",))
    return list(published.select_related("condition").order_by("pk"))


def _language_order(publication: Publication) -> int:
    order = [code for code, _ in settings.LANGUAGES]
    return order.index(publication.language) if publication.language in order else len(order)


def _original_changed(condition: Condition, original: Publication | None) -> bool:
    return (
        condition.original_id is not None
        and original is not None
        and condition.original_revision != original.content_revision
    )


def _content_changed_at(publication: Publication):
    """When the original's content last changed: rewriting its copy for another page of the
    group (a translation published) or with nothing new leaves this date as it is."""
    return publication.content_changed_at or publication.published_at


def language_keys(condition: Condition, publications: list[Publication]) -> dict:
    """The keys `condition`'s published page holds, given its group's published pages."""
    original_id = condition.original_id or condition.pk
    original = next((p for p in publications if p.condition_id == original_id), None)
    others = sorted(
        (p for p in publications if p.condition_id != condition.pk), key=_language_order
    )
    keys = {}
    if others:
        keys[TRANSLATIONS_KEY] = [
            {
                "language": other.language,
                "url": page_url(other.language, other.slug),
                "api_url": api_url(other.language, other.slug),
                "revision": other.content_revision,
                "original_changed": _original_changed(other.condition, original),
            }
            for other in others
        ]
    if condition.original_id is not None:
        changed = _original_changed(condition, original)
        keys[ORIGINAL_KEY] = {
            "language": original.language if original else settings.LANGUAGE_CODE,
            "url": page_url(original.language, original.slug) if original else None,
            "revision": condition.original_revision,
            "updated_at": _content_changed_at(original).isoformat() if changed else None,
        }
    return keys


def with_language_keys(payload: dict, keys: dict) -> dict:
    """`payload` holding `keys` in place of any it held before, at its end."""
    return {**{k: v for k, v in payload.items() if k not in LANGUAGE_KEYS}, **keys}
