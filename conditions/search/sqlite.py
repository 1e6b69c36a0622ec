"""Search on SQLite: an FTS5 table over SearchEntry with the porter stemmer.

Made by migration 0010 as an external-content table, kept by triggers on SearchEntry, so a row
deleted by a cascade leaves no trace in the index. Pages in a language porter does not stem
(German) are searched in a second table of their words' stems in that language, written by the
app (documents.index_stemmed; migration 0014), with the query's words stemmed the same way.
As in Wagtail's SQLite backend, every word goes in as a quoted string, so nothing a reader types
(`*`, `"`, `NEAR`, `-`, `:`) is FTS5 syntax.
"""

from django.db import connection

from .documents import STEMMED_TABLE
from .expansion import Group
from .stemming import stem, stemmed_by_app

TABLE = "conditions_search_fts"
# Tiers: every word in the names, in names and headings, anywhere. Among names, the shortest
# title holds the least else; then bm25 with weights for names, headings and body (lower is better).
# CROSS JOIN keeps the order written (SQLite's rule): the index is read once. With JOIN, SQLite
# chose to start from the language's publications and ran the MATCH once for each (0.8 s at
# 2,000 conditions, not 25 ms). The language is the entry's: the publication's lies past its
# payload, in overflow pages.
RANKED_SQL = """
SELECT publication_id, COUNT(*) OVER () FROM (
    SELECT
        e.publication_id,
        length(p.title) AS title_length,
        found.score,
        CASE
            WHEN found.rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH %s) THEN 0
            WHEN found.rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH %s) THEN 1
            ELSE 2
        END AS tier
    FROM (
        SELECT rowid, bm25({table}, 10.0, 4.0, 1.0) AS score FROM {table} WHERE {table} MATCH %s
    ) found
    CROSS JOIN conditions_searchentry e ON e.id = found.rowid
    CROSS JOIN conditions_publication p ON p.id = e.publication_id
    WHERE e.language = %s
) ranked
ORDER BY tier, CASE WHEN tier = 0 THEN title_length END, score, title_length, publication_id
LIMIT %s
"""  # no value is formatted in: only the table's name


def _alternative(words: tuple[str, ...], phrase: bool) -> str:
    # Words hold letters and digits only. A quoted string is a phrase.
    if phrase or len(words) == 1:
        return '"' + " ".join(words) + '"'
    return "(" + " AND ".join(f'"{word}"' for word in words) + ")"


def expression(groups: list[Group], language: str = "en") -> str:
    """The FTS5 query: every group, each any of its alternatives (stemmed as the table is)."""
    by_app = stemmed_by_app(language)
    parts = []
    for group in groups:
        alternatives = [
            _alternative(tuple(stem(w, language) for w in words) if by_app else words, phrase)
            for words, phrase in group
        ]
        parts.append(alternatives[0] if len(group) == 1 else f"({' OR '.join(alternatives)})")
    return " AND ".join(parts)  # explicit: FTS5 joins only phrases by a space


def ranked(groups: list[Group], *, limit: int, language: str) -> tuple[list[int], int]:
    """Ids of the publications in `language` matching every group, best first (names, then
    headings, then the rest), and how many there are in all."""
    every = expression(groups, language)
    params = [f"{{names}} : ({every})", f"{{names headings}} : ({every})", every, language, limit]
    table = STEMMED_TABLE if stemmed_by_app(language) else TABLE
    with connection.cursor() as cursor:
        cursor.execute(RANKED_SQL.replace("{table}", table), params)
        rows = cursor.fetchall()
    return [row[0] for row in rows], (rows[0][1] if rows else 0)
