"""Conditions as a JSON document: export everything, import it back without loss.

The document is the API detail shape plus what only editors see (Markdown sources, status, section
positions). Fields the app derives (HTML, anchors, revision, dates of publication) are exported
for readers of the file and ignored on import.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from rest_framework import serializers

from . import content
from .bulk import conditions_create_as_status
from .drafts import Draft, conditions_save_as_status
from .models import Author, Condition, Section
from .serializers import ConditionDetailSerializer
from .services import author_saved
from .validators import language_tag_validator, source_url_validator

FORMAT = "spasm-guide.conditions"
VERSION = 1


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


class DocumentIn(StrictSerializer):
    format = _choice([(FORMAT, FORMAT)])
    version = _choice([(VERSION, str(VERSION))])
    conditions = ConditionIn(many=True)


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
    serializer = DocumentIn(data=document)
    if not serializer.is_valid():
        raise ImportRejected(_flatten(serializer.errors))
    items = serializer.validated_data["conditions"]

    errors = []
    first_seen: dict[str, int] = {}
    for index, item in enumerate(items):
        slug = item["slug"]
        if slug in first_seen:
            errors.append(
                f'conditions[{index}].slug: "{slug}" appears more than once '
                f"(first at conditions[{first_seen[slug]}])."
            )
        first_seen.setdefault(slug, index)
    existing = set(
        Condition.objects.originals().filter(slug__in=first_seen).values_list("slug", flat=True)
    )
    if not replace:
        errors += [
            f'conditions[{index}].slug: "{item["slug"]}" already exists; '
            "use --replace to overwrite it."
            for index, item in enumerate(items)
            if item["slug"] in existing
        ]
    known = set(first_seen) | set(Condition.objects.originals().values_list("slug", flat=True))
    for index, item in enumerate(items):
        errors += [
            f'conditions[{index}].related[{n}]: no condition "{slug}" in the file or the database.'
            for n, slug in enumerate(item["related"])
            if slug not in known
        ]
    if errors:
        raise ImportRejected(errors)
    return items


class _People:
    """Authors and reviewers by name, each read or written once per import however many
    conditions name them: a call is made again only when it could answer differently (an
    author's details replaced by others since)."""

    def __init__(self, *, replace: bool):
        self.replace = replace
        self.found: dict = {}

    def _once(self, key: tuple, data: dict, find):
        if key not in self.found or self.found[key][0] != data:
            self.found[key] = (data, find())
        return self.found[key][1]

    def reviewer(self, data: dict | None) -> Author | None:
        if data is None:
            return None
        return self._once(
            ("reviewer", *sorted(data.items())),
            data,
            lambda: Author.objects.get_or_create(
                name=data["name"], defaults={"credentials": data["credentials"]}
            )[0],
        )

    def author(self, data: dict | None) -> Author | None:
        """The author by name; an existing author's details change only when replacing."""
        if data is None:
            return None
        if not self.replace:
            key = ("author", *sorted(data.items()))
            return self._once(
                key, data, lambda: Author.objects.get_or_create(name=data["name"], defaults=data)[0]
            )
        return self._once(
            ("author", data["name"]),
            data,
            lambda: Author.objects.update_or_create(name=data["name"], defaults=data)[0],
        )


@transaction.atomic
def conditions_import(*, document, replace: bool = False, skip_existing: bool = False) -> dict:
    """Validate the whole document, then write all of it or nothing.

    Importing is an operator's command: conditions the file marks published go on the site
    as they are, without the review workflow. Each import is one revision in every imported
    condition's history, and any admin form opened before it is refused on save.

    With `skip_existing`, conditions whose slug is already present are left untouched (the seed
    content loads this way on every start). Returns the slugs created, replaced and skipped.
    An import that only creates conditions writes them in bulk (conditions/bulk.py); one that
    replaces any saves each as an editor's save would.
    """
    items = _validate(document, replace=replace or skip_existing)
    existing = {
        c.slug: c for c in Condition.objects.originals().filter(slug__in=[i["slug"] for i in items])
    }
    result = {"created": [], "replaced": [], "skipped": []}
    written_items = []
    for item in items:
        condition = existing.get(item["slug"])
        if condition is not None and skip_existing:
            result["skipped"].append(item["slug"])
            continue
        result["replaced" if condition else "created"].append(item["slug"])
        written_items.append((item, condition))
    people = _People(replace=replace)
    comment = "Imported from a file."
    if result["replaced"]:
        drafts = [
            _draft(item, condition or Condition(), people) for item, condition in written_items
        ]
        written = conditions_save_as_status(drafts=drafts, comment=comment)
    else:
        written = conditions_create_as_status(
            drafts=[_draft(item, Condition(), people, related=False) for item, _ in written_items],
            links={item["slug"]: item["related"] for item, _ in written_items},
            comment=comment,
        )
    if replace:  # other pages by these authors now differ from what patients see
        for author in {condition.author for condition in written} - {None}:
            author_saved(author=author)
    return result


def _draft(item: dict, condition: Condition, people: _People, *, related: bool = True) -> Draft:
    return Draft(
        condition,
        values={
            **_condition_values(item),
            "author": people.author(item["author"]),
            "reviewed_by": people.reviewer(item["reviewer"]),
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
        related=Condition.objects.originals().filter(slug__in=item["related"]) if related else None,
    )


def conditions_export() -> dict:
    conditions = Condition.objects.originals().with_page_content().select_related("publication")
    related_slugs = defaultdict(list)
    links = Condition.related.through.objects.values_list("from_condition_id", "to_condition__slug")
    for condition_id, slug in links:
        related_slugs[condition_id].append(slug)
    items = []
    for condition in conditions.order_by("slug"):
        shown = ConditionDetailSerializer(condition).data
        publication = getattr(condition, "publication", None)
        items.append(
            {
                **shown,
                "status": condition.status,
                **{
                    field.name: getattr(condition, field.name)
                    for field in content.CONTENT_FIELDS
                    if field.form is content.Form.MARKDOWN
                },
                "related": sorted(related_slugs[condition.pk]),
                "sections": [
                    {**section_shown, "position": section.position, "body": section.body}
                    for section, section_shown in zip(
                        condition.sections.all(), shown["sections"], strict=True
                    )
                ],
                "author": None if condition.author is None else _author_out(condition.author),
                "revision": publication.revision if publication else None,
                "updated_at": publication.payload["updated_at"] if publication else None,
            }
        )
    return {"format": FORMAT, "version": VERSION, "conditions": items}


def _author_out(author: Author) -> dict:
    return {
        "name": author.name,
        "short_name": author.short_name,
        "credentials": author.credentials,
        "bio": author.bio,
        "bio_language": author.bio_language,
    }
