"""What patients see of each condition a bulk import creates (bulk.py), built from the rows it
holds in memory: each draft's revision and, for those marked published, the published copy;
and what its history keeps of each.

Building them makes no query, and is most of an import's time (the serializer, Markdown, the
marked terms, fingerprints, the history's serialized data). So with more than one batch and
more than one processor, batches are built in worker processes, forked once the import's rows
are in memory, while the importing process writes each batch as it comes back, in order. A
worker's queries are refused: one would not see what the import's transaction has written, so a
page needing one fails the whole import instead of being built from what it does not see.
"""

import multiprocessing
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connections
from reversion.revisions import _get_options

from .language_links import language_keys, with_language_keys
from .models import Condition, Publication
from .serializers import SERVED_KEYS, ConditionDetailSerializer, related_links
from .services import content_revision, publication_fill
from .steps import version_texts


@dataclass(frozen=True)
class Link:
    """What a page shows of a condition it links to, once that one is on the site."""

    slug: str
    title: str


@dataclass(frozen=True)
class BuiltPages:
    """A batch's pages and history, as plain values a worker can send back."""

    draft_revisions: dict[int, str]  # by the condition's id
    published: list[dict]  # each published copy's fields, not saved; originals first
    versions: dict[tuple[type, int], tuple[str, str, str]]  # steps.version_texts, by model and id


def pages_built(conditions, related, shown, terms, saved_groups) -> BuiltPages:
    """The pages of `conditions` (a batch: an original with its new translations), each with
    its sections, sources and links in memory. `related` gives each one's linked ids, `shown`
    what a page shows of each linked condition on the site, `terms` the marked terms by
    language, `saved_groups` the published pages saved before of groups new translations join
    (not changed here)."""
    rows = [row for condition in conditions for row in followed(condition)]
    versions = {}
    for model in dict.fromkeys(type(row) for row in rows):
        same = [row for row in rows if type(row) is model]
        versions.update(zip(((model, row.pk) for row in same), version_texts(same), strict=True))
    # One serializer for the batch: DRF builds its fields once, not once per condition. The
    # pages' links are set below, as the whole import will show them.
    for condition in conditions:
        condition._prefetched_objects_cache["related"] = []
    shapes = ConditionDetailSerializer(conditions, many=True).data
    draft_revisions = {}
    built = []
    for condition, shape in zip(conditions, shapes, strict=True):
        payload = {key: value for key, value in shape.items() if key not in SERVED_KEYS}
        # As it will be once the whole import is on the site, not as this batch finds it.
        payload["related"] = related_links(shown[pk] for pk in related[condition.pk] if pk in shown)
        draft_revisions[condition.pk] = content_revision(payload)
        if condition.status == Condition.Status.PUBLISHED:
            built.append((condition, payload))
    published = [
        {field.attname: getattr(publication, field.attname) for field in FIELDS}
        for publication in _publications_filled(built, related, terms, saved_groups)
    ]
    return BuiltPages(draft_revisions, published, versions)


def followed(row) -> list:
    """The row and those its registration follows (a condition's sections and sources), in the
    order reversion adds them to a revision."""
    rows = [row]
    for name in _get_options(type(row)).follow:
        rows += [r for child in getattr(row, name).all() for r in followed(child)]
    return rows


FIELDS = [field for field in Publication._meta.concrete_fields if not field.primary_key]


def _publications_filled(built, related, terms, saved_groups) -> list[Publication]:
    """The published copies of `built` (condition, payload), not saved yet, each listing the
    other published pages of its group (`language_links.py`): originals first, as a
    translation's page says when its original was published."""
    publications = {
        condition.pk: Publication(
            condition=condition,
            language=condition.language,
            related_ids=related[condition.pk],
            slug=payload["slug"],
            content_revision=content_revision(payload),
        )
        for condition, payload in built
    }
    groups = defaultdict(list)
    for condition, _ in built:
        groups[condition.original_id or condition.pk].append(publications[condition.pk])
    for key, members in groups.items():
        groups[key] = saved_groups.get(key, []) + members  # pages saved before come first
    filled = []
    for translations in (False, True):
        for condition, payload in built:
            if condition.is_translation is not translations:
                continue
            group = groups[condition.original_id or condition.pk]
            if len(group) > 1:
                payload = with_language_keys(payload, language_keys(condition, group))
            publication_fill(publications[condition.pk], payload, terms=terms[condition.language])
            filled.append(publications[condition.pk])
    return filled


_build: Callable[[int], BuiltPages] | None = None  # a worker's task, inherited when it forks


def _refuse_queries() -> None:
    def refuse(execute, sql, params, many, context):
        raise RuntimeError("A bulk import's pages are built without the database.")

    for connection in connections.all():
        connection.execute_wrappers.append(refuse)


def _built(index: int) -> BuiltPages:
    return _build(index)


@contextmanager
def pages_of_batches(build: Callable[[int], BuiltPages], count: int, processes: int):
    """`build(i)` of each batch i < `count`, in order: in `processes` forked workers started
    now, or here, one at a time, when there is one batch or one process. On leaving, the
    workers finish the batch at hand and are not given another; none is killed mid-way (a
    worker killed while sending its result leaves the queue locked, and the import hanging)."""
    global _build
    if count < 2 or processes < 2:
        yield (build(index) for index in range(count))
        return
    _build = build
    workers = ProcessPoolExecutor(
        min(processes, count),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_refuse_queries,
    )
    try:
        yield workers.map(_built, range(count))
    finally:
        workers.shutdown(wait=True, cancel_futures=True)
        _build = None
