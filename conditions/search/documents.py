"""What is searched of a published condition, and keeping the index and vocabulary up to date.

The publishing service calls `index_store` whenever it writes a published copy and
`index_remove` before it deletes one; inside `index_in_bulk` (an import) the stored copies are
written together when it ends. Which fields are searched is conditions/content.py's to say.
"""

import html
import re
from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import connection

from .. import content
from . import postgres
from .models import SearchEntry, SearchWord
from .stemming import WORD, stemmed_by_app, stemmed_text

TAG = re.compile(r"<[^>]*>")
VOCABULARY_LENGTHS = range(4, 101)  # typos are corrected in words of 5 letters or more, to ±1
BATCH = 500  # rows a statement reads or writes, well under SQLite's limit of parameters


def html_text(markup: str) -> str:
    """The text of sanitized HTML, with a space wherever a tag was (list items stay apart)."""
    return " ".join(html.unescape(TAG.sub(" ", markup or "")).split())


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def _values(payload: dict, key: str) -> list[str]:
    value = payload.get(key) or ""
    values = value if isinstance(value, list) else [value]
    return [html_text(v) if key.endswith("_html") else v for v in values]


def _is_name(field: content.ContentField) -> bool:
    return field.name == "title" or field.form is content.Form.NAMES


def head_texts(payload: dict) -> list[str]:
    """The searched text above the sections that is not a name: question, summary, lead."""
    return [
        text
        for field in content.CONTENT_FIELDS
        if field.searched and not _is_name(field)
        for text in _values(payload, field.payload_key)
    ]


def name_texts(payload: dict) -> list[str]:
    """The searched names: the title and other names."""
    return [
        text
        for field in content.CONTENT_FIELDS
        if field.searched and _is_name(field)
        for text in _values(payload, field.payload_key)
    ]


def entry_texts(payload: dict) -> dict[str, str]:
    """The names, headings and body of a published payload, as SearchEntry stores them."""
    names = name_texts(payload)
    body = head_texts(payload) + [link["title"] for link in payload.get("related", [])]
    body += [html_text(section.get("html", "")) for section in payload.get("sections", [])]
    headings = [section.get("heading", "") for section in payload.get("sections", [])]
    return {"names": "\n".join(names), "headings": "\n".join(headings), "body": "\n".join(body)}


def vocabulary(texts: dict[str, str]) -> set[str]:
    return {
        word
        for text in texts.values()
        for word in words(text)
        if word.isalpha() and len(word) in VOCABULARY_LENGTHS
    }


WORD_COUNTED_SQL = """
INSERT INTO conditions_searchword (word, length, entries) VALUES (%s, %s, %s)
ON CONFLICT (word) DO UPDATE SET entries = conditions_searchword.entries + excluded.entries
"""
WORD_UNCOUNTED_SQL = "UPDATE conditions_searchword SET entries = entries - %s WHERE word = %s"


@dataclass
class IndexChanges:
    """What publishing changes in search, written at once: the entries to store (their texts,
    by publication) and the publications whose entries go."""

    stored: dict = field(default_factory=dict)  # Publication: its texts
    removed: set = field(default_factory=set)  # publication ids

    def write(self) -> None:
        """The entries and the vocabulary's counts: a few queries for every 500 changed."""
        ids = sorted({publication.pk for publication in self.stored} | self.removed)
        counts = Counter()
        for start in range(0, len(ids), BATCH):
            old = list(SearchEntry.objects.filter(publication_id__in=ids[start : start + BATCH]))
            for entry in old:
                counts.subtract(vocabulary(entry_texts_of(entry)))
            if old:
                SearchEntry.objects.filter(pk__in=[entry.pk for entry in old]).delete()
        for texts in self.stored.values():
            counts.update(vocabulary(texts))
        entries = SearchEntry.objects.bulk_create(
            [
                SearchEntry(publication=pub, language=pub.language, **texts)
                for pub, texts in self.stored.items()
            ],
            batch_size=BATCH,
        )
        _vocabulary_change(counts)
        index_beside(entries)


STEMMED_TABLE = "conditions_search_fts_stemmed"  # SQLite; its rows go with their entry's
STEMMED_SQL = (
    f"INSERT INTO {STEMMED_TABLE}(rowid, names, headings, body) "  # noqa: S608 (a table's name)
    "VALUES (%s, %s, %s, %s)"
)


def index_stemmed(entries) -> None:
    """On SQLite, the entries in a language porter does not stem, stemmed by the app, in the
    table that search reads for them (migration 0014's trigger deletes a row with its entry)."""
    rows = [
        (entry.pk, *(stemmed_text(text, entry.language) for text in entry_texts_of(entry).values()))
        for entry in entries
        if stemmed_by_app(entry.language)
    ]
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(STEMMED_SQL, rows)


def index_beside(entries) -> None:
    """What the database does not make of the entries' columns by itself: SQLite's stemmed rows,
    PostgreSQL's documents."""
    if connection.vendor == "sqlite":
        index_stemmed(entries)
    else:
        postgres.index(entries)


def entry_loaded(sender, instance, **kwargs) -> None:
    """An entry saved one by one (`loaddata` restoring a backup; the app itself writes entries in
    bulk, `IndexChanges`): `index_beside` again, SQLite's stemmed row replaced."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {STEMMED_TABLE} WHERE rowid = %s", [instance.pk])  # noqa: S608
    index_beside([instance])


_BULK = ContextVar("search_index_in_bulk", default=None)


@contextmanager
def index_in_bulk():
    """Inside it, `index_store` and `index_remove` only note what to change, and it is written
    in one batch on leaving (inside the caller's transaction: all of it or nothing). An import
    publishing 2,000 conditions writes their entries with a few bulk inserts this way."""
    if _BULK.get() is not None:  # already inside one: the outer one writes it all
        yield
        return
    changes = IndexChanges()
    token = _BULK.set(changes)
    try:
        yield
        changes.write()
    finally:
        _BULK.reset(token)


def _vocabulary_change(counts: Counter) -> None:
    """Count each word as many times more or less as entries now use it; plain SQL, as a page
    holds a thousand words."""
    removed = sorted((-count, word) for word, count in counts.items() if count < 0)
    added = sorted((word, len(word), count) for word, count in counts.items() if count > 0)
    with connection.cursor() as cursor:
        if removed:
            cursor.executemany(WORD_UNCOUNTED_SQL, removed)
            SearchWord.objects.filter(entries__lte=0).delete()
        if added:
            cursor.executemany(WORD_COUNTED_SQL, added)


def index_store(*, publication, payload: dict) -> None:
    """Make search find the published copy as `payload` says (run in the publishing write)."""
    changes = _BULK.get()
    if changes is None:
        IndexChanges(stored={publication: entry_texts(payload)}).write()
    else:
        changes.stored[publication] = entry_texts(payload)


def index_remove(*, publications) -> None:
    """Take these published copies out of search (before they are deleted): at once, even in
    a batch, as deleting them deletes their entries, whose words are counted out here."""
    ids = set(publications.values_list("pk", flat=True))
    changes = _BULK.get()
    if changes is not None:
        changes.stored = {p: texts for p, texts in changes.stored.items() if p.pk not in ids}
    IndexChanges(removed=ids).write()


def entry_texts_of(entry: SearchEntry) -> dict[str, str]:
    return {"names": entry.names, "headings": entry.headings, "body": entry.body}
