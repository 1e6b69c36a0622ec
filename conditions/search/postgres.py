"""Search on PostgreSQL: English full-text search over SearchEntry.

Migration 0010 adds a generated `document` tsvector column (names weighted A, headings B, the
rest C) with a GIN index, as Wagtail's PostgreSQL backend keeps a weighted vector per object.
plainto_tsquery reads the words as plain words, never as query syntax.
"""

from django.db import connection

RANKED_SQL = """
SELECT e.publication_id, COUNT(*) OVER ()
FROM conditions_searchentry e
JOIN conditions_publication p ON p.id = e.publication_id,
    plainto_tsquery('english', %s) query
WHERE e.document @@ query
ORDER BY
    CASE
        WHEN ts_filter(e.document, '{a}') @@ query THEN 0
        WHEN ts_filter(e.document, '{a,b}') @@ query THEN 1
        ELSE 2
    END,
    ts_rank(e.document, query) DESC,
    length(p.title),
    p.id
LIMIT %s
"""


def ranked(words: list[str], *, limit: int) -> tuple[list[int], int]:
    """Publication ids holding every word, best first (names, then headings, then the rest),
    and how many there are in all."""
    with connection.cursor() as cursor:
        cursor.execute(RANKED_SQL, [" ".join(words), limit])
        rows = cursor.fetchall()
    return [row[0] for row in rows], (rows[0][1] if rows else 0)
