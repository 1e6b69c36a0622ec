"""Conditions as a JSON document: export everything, import it back without loss.

The document is the API detail shape plus what only editors see (Markdown sources, status, section
positions), and in version 2 each condition's language and, for a translation, its original
(`transfer_export.py`). Fields the app derives (HTML, anchors, revision, dates of publication)
are exported for readers of the file and ignored on import. Version 1 files (every condition in
the first language, no translations) import as they always did.
"""

import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils.translation import gettext
from rest_framework import serializers

from . import content, signals
from .bulk import conditions_create_as_status
from .drafts import Draft, conditions_save_as_status
from .languages import default_language
from .models import Condition, Publication, Section
from .page_diff import page_blocks
from .services import author_saved
from .transfer_checks import document_errors
from .transfer_export import FORMAT, VERSION, conditions_export
from .transfer_people import People
from .validators import language_tag_validator, source_url_validator

__all__ = ["FORMAT", "VERSION", "ImportRejected", "conditions_export", "conditions_import"]
VERSIONS = (1, 2)


class ImportRejected(Exception):
    """The document is not valid; `errors` lists each problem as `path: message`."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def _choice(choices) -> serializers.ChoiceField:
    names = ", ".join(str(value) for value, _ in choices)
    return serializers.ChoiceField(
        choices=choices,
        error_messages={"invalid_choice": f'"{{input}}" is not one of: {names}.'},
    )


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, so a typo never silently drops content."""

    derived_fields: frozenset[str] = frozenset()

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = set(data) - set(self.fields) - self.derived_fields
            if unknown:
                raise serializers.ValidationError(
                    {name: ["is not a field of this format."] for name in sorted(unknown)}
                )
        return super().to_internal_value(data)


class SectionIn(StrictSerializer):
    derived_fields = frozenset({"anchor", "html"})
    kind = _choice(Section.Kind.choices)
    urgency = serializers.ChoiceField(
        choices=Section.Urgency.choices,
        allow_blank=True,
        default="",
        error_messages={
            "invalid_choice": '"{input}" is not one of: '
            + ", ".join(Section.Urgency.values)
            + ", or empty."
        },
    )
    heading = serializers.CharField(max_length=200)
    body = serializers.CharField()
    position = serializers.IntegerField(min_value=0, max_value=2_147_483_647, required=False)


class SourceIn(StrictSerializer):
    title = serializers.CharField(max_length=300)
    publisher = serializers.CharField(max_length=200, allow_blank=True, default="")
    year = serializers.IntegerField(min_value=0, max_value=32_767, allow_null=True, default=None)
    url = serializers.CharField(
        max_length=500, allow_blank=True, default="", validators=[source_url_validator]
    )


class AuthorIn(StrictSerializer):
    name = serializers.CharField(max_length=200)
    short_name = serializers.CharField(max_length=100, allow_blank=True, default="")
    credentials = serializers.CharField(max_length=200, allow_blank=True, default="")
    bio = serializers.CharField(allow_blank=True, default="")
    bio_language = serializers.CharField(
        max_length=20, default="en", validators=[language_tag_validator]
    )


class ReviewerIn(StrictSerializer):
    """The reviewer by name; details beyond the credentials live with the author entries."""

    name = serializers.CharField(max_length=200)
    credentials = serializers.CharField(max_length=200, allow_blank=True, default="")


def _text_in(field: content.ContentField) -> serializers.Field:
    """How a document gives a text field: as the model stores it, names as a list."""
    if field.form is content.Form.NAMES:
        return serializers.ListField(child=serializers.CharField(max_length=200), default=list)
    model_field = Condition._meta.get_field(field.name)
    options = {"max_length": model_field.max_length} if model_field.max_length else {}
    if model_field.blank:
        options.update(allow_blank=True, default="")
    if isinstance(model_field, models.SlugField):
        return serializers.SlugField(**options)
    return serializers.CharField(**options)


class ConditionIn(StrictSerializer):
    """A condition in a document: its text fields (from content.CONTENT_FIELDS) and these."""

    derived_fields = frozenset(
        {f.payload_key for f in content.CONTENT_FIELDS if f.form is content.Form.MARKDOWN}
        | {"page_url", "revision", "updated_at"}
    )
    status = _choice(Condition.Status.choices)
    last_reviewed = serializers.DateField(allow_null=True, default=None)
    next_review_due = serializers.DateField(allow_null=True, default=None)
    author = AuthorIn(allow_null=True, default=None)
    reviewer = ReviewerIn(allow_null=True, default=None)
    related = serializers.ListField(child=serializers.SlugField(), default=list)
    sections = SectionIn(many=True)
    sources = SourceIn(many=True, default=list)

    def get_fields(self):
        text = {field.name: _text_in(field) for field in content.CONTENT_FIELDS}
        return {**text, **super().get_fields()}

    def validate(self, data):
        condition = Condition(**_condition_values(data))
        try:
            condition.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        return data


