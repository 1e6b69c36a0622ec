"""A condition's history: saved versions as text, the differences between two, restoring one.

django-reversion stores each save of a condition together with its sections and sources as one
revision. Workflow fields (status, review dates, reviewer) are not part of a version, so
restoring an old version brings back what an editor wrote and never publishes anything.
"""

import difflib
from dataclasses import dataclass

from django.db import transaction
from django.utils import formats, timezone
from django.utils.html import strip_tags
from reversion.models import Version

from .content import CONTENT_FIELDS, CONTENT_NAMES, ContentField, Form, Place, placed
from .drafts import condition_save
from .models import Author, Condition, Section, Source
from .services import WorkflowRefused, edit_conflict_check


@dataclass(frozen=True)
class DiffLine:
    change: str  # "added", "removed" or "same"
    text: str


def _block(heading: str, text: str) -> list[str]:
    lines = [line.rstrip() for line in (text or "").strip().splitlines()]
    return [f"## {heading}", *lines] if lines else []


def _document(fields: dict, sections: list[dict], sources: list[dict], names: dict) -> list[str]:
    lines = _text_blocks(fields, Place.HEAD)
    for section in sorted(sections, key=lambda s: (s["position"], s["heading"])):
        label = section["kind_label"]
        if section.get("urgency_label"):
            label += f", {section['urgency_label']}"
        lines += _block(f"{section['heading']} ({label})", section["body"])
    lines += _block("Author", names.get("author", ""))
    lines += _text_blocks(fields, Place.TRUST)
    lines += _block(
        "Sources",
        "\n".join(
            " · ".join(str(s[part]) for part in ("title", "publisher", "year", "url") if s[part])
            for s in sorted(sources, key=lambda s: (s["position"], s["title"]))
        ),
    )
    lines += _block("Related conditions", "\n".join(sorted(names.get("related", []))))
    return lines


def _text_blocks(fields: dict, place: Place) -> list[str]:
    lines = []
    for field in placed(place):
        lines += _block(field.label, field.shown_as.format(fields[field.name]))
    return lines


def _section_dict(section: dict) -> dict:
    return {
        **section,
        "kind_label": Section.Kind(section["kind"]).label,
        # Copies published before sections had an urgency have no such key.
        "urgency_label": Section.Urgency(section["urgency"]).label
        if section.get("urgency")
        else "",
    }


def _names(author_id, related_ids) -> dict:
    author = Author.objects.filter(pk=author_id).first() if author_id else None
    return {
        "author": author.name if author else "",
        "related": Condition.objects.filter(pk__in=related_ids).values_list("title", flat=True),
    }


def version_document(version: Version) -> list[str]:
    """One saved version of a condition as lines of text, as an editor wrote it."""
    fields = version.field_dict
    sections, sources = inline_versions(version)
    names = _names(fields.get("author_id"), fields.get("related", []))
    return _document(fields, [_section_dict(s) for s in sections], sources, names)


def current_document(condition: Condition) -> list[str]:
    fields = {name: getattr(condition, name) for name in CONTENT_NAMES}
    sections = [
        _section_dict(
            {k: getattr(s, k) for k in ("kind", "urgency", "heading", "body", "position")}
        )
        for s in condition.sections.all()
    ]
    sources = list(condition.sources.values("title", "publisher", "year", "url", "position"))
    names = _names(condition.author_id, condition.related.values_list("pk", flat=True))
    return _document(fields, sections, sources, names)


def payload_document(payload: dict) -> list[str]:
    """What patients see of a condition (a published copy or a draft) as lines of text."""
    fields = {field.name: _payload_text(field, payload) for field in CONTENT_FIELDS}
    sections = [
        _section_dict({**s, "body": _html_text(s["html"]), "position": index})
        for index, s in enumerate(payload["sections"])
    ]
    sources = [{**s, "position": index} for index, s in enumerate(payload["sources"])]
    names = {
        "author": (payload.get("author") or {}).get("name", ""),
        "related": [link["title"] for link in payload["related"]],
    }
    return _document(fields, sections, sources, names)


def _payload_text(field: ContentField, payload: dict) -> str:
    value = payload.get(field.payload_key, "")  # copies published before the field have none
    if field.form is Form.NAMES:
        return "\n".join(value or [])
    if field.form is Form.MARKDOWN:
        return _html_text(value)
    return value


def _html_text(markup: str) -> str:
    for block_end in ("</p>", "</li>", "</h3>"):
        markup = markup.replace(block_end, block_end + "\n")
    return strip_tags(markup)


def diff(old: list[str], new: list[str], *, context: int = 2) -> list[DiffLine | None]:
    """The changed lines with a little context; None marks lines left out."""
    lines: list[DiffLine | None] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if lines:
            lines.append(None)
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [DiffLine("same", line) for line in old[i1:i2]]
                continue
            lines += [DiffLine("removed", line) for line in old[i1:i2]]
            lines += [DiffLine("added", line) for line in new[j1:j2]]
    return lines


def inline_versions(version: Version) -> tuple[list[dict], list[dict]]:
    """The sections and sources saved in the same revision as this condition version."""
    inline = {Section: [], Source: []}
    for other in version.revision.version_set.all():
        model = other._model
        if model in inline and other.field_dict.get("condition_id") == int(version.object_id):
            inline[model].append(other.field_dict)
    return inline[Section], inline[Source]


def _row_values(model, saved: dict) -> dict:
    """A section's or source's field values from a version, for a new row (its id is not kept)."""
    names = {field.name for field in model._meta.concrete_fields} - {"id", "condition"}
    return {k: v for k, v in saved.items() if k in names}


def condition_versions(condition: Condition):
    return Version.objects.get_for_object(condition).select_related("revision__user")


@transaction.atomic
def condition_restore(
    *, condition: Condition, version: Version, by, seen_edit_version: str
) -> Condition:
    """Make an earlier version the draft again, with its sections and sources.

    The page patients see stays as it is until a reviewer publishes the restored draft. Refused
    if someone saved the condition after `seen_edit_version` was read.
    """
    if int(version.object_id) != condition.pk or version._model is not Condition:
        raise WorkflowRefused("That version belongs to another condition.")
    edit_conflict_check(condition, seen_edit_version=seen_edit_version)  # again under lock
    fields = version.field_dict
    same_address = Condition.objects.filter(language=condition.language, slug=fields["slug"])
    if same_address.exclude(pk=condition.pk).exists():
        raise WorkflowRefused(
            f"Another condition now uses the address /conditions/{fields['slug']}/; "
            "change its address first."
        )
    author_id = fields.get("author_id")
    sections, sources = inline_versions(version)
    saved = formats.date_format(timezone.localtime(version.revision.date_created), "j F Y, H:i")
    return condition_save(
        condition=condition,
        values={
            **{name: fields[name] for name in CONTENT_NAMES},
            "author_id": author_id if Author.objects.filter(pk=author_id).exists() else None,
        },
        sections=[_row_values(Section, section) for section in sections],
        sources=[_row_values(Source, source) for source in sources],
        related=Condition.objects.filter(pk__in=fields.get("related", [])),
        by=by,
        seen_edit_version=seen_edit_version,
        comment=f"Restored the version saved {saved}.",
    )
