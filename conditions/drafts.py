"""Saving a condition's draft: one order of steps for everyone who writes one.

The admin, importing a file, restoring a version, the tests' factories and the benchmark all save
through `condition_save` (or `conditions_save` for several at once). In one transaction it locks
the condition, refuses with `EditConflict` if someone saved it after the writer looked, writes the
condition, its sections and sources, its links (stored on both pages, so a form open on the other
page is refused too), records one revision in its history, and runs `condition_saved`.

Patients see none of it until a clinical reviewer publishes, except when an operator's write (an
import, the seed content) puts pages on the site as their status says: `publication_match_status`.
Deleting conditions (`conditions_delete`) takes those on the site off it first.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import signals
from .languages import may_publish
from .models import Condition, Publication, Section, Source
from .search.documents import index_in_bulk
from .serializers import related_links
from .services import (
    condition_saved,
    edit_conflict_check,
    publication_remove,
    publication_store,
)


@dataclass
class Draft:
    """One condition as a writer wants it saved.

    `condition` is the saved condition to change, or a new one not saved yet (saved with every
    value it holds). `values` are the condition's own fields to write, by name; fields left out
    keep what is saved now, so a publish that landed meanwhile keeps its review fields.

    `sections` and `sources` list every row the condition will have, as field values: one with
    an "id" updates that row (only the fields given), one without adds a row, and rows not listed
    are deleted. None leaves them as they are; so does None for `related`, the conditions to link
    to, which is read only once every condition of the batch is written (so a queryset can name
    conditions the same import creates).

    `seen_edit_version` is the condition's edit_version when the writer read it; None (an
    import) saves whatever was saved meanwhile.
    """

    condition: Condition
    values: dict = field(default_factory=dict)
    sections: list[dict] | None = None
    sources: list[dict] | None = None
    related: Iterable[Condition] | None = None
    seen_edit_version: int | str | None = None


def condition_save(
    *,
    condition: Condition,
    values: dict | None = None,
    sections: list[dict] | None = None,
    sources: list[dict] | None = None,
    related: Iterable[Condition] | None = None,
    by,
    seen_edit_version: int | str | None = None,
    comment: str,
) -> Condition:
    """Save one condition's draft; see `Draft` for the arguments. Returns it as saved."""
    draft = Draft(condition, values or {}, sections, sources, related, seen_edit_version)
    return conditions_save(drafts=[draft], by=by, comment=comment)[0]


@transaction.atomic
def conditions_save(*, drafts: list[Draft], by, comment: str) -> list[Condition]:
    """Save several drafts (`by` is None for an import): all of them or none.

    Refused with `EditConflict`, nothing written, if any of them was saved by someone else
    after its writer read it.
    """
    return [condition for condition, _ in _drafts_save(drafts, by=by, comment=comment)]


@transaction.atomic
def conditions_save_as_status(*, drafts: list[Draft], comment: str) -> list[Condition]:
    """An operator's write of many conditions (an import): saved as `conditions_save` saves
    them, then on the site or off it as each one's status says. What patients would see of each
    is built once, for its draft revision and its published copy."""
    saved = _drafts_save(drafts, by=None, comment=comment)
    with index_in_bulk():  # the search entries of every published condition in a few inserts
        for condition, payload in saved:
            publication_match_status(condition=condition, payload=payload)
    return [condition for condition, _ in saved]


def _drafts_save(drafts: list[Draft], *, by, comment: str) -> list[tuple[Condition, dict]]:
    """Each condition saved, with what patients would see of it now (its draft's payload)."""
    saving = _locked(drafts)
    for draft in drafts:
        current = saving.get(draft.condition.pk)
        if current is not None:
            edit_conflict_check(current, seen_edit_version=draft.seen_edit_version)
    written = []
    for draft in drafts:
        condition = saving.get(draft.condition.pk, draft.condition)
        is_new = condition.pk is None
        previously_related = [] if is_new else list(condition.related.all())
        _condition_write(condition, draft.values, by=by)
        if draft.sections is not None:
            _rows_write(condition, Section, draft.sections, is_new=is_new)
        if draft.sources is not None:
            _rows_write(condition, Source, draft.sources, is_new=is_new)
        written.append((condition, previously_related))
    batch = {condition.pk for condition, _ in written}
    for draft, (condition, _) in zip(drafts, written, strict=True):
        if draft.related is not None:
            _links_write(condition, draft.related, by=by, batch=batch)
    versions_record([condition.pk for condition, _ in written], by=by, comment=comment)
    return [
        (condition, condition_saved(condition=condition, by=by, previously_related=before))
        for condition, before in written
    ]


