"""Search on PostgreSQL: full-text search over SearchEntry in the page's language.

Migration 0010 adds a generated `document` tsvector column (names weighted A, headings B, the
rest C) with a GIN index, as Wagtail's PostgreSQL backend keeps a weighted vector per object;
since 0014 in the configuration of the entry's language (German or English).
plainto_tsquery and phraseto_tsquery read the words as plain words, never as query syntax.
Ranked as on SQLite.
"""

from django.db import connection

from .expansion import Group
from .stemming import algorithm

RANKED_SQL = """
SELECT publication_id, COUNT(*) OVER () FROM (
    SELECT
        e.publication_id,
        length(p.title) AS title_length,
        ts_rank(e.document, query) AS score,
        CASE
            WHEN ts_filter(e.document, '{{a}}') @@ query THEN 0
            WHEN ts_filter(e.document, '{{a,b}}') @@ query THEN 1
            ELSE 2
        END AS tier
    FROM conditions_searchentry e
    JOIN conditions_publication p ON p.id = e.publication_id,
        (SELECT {query} AS query) searched
    WHERE e.document @@ query AND p.language = %s
) ranked
ORDER BY tier, CASE WHEN tier = 0 THEN title_length END, score DESC, title_length, publication_id
LIMIT %s
"""


def query(groups: list[Group], language: str = "en") -> tuple[str, list[str]]:
    """The tsquery's SQL and its parameters: every group, each any of its alternatives, read by
    the configuration of the language the pages searched were indexed in."""
    config = "german" if algorithm(language) == "german" else "english"  # as migration 0014
    parts, params = [], []
    for group in groups:
        alternatives = []
        for words, phrase in group:
            function = "phraseto_tsquery" if phrase else "plainto_tsquery"
            alternatives.append(f"{function}('{config}', %s)")
            params.append(" ".join(words))
        parts.append(f"({' || '.join(alternatives)})")
    return " && ".join(parts), params


def ranked(groups: list[Group], *, limit: int, language: str) -> tuple[list[int], int]:
    """Ids of the publications in `language` matching every group, best first (names, then
    headings, then the rest), and how many there are in all."""
    sql, params = query(groups, language)
    with connection.cursor() as cursor:
        cursor.execute(RANKED_SQL.format(query=sql), [*params, language, limit])
        rows = cursor.fetchall()
    return [row[0] for row in rows], (rows[0][1] if rows else 0)
