"""Thousands of new conditions at once (an import): the rows, history, published copies and search
entries `conditions_save_as_status` would write, in a few statements per batch.

For conditions not saved yet only: there is nothing to lock, no edit to conflict with, no
earlier links or published copy, and no comments to bring back. Saving each one would also work
out again, for every publication, which pages link to it (a time growing with the square of
the import); here what each page links to is known from the file, and pages saved before the
import that it links to are refreshed once, at the end. One transaction: a failure anywhere
writes nothing.
"""

from collections import defaultdict

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from reversion.models import Revision, Version

from .bulk_pages import BuiltPages, Link, followed, pages_built, pages_of_batches
from .drafts import CONDITIONS_PER_REVISION, Draft
from .language_links import language_keys, with_language_keys
from .languages import default_language
from .models import Condition, Publication, Section, Source
from .search.documents import index_in_bulk, index_store
from .serializers import SERVED_KEYS
from .services import PUBLISHED_FIELDS, draft_revisions_refresh, publication_fill
from .steps import version_new
from .terms.services import marked_terms

BATCH = 500  # rows a statement writes, and conditions whose pages are built together


@transaction.atomic
def conditions_create_as_status(
    *,
    drafts: list[Draft],
    links: dict[str | tuple[str, str], list[str]],
    comment: str,
    processes: int = 1,
) -> list[Condition]:
    """Save new conditions (each draft's `condition` not saved yet, its `related` unused) and put
    them on the site or not as each one's status says. `links` names, by slug, the conditions
    each new one links to (new or saved before, in its language); it is keyed by (language,
    slug), or by slug alone for a page in the first language. A translation's `original` may be
    one of the new conditions. With `processes` over 1, the pages of its batches are built in
    that many worker processes (bulk_pages.py). Returns the conditions, saved."""
    conditions = [_condition_new(draft) for draft in drafts]
    # Originals first, so that a translation's new original has its id when the translation is
    # written.
    for translations in (False, True):
        Condition.objects.bulk_create(
            [c for c in conditions if (c.original is not None) is translations], batch_size=BATCH
        )
    children = {name: _children_create(model, name, conditions, drafts) for model, name in CHILDREN}
    related, shown, others = _links_create(conditions, links)
    # Each condition as a query prefetching its sections, sources and links would give it, from
    # what was just written: no condition is read back.
    linked = {pk: Condition(pk=pk) for pk in others} | {c.pk: c for c in conditions}
    for condition in conditions:
        condition._prefetched_objects_cache = {
            **{name: rows[condition.pk] for name, rows in children.items()},
            "related": [linked[pk] for pk in related[condition.pk]],
        }
    terms = {language: marked_terms(language) for language in {c.language for c in conditions}}
    saved_groups = _saved_groups(conditions)
    batches = list(_batches(conditions))

    def build(index: int) -> BuiltPages:
        return pages_built(batches[index], related, shown, terms, saved_groups)

    with pages_of_batches(build, len(batches), processes) as built:
        for batch, pages in zip(batches, built, strict=True):
            versions = _versions_write(batch, pages, comment=comment)
            _pages_write(batch, pages, saved_groups, versions)
    _saved_groups_write(saved_groups, {condition.pk for condition in conditions}, terms)
    for condition in conditions:  # read from the database from now on
        condition._prefetched_objects_cache = {}
    # Pages saved before that new ones link to: their drafts now show the link (their published
    # copies list what they listed when a reviewer published them, so no copy changes).
    draft_revisions_refresh(conditions=Condition.objects.filter(pk__in=others))
    return conditions


CHILDREN = ((Section, "sections"), (Source, "sources"))


def _children_create(model, name: str, conditions, drafts) -> dict[int, list]:
    """The draft's rows of `name` (sections or sources) written; each condition's, in the
    order of the model (position, then id), by the condition's id."""
    rows = {
        condition.pk: [model(condition=condition, **row) for row in getattr(draft, name) or ()]
        for condition, draft in zip(conditions, drafts, strict=True)
    }
    model.objects.bulk_create([row for kept in rows.values() for row in kept], batch_size=BATCH)
    for kept in rows.values():
        kept.sort(key=lambda row: (row.position, row.pk))
    return rows


def _condition_new(draft: Draft) -> Condition:
    condition = draft.condition
    if condition.pk is not None:
        raise ValueError(f"{condition} is saved already: save it with conditions_save.")
    for name, value in draft.values.items():
        setattr(condition, name, value)
    condition.edit_version += 1
    condition.updated_by = None
    return condition


def _links_create(conditions: list[Condition], links: dict[str, list[str]]):
    """Both ways, as `Condition.related` is symmetrical. Returns each new condition's linked
    ids, what a page shows of each linked condition on the site, and the ids of conditions
    saved before that are now linked (their forms are out of date, as `_links_write` says)."""
    first = default_language()
    links = {(first, key) if isinstance(key, str) else key: slugs for key, slugs in links.items()}
    new = {(condition.language, condition.slug): condition for condition in conditions}
    named = {(language, slug) for (language, _), slugs in links.items() for slug in slugs}
    named -= set(new)
    saved = {
        (language, slug): (pk, title)
        for pk, language, slug, title in Condition.objects.filter(
            slug__in={slug for _, slug in named}
        ).values_list("pk", "language", "slug", "title")
        if (language, slug) in named
    }
    title = {condition.pk: condition.title for condition in conditions}
    title.update(saved.values())
    pairs = set()
    for condition in conditions:
        for slug in links.get((condition.language, condition.slug), ()):
            key = (condition.language, slug)
            other = new[key].pk if key in new else saved[key][0]
            pairs |= {(condition.pk, other), (other, condition.pk)}
    through = Condition.related.through
    through.objects.bulk_create(
        (through(from_condition_id=a, to_condition_id=b) for a, b in sorted(pairs)),
        batch_size=BATCH,
    )
    related = {condition.pk: [] for condition in conditions}
    for a, b in pairs:
        if a in related:
            related[a].append(b)
    for ids in related.values():
        ids.sort(key=lambda pk: (title[pk], pk))  # as the condition's own ordering lists them
    shown = {
        condition.pk: Link(condition.slug, condition.title)
        for condition in conditions
        if condition.status == Condition.Status.PUBLISHED
    }
    others = [pk for pk, _ in saved.values()]
    shown.update(
        (pk, Link(slug, title))
        for pk, slug, title in Publication.objects.filter(condition_id__in=others).values_list(
            "condition_id", "slug", "title"
        )
    )
    Condition.objects.filter(pk__in=others).update(
        edit_version=F("edit_version") + 1, updated_by=None, updated_at=timezone.now()
    )
    return related, shown, others


