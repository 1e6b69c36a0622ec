"""Translating a condition: a translation's draft made from its original, and what changed in the
original since (`languages.py` has the fields; the translation's workflow is the condition's).

"Translate" makes the translation's draft from the original's text, sections and sources as
published (not a draft an editor may have in progress on it), and records the original's
published revision it was made from. Publishing the translation records the original's
published revision of that moment (`services.condition_publish`); until then, a
republished original flags the translation *Original changed* and its page says so.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from reversion.models import Version

from . import history
from .content import CONTENT_NAMES
from .drafts import condition_save
from .languages import language_name, may_edit_language, translation_languages
from .models import Author, Condition
from .page_diff import page_diff
from .services import WorkflowRefused

SECTION_FIELDS = ("kind", "urgency", "heading", "body", "position")
SOURCE_FIELDS = ("title", "publisher", "year", "url", "position")


def translation_start(*, original: Condition, language: str, by) -> tuple[Condition, bool]:
    """The translation of `original` into `language`: its draft made now, pre-filled with the
    original's text, sections and sources, or the one already there (a second press, or someone
    else's). Returns it and whether it was made now."""
    if language not in dict(translation_languages()):
        raise WorkflowRefused(
            f"There is no language “{language}” to translate into; there are "
            f"{', '.join(code for code, _ in translation_languages()) or 'none'}."
        )
    if not may_edit_language(by, language):
        raise PermissionDenied(f"You may not edit pages in {language_name(language)}.")
    try:
        with transaction.atomic():
            return _translation_start(original=original, language=language, by=by)
    except IntegrityError:  # made at the same moment by another press
        existing = Condition.objects.filter(original=original, language=language).first()
        if existing is None:
            raise
        return existing, False


def _translation_start(*, original: Condition, language: str, by) -> tuple[Condition, bool]:
    original = (
        Condition.objects.select_for_update(of=("self",))
        .select_related("publication")
        .get(pk=original.pk)
    )
    existing = Condition.objects.filter(original=original, language=language).first()
    if existing is not None:
        return existing, False
    if original.is_translation:
        raise WorkflowRefused(
            f"“{original}” is itself a translation: translate its original instead."
        )
    if not original.is_live:
        raise WorkflowRefused(
            f"“{original}” is not on the site. A translation is made from the published page: "
            "publish it first."
        )
    publication = original.publication
    text = published_text(original)
    changed_at = publication.content_changed_at or publication.published_at
    when = formats.date_format(timezone.localtime(changed_at), "j F Y")
    translation = condition_save(
        condition=Condition(**text["values"], status=Condition.Status.DRAFT),
        values={
            "slug": _free_slug(text["values"]["slug"], language),
            "language": language,
            "original": original,
            "original_revision": publication.content_revision,
            "original_payload": publication.payload,
        },
        sections=text["sections"],
        sources=text["sources"],
        related=Condition.objects.filter(language=language, original__in=publication.related_ids),
        by=by,
        comment=f"Translation into {language_name(language)} started from “{original}” as "
        f"published on {when}.",
    )
    return translation, True


def published_text(original: Condition) -> dict:
    """What an editor wrote of the original's published copy (Markdown, not the HTML served):
    the saved version that was published, or the draft while it is that. A copy that names no
    saved version (published before versions were recorded) while a draft is in progress is
    refused: the draft is not what a reviewer approved."""
    publication = original.publication
    version = None
    if original.draft_revision != publication.content_revision:
        version = (
            Version.objects.get_for_object(original).filter(pk=publication.version_id).first()
            if publication.version_id
            else None
        )
        if version is None:
            raise WorkflowRefused(
                f"“{original}” has changes not yet published, and which saved version its "
                "published page is was not recorded. Publish the original again (or restore "
                "the version that is published), then translate it."
            )
    if version is None:
        return {
            "values": {name: getattr(original, name) for name in CONTENT_NAMES}
            | {"author_id": original.author_id},
            "sections": [_row(row, SECTION_FIELDS) for row in original.sections.all()],
            "sources": [_row(row, SOURCE_FIELDS) for row in original.sources.all()],
        }
    fields = version.field_dict
    sections, sources = history.inline_versions(version)
    author_id = fields.get("author_id")
    return {
        "values": {name: fields[name] for name in CONTENT_NAMES}
        | {"author_id": author_id if Author.objects.filter(pk=author_id).exists() else None},
        "sections": [_row(row, SECTION_FIELDS) for row in sections],
        "sources": [_row(row, SOURCE_FIELDS) for row in sources],
    }


def _row(row, names: tuple[str, ...]) -> dict:
    if isinstance(row, dict):
        return {name: row.get(name) for name in names}
    return {name: getattr(row, name) for name in names}


def original_changes(translation: Condition) -> list | None:
    """What changed in the original's published page since the revision the translation was
    made from (page_diff's blocks); None when nothing did, or for an original."""
    if not translation.is_translation:
        return None
    original = Condition.objects.select_related("publication").get(pk=translation.original_id)
    publication = getattr(original, "publication", None)
    if publication is None or publication.content_revision == translation.original_revision:
        return None
    return page_diff(translation.original_payload, publication.payload)


def _free_slug(slug: str, language: str) -> str:
    """The original's slug, or else the first of slug-de, slug-de-2, … free in `language`."""
    taken = set(
        Condition.objects.filter(language=language, slug__startswith=slug).values_list(
            "slug", flat=True
        )
    )
    candidates = [slug, f"{slug}-{language}"]
    candidates += (f"{slug}-{language}-{number}" for number in range(2, len(taken) + 3))
    return next(candidate for candidate in candidates if candidate not in taken)
