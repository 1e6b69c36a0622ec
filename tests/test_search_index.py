"""Keeping the search index: an import publishing many conditions writes their entries in a few
bulk statements, all or nothing, and leaves the index and its vocabulary exactly as publishing
them one by one would."""

import copy
import json
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from conditions.search import postgres
from conditions.search.documents import entry_texts_of, index_in_bulk, vocabulary
from conditions.search.engine import search
from conditions.search.models import SearchEntry, SearchWord
from conditions.search.sqlite import RANKED_SQL, TABLE
from conditions.services import publication_remove
from tests.factories import make_condition
from tests.test_transfer import seed_document

pytestmark = pytest.mark.django_db


def copies(count: int) -> dict:
    document = seed_document()
    item = document["conditions"][0]
    document["conditions"] = []
    for n in range(count):
        other = copy.deepcopy(item)
        other.update(slug=f"copy-{n}", title=f"Copy {n} of {item['title']}", related=[])
        document["conditions"].append(other)
    return document


def imported(tmp_path, document, *args) -> list[str]:
    path = tmp_path / "import.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with CaptureQueriesContext(connection) as captured:
        call_command("import_conditions", str(path), *args, verbosity=0)
    return [query["sql"] for query in captured.captured_queries]


def vocabulary_as_the_entries_say() -> dict[str, int]:
    counted = Counter()
    for entry in SearchEntry.objects.all():
        counted.update(vocabulary(entry_texts_of(entry)))
    return dict(counted)


def test_an_import_writes_every_entry_in_one_insert_and_counts_each_word_right(tmp_path):
    make_condition(title="Cervical dystonia", lead="The neck turns.")

    statements = imported(tmp_path, copies(30))

    inserts = [sql for sql in statements if sql.startswith('INSERT INTO "conditions_searchentry"')]
    assert len(inserts) == 1
    assert SearchEntry.objects.count() == 31
    assert search("copy").count == 30
    assert [r.publication.slug for r in search("copy 7").results] == ["copy-7"]
    assert dict(SearchWord.objects.values_list("word", "entries")) == (
        vocabulary_as_the_entries_say()
    )


def test_importing_again_and_unpublishing_keep_the_vocabulary_right(tmp_path):
    imported(tmp_path, copies(5))
    document = copies(5)
    document["conditions"][0]["lead"] = "Replaced: the oromandibular muscles."
    document["conditions"][1]["status"] = "draft"

    imported(tmp_path, document, "--replace")

    assert SearchEntry.objects.count() == 4
    assert [r.publication.slug for r in search("oromandibular").results] == ["copy-0"]
    assert dict(SearchWord.objects.values_list("word", "entries")) == (
        vocabulary_as_the_entries_say()
    )
    publication_remove(condition=SearchEntry.objects.first().publication.condition)
    assert dict(SearchWord.objects.values_list("word", "entries")) == (
        vocabulary_as_the_entries_say()
    )


def test_a_batch_that_fails_leaves_no_entry_and_no_word(db):
    make_condition(title="Cervical dystonia")
    before = (SearchEntry.objects.count(), dict(SearchWord.objects.values_list("word", "entries")))

    with pytest.raises(RuntimeError), transaction.atomic(), index_in_bulk():
        make_condition(title="Oromandibular dystonia")
        raise RuntimeError("the import failed halfway")

    after = (SearchEntry.objects.count(), dict(SearchWord.objects.values_list("word", "entries")))
    assert after == before
    assert search("oromandibular").count == 0


def test_on_sqlite_a_search_reads_the_index_once_not_once_per_page(tmp_path):
    """The ranking query's plan (not its time): each MATCH scans the index once. SQLite had
    chosen to start from the publications and run the MATCH for each by its row id, 0.8 s for
    a search at 2,000 conditions."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's query plan; PostgreSQL's search is another query")
    imported(tmp_path, copies(30))
    words = '"copy"'
    params = [f"{{names}} : ({words})", f"{{names headings}} : ({words})", words, "en", 10]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + RANKED_SQL.replace("{table}", TABLE), params)
        plan = [row[-1] for row in cursor.fetchall()]

    index_reads = [step for step in plan if f"{TABLE} VIRTUAL TABLE" in step]
    assert len(index_reads) == 3, plan
    assert not [step for step in index_reads if "INDEX 0:=" in step], plan  # by row id
    assert search("copy").count == 30


def test_postgresqls_document_holds_the_keys_offline_search_compares_at_their_places():
    """Each word's key (accents dropped, stemmed in the page's language) at its place, weighted
    by its column, with a place left free after each column: no phrase runs from one column
    into the next."""
    english = {"names": "Leg cramps", "headings": "Cramps", "body": "Cramps at night. Crème"}
    german = {"names": "Krämpfe", "headings": "", "body": "Krampf"}

    assert postgres.document(english, "en") == (
        "'leg':1A 'cramp':2A,4B,6C 'at':7C 'night':8C 'creme':9C",
        7,
    )
    assert postgres.document(german, "de") == ("'krampf':1A,4C", 2)
    assert postgres.tsquery(
        [
            ((("muscle",), False),),
            ((("spasms",), False), (("botulinum", "toxin"), True), (("two", "words"), False)),
        ]
    ) == ("((('muscl'))) & ((('spasm')) | (('botulinum' <-> 'toxin')) | (('two') & ('word')))")


def test_a_word_too_long_for_postgresql_is_left_out_and_the_page_still_found(db):
    """PostgreSQL refuses a lexeme over 2,047 bytes; an editor may paste a run of letters that
    long. The page publishes and is found by its other words, on both databases."""
    make_condition(title="Pasted text", slug="pasted-text", lead="Spasms " + "ä" * 1500 + ".")

    assert [result.publication.slug for result in search("spasm").results] == ["pasted-text"]
    assert postgres.document({"names": "", "headings": "", "body": "x" * 2048 + " y"}, "en") == (
        "'y':4C",
        2,
    )


def test_a_document_never_grows_past_what_postgresql_takes(db):
    """A page of 150,000 different words (an import could bring one) is indexed up to its first
    megabyte of words (here some 46,000), rather than refused by PostgreSQL."""
    body = " ".join(f"word{number}x" for number in range(150_000))
    vector, words = postgres.document({"names": "Huge", "headings": "", "body": body}, "en")

    assert words == 150_001 and len(vector.encode()) < 1_048_576
    assert "'word0x':4C" in vector
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT length(%s::tsvector)", [vector])
            assert cursor.fetchone()[0] == vector.count(" ") + 1 > 40_000  # every key kept


def test_an_entry_saved_on_its_own_is_searched_as_saved(db):
    """The app writes entries in bulk; one saved any other way (a shell, a data fix) is indexed
    too, on both databases."""
    make_condition(title="Pasted text", slug="pasted-text", lead="Spasms.")
    entry = SearchEntry.objects.get()
    entry.body += " Zebra"
    entry.save()

    assert [result.publication.slug for result in search("zebra").results] == ["pasted-text"]
