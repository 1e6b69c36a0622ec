"""Search on SQLite: an FTS5 table over SearchEntry with the porter stemmer.

Made by migration 0010 as an external-content table, kept by triggers on SearchEntry, so a row
deleted by a cascade leaves no trace in the index. As in Wagtail's SQLite backend, every word
goes in as a quoted string, so nothing a reader types (`*`, `"`, `NEAR`, `-`, `:`) is FTS5 syntax.
"""

from django.db import connection

from .expansion import Group

TABLE = "conditions_search_fts"
# Tiers: every word in the names, in names and headings, anywhere. Among names, the shortest
# title holds the least else; then bm25 with weights for names, headings and body (lower is better).
RANKED_SQL = f"""
SELECT publication_id, COUNT(*) OVER () FROM (
    SELECT
        e.publication_id,
        length(p.title) AS title_length,
        found.score,
        CASE
            WHEN found.rowid IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s) THEN 0
            WHEN found.rowid IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s) THEN 1
            ELSE 2
        END AS tier
    FROM (
        SELECT rowid, bm25({TABLE}, 10.0, 4.0, 1.0) AS score FROM {TABLE} WHERE {TABLE} MATCH %s
    ) found
    JOIN conditions_searchentry e ON e.id = found.rowid
    JOIN conditions_publication p ON p.id = e.publication_id
    WHERE p.language = %s
) ranked
ORDER BY tier, CASE WHEN tier = 0 THEN title_length END, score, title_length, publication_id
LIMIT %s
"""  # noqa: S608 (no value is formatted in: only the table's name)


def _alternative(words: tuple[str, ...], phrase: bool) -> str:
    # Words hold letters and digits only. A quoted string is a phrase.
    if phrase or len(words) == 1:
        return '"' + " ".join(words) + '"'
    return "(" + " AND ".join(f'"{word}"' for word in words) + ")"


def expression(groups: list[Group]) -> str:
    """The FTS5 query: every group, each any of its alternatives."""
    parts = []
    for group in groups:
        alternatives = [_alternative(words, phrase) for words, phrase in group]
        parts.append(alternatives[0] if len(group) == 1 else f"({' OR '.join(alternatives)})")
    return " AND ".join(parts)  # explicit: FTS5 joins only phrases by a space


def ranked(groups: list[Group], *, limit: int, language: str) -> tuple[list[int], int]:
    """Ids of the publications in `language` matching every group, best first (names, then
    headings, then the rest), and how many there are in all."""
    every = expression(groups)
    params = [f"{{names}} : ({every})", f"{{names headings}} : ({every})", every, language, limit]
    with connection.cursor() as cursor:
        cursor.execute(RANKED_SQL, params)
        rows = cursor.fetchall()
    return [row[0] for row in rows], (rows[0][1] if rows else 0)