class OriginalIn(StrictSerializer):
    """The condition a translation translates: by slug and language, never by a database id."""

    slug = serializers.SlugField(max_length=200)
    language = serializers.CharField(max_length=20)


class TranslatableConditionIn(ConditionIn):
    """A condition in a version 2 document: also its language and, for a translation, its
    original, the original's revision it was made from and that copy of the original."""

    language = serializers.CharField(max_length=20, default=default_language)
    original = OriginalIn(allow_null=True, default=None)
    original_revision = serializers.CharField(max_length=64, allow_blank=True, default="")
    original_payload = serializers.DictField(allow_null=True, default=None)

    def validate_original_payload(self, value):
        """The admin shows what changed in the original since this copy: it must be a page."""
        if value is not None:
            try:
                page_blocks(value)
            except (KeyError, TypeError, AttributeError, ValueError):
                raise serializers.ValidationError(
                    gettext("is not a published copy of a page, as export_conditions writes it.")
                ) from None
        return value


class DocumentIn(StrictSerializer):
    format = _choice([(FORMAT, FORMAT)])
    version = _choice([(1, "1")])
    conditions = ConditionIn(many=True)


class DocumentIn2(DocumentIn):
    version = _choice([(2, "2")])
    conditions = TranslatableConditionIn(many=True)


# What a version 1 item is: an original (in the first language, which `_validate` adds).
ORIGINAL_FIELDS = {"original": None, "original_revision": "", "original_payload": None}


WORKFLOW_FIELDS = ("status", "last_reviewed", "next_review_due")


def _condition_values(item: dict) -> dict:
    """The condition's own fields of a validated item, as the model stores them."""
    text = {field.name: field.from_document(item[field.name]) for field in content.CONTENT_FIELDS}
    return {**text, **{name: item[name] for name in WORKFLOW_FIELDS}}


def _flatten(detail, path: str = "") -> list[str]:
    if isinstance(detail, dict):
        errors = []
        for key, value in detail.items():
            if key == "non_field_errors":
                errors += _flatten(value, path)
            elif isinstance(key, int):  # DRF keys a list's item errors by position
                errors += _flatten(value, f"{path}[{key}]")
            else:
                errors += _flatten(value, f"{path}.{key}" if path else str(key))
        return errors
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return [f"{path or 'document'}: {message}" for message in detail]
        errors = []
        for index, item in enumerate(detail):
            errors += _flatten(item, f"{path}[{index}]")
        return errors
    return [f"{path or 'document'}: {detail}"]


def _validate(document, *, replace: bool) -> list[dict]:
    if not isinstance(document, dict):
        raise ImportRejected(["document: must be an object with format, version and conditions."])
    version = document.get("version", 1)
    if str(version) not in {str(v) for v in VERSIONS} or isinstance(version, bool):
        raise ImportRejected(
            [
                "version: "
                + gettext(
                    "%(version)s is not a version of this format this site can import; it "
                    "imports versions %(versions)s."
                )
                % {"version": _json_text(version), "versions": ", ".join(map(str, VERSIONS))}
            ]
        )
    serializer = (DocumentIn2 if str(version) == "2" else DocumentIn)(data=document)
    if not serializer.is_valid():
        raise ImportRejected(_flatten(serializer.errors))
    items = serializer.validated_data["conditions"]
    for item in items:
        item.setdefault("language", default_language())
        for name, value in ORIGINAL_FIELDS.items():
            item.setdefault(name, value)
    errors = document_errors(items, replace=replace)
    if errors:
        raise ImportRejected(errors)
    return items


def _json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False)[:50]


