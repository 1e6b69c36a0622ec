"""Importing many new conditions at once (conditions/bulk.py): a cost in SQL that does not grow
with the file, all of it or nothing, and the same pages, drafts and history as saving each."""

import copy
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Revision, Version

from conditions import bulk as bulk_module
from conditions.bulk_pages import pages_of_batches
from conditions.models import Author, Condition, Publication, Section
from conditions.search.models import SearchEntry, SearchWord
from conditions.transfer import ImportRejected, conditions_export, conditions_import
from tests.test_transfer import seed_document


def copies(count: int, *, first: int = 1, linked_to: str | None = None) -> dict:
    """`count` copies of the seed conditions under new slugs, the first two linked to each
    other, and each to `linked_to` (a condition saved before) when given; a third of them drafts."""
    document = seed_document()
    conditions = []
    for number in range(first, first + count):
        item = copy.deepcopy(document["conditions"][number % 2])
        item.update(slug=f"{item['slug']}-{number}", title=f"{item['title']} ({number})")
        item["related"] = [linked_to] if linked_to else []
        if number % 3 == 0:
            item["status"] = Condition.Status.DRAFT
        conditions.append(item)
    conditions[0]["related"].append(conditions[1]["slug"])  # both ways, as an export lists them
    conditions[1]["related"].append(conditions[0]["slug"])
    return {**document, "conditions": conditions}


def queries_to_import(document: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        conditions_import(document=document)
    return len(queries.captured_queries)


def test_importing_twice_as_many_conditions_costs_about_the_same_queries(seeded):
    """Saving each condition would cost some 26 statements a condition; in bulk, 20 and 40 cost
    the same but for an insert more where a table's rows pass what one statement may carry
    (SQLite's 999 parameters: 166 sections, 142 versions)."""
    linked = "severe-or-persistent-muscle-spasms"
    at_20 = queries_to_import(copies(20, first=1, linked_to=linked))
    at_40 = queries_to_import(copies(40, first=101, linked_to=linked))
    assert at_20 < 50  # a few per table and batch, and the one page saved before both link to
    assert at_20 <= at_40 <= at_20 + 2
    assert Condition.objects.filter(slug__endswith="-140").exists()


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (Condition, Section, Publication, Author, Version, Revision, SearchEntry)
    } | {"words": sorted(SearchWord.objects.values_list("word", "entries"))}


def test_a_bad_row_at_the_end_leaves_nothing_and_is_named(seeded):
    before = counts()
    document = copies(600, linked_to="dystonia-and-medical-cannabis")  # more than one batch
    document["conditions"][-1]["sections"][0]["kind"] = "gossip"
    with pytest.raises(ImportRejected) as rejected:
        conditions_import(document=document)
    assert rejected.value.errors == [
        'conditions[599].sections[0].kind: "gossip" is not one of: '
        + ", ".join(Section.Kind.values)
        + "."
    ]
    assert counts() == before


def history(revisions) -> list:
    """Each version the revisions hold, as model and fields (new sections have new ids), but
    when it was saved."""
    versions = []
    for version in Version.objects.filter(revision__in=revisions):
        fields = json.loads(version.serialized_data)[0]["fields"]
        fields.pop("updated_at", None)
        versions.append((version.content_type_id, json.dumps(fields, sort_keys=True)))
    return sorted(versions)


def state() -> dict:
    """What patients see, what each draft would show, and what search finds."""
    return {
        "publications": sorted(
            Publication.objects.values_list(
                "slug", "revision", "content_revision", "related_ids", "terms_revision"
            )
        ),
        "drafts": sorted(Condition.objects.values_list("slug", "draft_revision", "status")),
        "search": sorted(SearchEntry.objects.values_list("names", "headings", "body")),
        "words": sorted(SearchWord.objects.values_list("word", "entries")),
    }


@pytest.mark.parametrize("processes", [1, 2], ids=["built here", "built in two workers"])
def test_a_bulk_import_leaves_what_saving_each_condition_leaves(seeded, monkeypatch, processes):
    """Importing the same file again with --replace saves each condition one at a time, as an
    editor's save does: patients, drafts, search and the history's data see no difference,
    whether its pages were built here or, in batches of ten, in worker processes."""
    monkeypatch.setattr(bulk_module, "BATCH", 10)
    document = copies(30, linked_to="severe-or-persistent-muscle-spasms")
    seen = set(Revision.objects.values_list("pk", flat=True))
    conditions_import(document=document, processes=processes)
    bulk = state()
    bulk_revisions = set(Revision.objects.values_list("pk", flat=True)) - seen
    conditions_import(document=document, replace=True)
    assert state() == bulk
    saved_revisions = set(Revision.objects.values_list("pk", flat=True)) - seen - bulk_revisions
    assert history(bulk_revisions) == history(saved_revisions)
    exported = {item["slug"]: item for item in conditions_export()["conditions"]}
    assert exported["dystonia-and-medical-cannabis-1"]["related"] == [
        "severe-or-persistent-muscle-spasms",
        "severe-or-persistent-muscle-spasms-2",
    ]
    assert (
        "dystonia-and-medical-cannabis-1"
        in exported["severe-or-persistent-muscle-spasms"]["related"]
    )
    imported = Condition.objects.get(slug="severe-or-persistent-muscle-spasms-2")
    assert [version.revision.comment for version in Version.objects.get_for_object(imported)] == [
        "Imported from a file.",
        "Imported from a file.",
    ]


def test_a_worker_building_pages_cannot_read_the_database(seeded):
    """A worker does not see what the import's transaction wrote: its queries are refused, and
    the refusal reaches the importing process, which then writes nothing."""

    def build(index: int):
        return Condition.objects.count()

    with (
        pytest.raises(RuntimeError, match="without the database"),
        pages_of_batches(build, count=2, processes=2) as built,
    ):
        list(built)
    with pages_of_batches(build, count=1, processes=2) as built:  # one batch: built here
        assert list(built) == [Condition.objects.count()]