def _locked(drafts: list[Draft]) -> dict[int, Condition]:
    """The saved conditions among `drafts`, read afresh and locked until the save commits."""
    pks = [draft.condition.pk for draft in drafts if draft.condition.pk is not None]
    locked = (
        Condition.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .filter(pk__in=pks)
        .order_by("pk")  # always in the same order, so two batches cannot wait on each other
    )
    found = {condition.pk: condition for condition in locked}
    missing = set(pks) - set(found)
    if missing:
        raise Condition.DoesNotExist(f"No condition has the id {min(missing)} any more.")
    return found


# reversion copies a revision's list of versions at each object it adds, so a revision of
# thousands of conditions would take a time growing with their square.
CONDITIONS_PER_REVISION = 100


def versions_record(pks: list[int], *, by, comment: str) -> None:
    """Record each condition as saved now, with its sections and sources, in its history.

    A batch is one revision per hundred conditions: each condition's history has the save once,
    with its own sections and sources in the same revision."""
    for start in range(0, len(pks), CONDITIONS_PER_REVISION):
        chunk = pks[start : start + CONDITIONS_PER_REVISION]
        with reversion.create_revision(atomic=False):
            for condition in Condition.objects.filter(pk__in=chunk).prefetch_related(
                "sections", "sources", "related"
            ):
                reversion.add_to_revision(condition)
            reversion.set_user(by)
            reversion.set_comment(comment)


def _condition_write(condition: Condition, values: dict, *, by) -> None:
    for name, value in values.items():
        setattr(condition, name, value)
    condition.edit_version += 1
    condition.updated_by = by
    if condition.pk is None:
        condition.save()
        return
    names = {Condition._meta.get_field(name).name for name in values}
    condition.save(update_fields=sorted(names | {"edit_version", "updated_by", "updated_at"}))


def _rows_write(condition: Condition, model, rows: list[dict], *, is_new: bool) -> None:
    """Make the condition's sections (or sources) the rows listed; see `Draft`."""
    if is_new and all(row.get("id") is None for row in rows):  # nothing to read or delete
        model.objects.bulk_create(
            model(condition=condition, **{k: v for k, v in row.items() if k != "id"})
            for row in rows
        )
        return
    existing = {row.pk: row for row in model.objects.filter(condition=condition)}
    kept = {row["id"] for row in rows if row.get("id") is not None}
    unknown = kept - set(existing)
    if unknown:
        raise ValueError(f"{condition} has no {model._meta.verbose_name} with the id {unknown}.")
    model.objects.filter(pk__in=set(existing) - kept).delete()
    added = []
    for values in rows:
        values = dict(values)
        pk = values.pop("id", None)
        if pk is None:
            added.append(model(condition=condition, **values))
            continue
        row = existing[pk]
        if any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.save(update_fields=list(values))
    model.objects.bulk_create(added)


def _links_write(condition: Condition, related: Iterable[Condition], *, by, batch: set) -> None:
    """Link the condition to `related`, both ways. Forms open on a page whose links changed are
    out of date now, so that page counts as saved too (batch members are saved anyway)."""
    related = list(related)
    before = set(condition.related.all())
    if before == set(related):  # most of an import: no links before or after
        return
    condition.related.set(related)
    changed = before ^ set(condition.related.all())
    Condition.objects.filter(pk__in=[c.pk for c in changed]).exclude(pk__in=batch).update(
        edit_version=F("edit_version") + 1, updated_by=by, updated_at=timezone.now()
    )


def publication_match_status(*, condition: Condition, payload: dict | None = None) -> None:
    """An operator's write (an import, the seed content) goes on the site as its status says,
    without the review workflow: on it if published, off it otherwise.

    `payload` is the one its save built; pages it links to may have gone on the site since
    (earlier in the same import), so its links are read again."""
    if condition.status == Condition.Status.PUBLISHED:
        if payload is not None:
            live = Publication.objects.filter(condition__in=condition.related.all())
            payload = {**payload, "related": related_links(live)}
        publication_store(condition=condition, payload=payload)
    else:
        publication_remove(condition=condition)


@transaction.atomic
def conditions_delete(*, conditions: Iterable[Condition], by) -> None:
    """Delete conditions, all or none: only a clinical reviewer allowed to publish in each one's
    language may. A page on the site is taken off it first, and out of every page linking to it,
    and `condition_deleted` says so; a draft never on the site sends nothing."""
    locked = list(
        Condition.objects.select_for_update(of=("self",))
        .select_related("publication")
        .filter(pk__in=[condition.pk for condition in conditions])
        .order_by("pk")
    )
    refused = [str(condition) for condition in locked if not may_publish(by, condition)]
    if refused:
        raise PermissionDenied(
            "Only clinical reviewers allowed to publish in a page's language may delete it: "
            f"{', '.join(refused)}."
        )
    live = [condition for condition in locked if condition.is_live]
    for condition in locked:
        publication_remove(condition=condition, by=by)
    Condition.objects.filter(pk__in=[condition.pk for condition in locked]).delete()
    for condition in live:
        signals.condition_deleted.send(sender=Condition, condition=condition, by=by)
