"""A workflow step (submitted, published, unpublished …) in an object's history, with who did it.
Shared by conditions and terms, whose histories django-reversion keeps.

`versions_new` writes what reversion would store of rows, for the bulk paths (an import, the
seed terms) that write many at once."""

import json

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import router
from django.utils import timezone
from reversion.models import Revision, Version
from reversion.revisions import _get_options


def step_record(obj, *, by, comment: str) -> None:
    with reversion.create_revision():
        reversion.add_to_revision(obj)
        reversion.set_user(by)
        reversion.set_comment(comment)


def steps_record(objects: list, *, by, comment: str) -> None:
    """`step_record` for each of `objects` (none following others), each its own revision, as
    one insert of the revisions and one of their versions, in the caller's transaction. In a
    revision block already open (the admin's), each joins it as `step_record` would."""
    if reversion.is_active() or any(_get_options(type(obj)).follow for obj in objects):
        for obj in objects:
            step_record(obj, by=by, comment=comment)
        return
    now = timezone.now()
    revisions = Revision.objects.bulk_create(
        [Revision(date_created=now, user=by, comment=comment) for _ in objects]
    )
    Version.objects.bulk_create(
        version
        for model in dict.fromkeys(type(obj) for obj in objects)
        for version in versions_new(
            [obj for obj in objects if type(obj) is model],
            [r for r, obj in zip(revisions, objects, strict=True) if type(obj) is model],
        )
    )


def _content_type(model) -> ContentType:
    return ContentType.objects.get_for_model(model)


def versions_new(rows: list, revisions: list[Revision]) -> list[Version]:
    """The versions, not saved yet, reversion would store of `rows` (of one model) in
    `revisions` (one each): the same serialized data, one serializer call for all."""
    return [
        version_new(row, revision, texts)
        for row, revision, texts in zip(rows, revisions, version_texts(rows), strict=True)
    ]


def version_new(row, revision: Revision, texts: tuple[str, str, str]) -> Version:
    """The version, not saved yet, of `row` in `revision`, from its `version_texts`."""
    object_id, data, text = texts
    return Version(
        revision=revision,
        content_type=_content_type(type(row)),
        object_id=object_id,
        db=router.db_for_write(type(row), instance=row),
        format="json",
        serialized_data=data,
        object_repr=text,
    )


def version_texts(rows: list) -> list[tuple[str, str, str]]:
    """What reversion stores of each of `rows` (of one model): its object id, its serialized data
    and how it is named. Reads nothing the rows do not hold (their links prefetched)."""
    model = type(rows[0])
    options = _get_options(model)
    if options.format != "json":
        raise ValueError(
            f"{model.__name__} is kept as {options.format}: only json is written here."
        )
    # Django's serializer builds a query for each row's many-to-many field even when the rows
    # hold them already (prefetched, or kept by the caller): those are read here instead.
    linked = [f.name for f in model._meta.many_to_many if f.name in options.fields]
    if linked and options.use_natural_foreign_keys:
        raise ValueError(f"{model.__name__}'s links are kept by natural key: not written here.")
    shapes = serializers.serialize(
        "python",
        rows,
        fields=[name for name in options.fields if name not in linked],
        use_natural_foreign_keys=options.use_natural_foreign_keys,
    )
    for row, shape in zip(rows, shapes, strict=True):
        for name in linked:  # after the other fields, as the serializer puts them
            shape["fields"][name] = [other.pk for other in getattr(row, name).all()]
    # What serializing each row alone as JSON gives: "[", the object, "]".
    return [
        (
            str(getattr(row, options.object_id_field)),
            "[" + json.dumps(shape, cls=DjangoJSONEncoder, ensure_ascii=False) + "]",
            str(row),
        )
        for row, shape in zip(rows, shapes, strict=True)
    ]