@transaction.atomic
def conditions_import(
    *, document, replace: bool = False, skip_existing: bool = False, processes: int = 1
) -> dict:
    """Validate the whole document, then write all of it or nothing.

    Importing is an operator's command: conditions the file marks published go on the site
    as they are, without the review workflow. Each import is one revision in every imported
    condition's history, and any admin form opened before it is refused on save.

    With `skip_existing`, conditions whose slug is already present are left untouched (the seed
    content loads this way on every start). Returns the slugs created, replaced and skipped.
    An import that only creates conditions writes them in bulk (conditions/bulk.py), building
    its pages in `processes` worker processes; one that replaces any saves each as an editor's
    save would.
    """
    items = _validate(document, replace=replace or skip_existing)
    # Originals first: a translation's original is written before it.
    items = sorted(items, key=lambda item: item["original"] is not None)
    existing = {
        (c.language, c.slug): c
        for c in Condition.objects.filter(slug__in={item["slug"] for item in items})
    }
    result = {"created": [], "replaced": [], "skipped": []}
    written_items = []
    for item in items:
        condition = existing.get((item["language"], item["slug"]))
        if condition is not None and skip_existing:
            result["skipped"].append(_named(item))
            continue
        result["replaced" if condition else "created"].append(_named(item))
        written_items.append((item, condition or Condition()))
    originals = _Originals(items, existing)
    people = People(replace=replace)
    in_bulk = not result["replaced"]  # only new conditions: written in bulk (bulk.py)
    drafts = []
    for item, condition in written_items:
        originals.written[item["language"], item["slug"]] = condition
        drafts.append(_draft(item, condition, people, original=originals.of(item), in_bulk=in_bulk))
    comment = "Imported from a file."
    live_before = set()
    if not in_bulk:
        replaced = [condition.pk for _, condition in written_items if condition.pk]
        live_before = set(
            Publication.objects.filter(condition__in=replaced).values_list("condition", flat=True)
        )
        written = conditions_save_as_status(drafts=drafts, comment=comment)
    else:
        written = conditions_create_as_status(
            drafts=drafts,
            links={(item["language"], item["slug"]): item["related"] for item, _ in written_items},
            comment=comment,
            processes=processes,
        )
    if replace:  # other pages by these authors now differ from what patients see
        for author in {condition.author for condition in written} - {None}:
            author_saved(author=author)
    _publishing_announce(written, live_before=live_before)
    return result


def _publishing_announce(written: list[Condition], *, live_before: set[int]) -> None:
    """Say which conditions the import put on the site and which it took off (for the audit
    trail), inside its transaction."""
    published = [c for c in written if c.status == Condition.Status.PUBLISHED]
    unpublished = [
        c for c in written if c.status != Condition.Status.PUBLISHED and c.pk in live_before
    ]
    signals.conditions_imported.send(sender=Condition, published=published, unpublished=unpublished)


def _named(item: dict) -> str:
    """An item as the result names it: its slug, after its language unless the first."""
    language = item["language"]
    return item["slug"] if language == default_language() else f"{language}/{item['slug']}"


class _Originals:
    """Each translation's original: written by this import, or saved before (read once)."""

    def __init__(self, items: list[dict], existing: dict):
        self.written: dict[tuple[str, str], Condition] = {}
        named = {(i["original"]["language"], i["original"]["slug"]) for i in items if i["original"]}
        self.saved = {**existing}
        if named - set(existing):
            found = Condition.objects.originals().filter(slug__in={slug for _, slug in named})
            self.saved.update(((c.language, c.slug), c) for c in found)

    def of(self, item: dict) -> Condition | None:
        if item["original"] is None:
            return None
        key = (item["original"]["language"], item["original"]["slug"])
        return self.written.get(key) or self.saved[key]


def _draft(item: dict, condition: Condition, people: People, *, original, in_bulk: bool) -> Draft:
    return Draft(
        condition,
        values={
            **_condition_values(item),
            "author": people.author(item["author"]),
            "reviewed_by": people.reviewer(item["reviewer"]),
            "language": item["language"],
            "original": original,
            "original_revision": item["original_revision"] if original else "",
            "original_payload": item["original_payload"] if original else None,
        },
        sections=[
            {
                "kind": section["kind"],
                "urgency": section["urgency"],
                "heading": section["heading"],
                "body": section["body"],
                "position": section.get("position", index),
            }
            for index, section in enumerate(item["sections"], start=1)
        ],
        sources=[
            {"position": index, **source} for index, source in enumerate(item["sources"], start=1)
        ],
        # Read once every condition of the file is written: it may name ones created with it.
        # In bulk, links are written from the slugs instead.
        related=None
        if in_bulk
        else Condition.objects.filter(language=item["language"], slug__in=item["related"]),
    )
