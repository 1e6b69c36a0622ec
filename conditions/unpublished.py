"""What a draft changes for patients: which fields, sections and links differ from the published
copy, each named as the editor knows it ("Lead", "Section “Causes” (new)", "Linked from Dystonia
on 29 November").

Both sides are compared as patients are sent them (`services.condition_payload` and the stored
publication), so what is listed is exactly what publishing would change; review details, which
each publish sets anew, are left out. A link made on another page shows on this one too (links
go both ways): its history says which page made it, and when.
"""

from django.utils import formats, timezone

from . import content
from .history import condition_versions
from .models import Condition
from .serializers import SERVED_KEYS
from .services import condition_payload

# How far back the history is read for when a link was made: a link older than this many saves
# of a page is dated by the oldest of them.
VERSIONS_READ = 50
OTHER_PARTS = {"author": "Author", "sources": "Sources"}


def unpublished_changes(condition: Condition, *, draft: dict | None = None) -> list[str]:
    """What patients would see change if the draft were published now (`draft`, its payload,
    if the caller built it); empty when nothing would, or when the condition is not on the
    site."""
    if not condition.is_live:
        return []
    live = {k: v for k, v in condition.publication.payload.items() if k not in SERVED_KEYS}
    draft = draft or condition_payload(condition)
    changes = [
        field.label
        for field in content.CONTENT_FIELDS
        if draft.get(field.payload_key) != live.get(field.payload_key)
    ]
    changes += _sections(draft["sections"], live.get("sections", []))
    changes += [label for key, label in OTHER_PARTS.items() if draft[key] != live.get(key)]
    changes += _links(condition, draft["related"], live.get("related", []))
    return changes


def _sections(draft: list[dict], live: list[dict]) -> list[str]:
    before = {section["heading"]: section for section in live}
    after = {section["heading"]: section for section in draft}
    changes = []
    for heading, section in after.items():
        if heading not in before:
            changes.append(f"Section “{heading}” (new)")
        elif _written(section) != _written(before[heading]):
            changes.append(f"Section “{heading}”")
    changes += [f"Section “{heading}” (removed)" for heading in before if heading not in after]
    kept_before = [heading for heading in before if heading in after]
    kept_after = [heading for heading in after if heading in before]
    if kept_before != kept_after:
        changes.append("Order of the sections")
    return changes


def _written(section: dict) -> dict:
    """A section as written: its anchor follows its position, which the order of sections shows."""
    return {key: value for key, value in section.items() if key != "anchor"}


def _links(condition: Condition, draft: list[dict], live: list[dict]) -> list[str]:
    before = {link["slug"]: link["title"] for link in live}
    after = {link["slug"]: link["title"] for link in draft}
    added = [slug for slug in after if slug not in before]
    others = {
        c.slug: c for c in Condition.objects.filter(language=condition.language, slug__in=added)
    }
    changes = []
    for slug in added:
        other = others.get(slug)
        made_there = other and _linked_since(other, condition)
        made_here = _linked_since(condition, other) if other else None
        if made_there and (made_here is None or made_there <= made_here):
            day = formats.date_format(timezone.localtime(made_there), "j F")
            changes.append(f"Linked from {after[slug]} on {day}")
        else:
            changes.append(f"Linked to {after[slug]}")
    changes += [
        f"No longer linked to {title}" for slug, title in before.items() if slug not in after
    ]
    return changes


def _linked_since(saved: Condition, linked: Condition):
    """When a save of `saved` first linked it to `linked`, in the run of its latest versions
    that all hold the link; None if its latest version does not."""
    since = None
    for version in condition_versions(saved).order_by("-revision__date_created")[:VERSIONS_READ]:
        if linked.pk not in version.field_dict.get("related", []):
            break
        since = version.revision.date_created
    return since
