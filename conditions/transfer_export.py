"""Every condition as a JSON document (format version 2): originals, then their translations.

A translation names the original it translates by the original's slug and language (never by a
database id, so the file imports into another site), the original's revision it was made from
and that copy of the original, so that the admin can show what changed in the original since.
"""

from collections import defaultdict

from . import content
from .models import Author, Condition
from .serializers import ConditionDetailSerializer

FORMAT = "spasm-guide.conditions"
VERSION = 2


def conditions_export() -> dict:
    conditions = Condition.objects.with_page_content().select_related("publication", "original")
    related_slugs = defaultdict(list)
    links = Condition.related.through.objects.values_list("from_condition_id", "to_condition__slug")
    for condition_id, slug in links:
        related_slugs[condition_id].append(slug)
    ordered = sorted(conditions, key=lambda c: (c.is_translation, c.language, c.slug))
    items = [_item(condition, sorted(related_slugs[condition.pk])) for condition in ordered]
    return {"format": FORMAT, "version": VERSION, "conditions": items}


def _item(condition: Condition, related: list[str]) -> dict:
    shown = ConditionDetailSerializer(condition).data
    publication = getattr(condition, "publication", None)
    original = condition.original
    return {
        **shown,
        "language": condition.language,
        "status": condition.status,
        **{
            field.name: getattr(condition, field.name)
            for field in content.CONTENT_FIELDS
            if field.form is content.Form.MARKDOWN
        },
        "related": related,  # in the condition's own language
        "sections": [
            {**section_shown, "position": section.position, "body": section.body}
            for section, section_shown in zip(
                condition.sections.all(), shown["sections"], strict=True
            )
        ],
        "author": None if condition.author is None else _author_out(condition.author),
        "original": None
        if original is None
        else {"slug": original.slug, "language": original.language},
        "original_revision": condition.original_revision,
        "original_payload": condition.original_payload,
        "revision": publication.revision if publication else None,
        "updated_at": publication.payload["updated_at"] if publication else None,
    }


def _author_out(author: Author) -> dict:
    return {
        "name": author.name,
        "short_name": author.short_name,
        "credentials": author.credentials,
        "bio": author.bio,
        "bio_language": author.bio_language,
    }