def _pages_write(batch: list[Condition], pages: BuiltPages, saved_groups, versions) -> None:
    """A batch's pages stored: each draft's revision, and the published copies with their
    search entries, each copy recording its saved version (`versions`), which "Translate"
    starts from. The copies join the groups of pages saved before that they belong to, which
    are written last."""
    condition_of = {condition.pk: condition for condition in batch}
    for condition in batch:
        condition.draft_revision = pages.draft_revisions[condition.pk]
    publications = []
    for fields in pages.published:
        publication = Publication(**fields)
        condition = publication.condition = condition_of[publication.condition_id]
        publication.version_id = versions.get(condition.pk)
        group = saved_groups.get(condition.original_id or condition.pk)
        if group is not None:  # a group of pages saved before, written last
            group.append(publication)
        publications.append(publication)
    with index_in_bulk():
        rows_update(batch, ["draft_revision"])
        Publication.objects.bulk_create(publications, batch_size=BATCH)
        for publication in publications:
            index_store(publication=publication, payload=publication.payload)


def rows_update(rows: list, fields: list[str]) -> None:
    """Write these fields of saved rows (of one model), one statement run for each: Django's
    bulk_update builds a CASE of every row's value for each field, which the database reads
    again for every row (a time growing with the square of the rows, 8 s for 200 publications)."""
    if not rows:
        return
    meta = rows[0]._meta
    columns = [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    assigned = ", ".join(f"{quote(field.column)} = %s" for field in columns)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(meta.db_table)} SET {assigned} WHERE {quote(meta.pk.column)} = %s",  # noqa: S608
            [
                [
                    field.get_db_prep_save(getattr(row, field.attname), connection)
                    for field in columns
                ]
                + [row.pk]
                for row in rows
            ],
        )


def _batches(conditions: list[Condition]):
    """The conditions in batches of about BATCH, an original with its new translations."""
    groups = defaultdict(list)
    for condition in conditions:
        groups[condition.original_id or condition.pk].append(condition)
    batch = []
    for members in groups.values():
        if batch and len(batch) + len(members) > BATCH:
            yield batch
            batch = []
        batch += members
    if batch:
        yield batch


def _saved_groups(conditions: list[Condition]) -> dict[int, list[Publication]]:
    """The published pages saved before of each group a new translation joins (its original's
    and the original's other translations'), by the original's id: a read per 500 groups."""
    new = {condition.pk for condition in conditions}
    originals = sorted({c.original_id for c in conditions if c.original_id is not None} - new)
    groups = defaultdict(list)
    for start in range(0, len(originals), BATCH):
        chunk = originals[start : start + BATCH]
        for publication in (
            Publication.objects.filter(
                Q(condition_id__in=chunk) | Q(condition__original_id__in=chunk)
            )
            .select_related("condition")
            .order_by("pk")
        ):
            condition = publication.condition
            groups[condition.original_id or condition.pk].append(publication)
    return groups


def _saved_groups_write(saved_groups: dict[int, list[Publication]], new: set, terms) -> None:
    """The pages saved before list the group's new pages too (`new`: the new conditions' ids):
    one statement run for each."""
    changed = []
    for group in saved_groups.values():
        for publication in group:
            if publication.condition_id in new:
                continue
            language = publication.language
            if language not in terms:
                terms[language] = marked_terms(language)
            payload = {k: v for k, v in publication.payload.items() if k not in SERVED_KEYS}
            payload = with_language_keys(payload, language_keys(publication.condition, group))
            if publication_fill(publication, payload, terms=terms[language]):
                changed.append(publication)
    rows_update(changed, PUBLISHED_FIELDS)


def _versions_write(batch: list[Condition], pages: BuiltPages, *, comment: str) -> dict[int, int]:
    """Each condition's history as `drafts.versions_record` writes it (a revision per hundred
    conditions, each condition's version with its sections' and sources' in it, the same
    serialized data, `pages.versions`), without reversion's copy of the revision's versions at
    each row it adds. Returns each condition's version, by their ids."""
    now = timezone.now()
    recorded = {}
    for start in range(0, len(batch), CONDITIONS_PER_REVISION):
        revision = Revision.objects.create(date_created=now, user=None, comment=comment)
        rows = [row for c in batch[start : start + CONDITIONS_PER_REVISION] for row in followed(c)]
        versions = [version_new(row, revision, pages.versions[type(row), row.pk]) for row in rows]
        Version.objects.bulk_create(versions, batch_size=BATCH)
        recorded.update(
            (row.pk, version.pk)
            for row, version in zip(rows, versions, strict=True)
            if type(row) is Condition
        )
    return recorded
