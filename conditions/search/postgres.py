"""Search on PostgreSQL: the words as the app compares them, in a tsvector the app writes, ranked
by bm25 as SQLite's FTS5 and the installed app rank.

Since migration 0017 each entry's `document` holds its words' keys (stemming.key: what SQLite's
index and the offline app compare, not PostgreSQL's own stems) at their places, names weighted
A, headings B, the rest C, and `words` counts its words: a word matches, and a phrase's words
stand side by side, as on SQLite and offline. The GIN index finds the matches and their tiers;
the CANDIDATES first of them by ts_rank are then ranked here by FTS5's bm25, over the places of
the searched keys. That is SQLite's order whenever at most CANDIDATES match; beyond, bm25
orders those ts_rank put first. The query is a tsquery of keys, each quoted: nothing a reader
types is query syntax.
"""

import math
from collections import defaultdict

from django.db import connection

from .expansion import Group
from .stemming import WORD, key

COLUMNS = ("names", "headings", "body")
WEIGHTS = {"A": 10.0, "B": 4.0, "C": 1.0}  # the columns' letters, as sqlite.py's bm25 weights
K1, B = 1.2, 0.75
CANDIDATES = 200
LAST_PLACE = 16383  # PostgreSQL's: later words are kept at it
MOST_PLACES = 256  # of one key, PostgreSQL keeps
LONGEST_KEY = 2047  # bytes: PostgreSQL refuses a longer lexeme (its own parser drops the word)
LARGEST = 1_000_000  # bytes of a document's text, under PostgreSQL's limit of a tsvector (1 MB)

INDEX_SQL = "UPDATE conditions_searchentry SET document = %s::tsvector, words = %s WHERE id = %s"
HITS_SQL = (
    "(SELECT COUNT(*) FROM conditions_searchentry WHERE language = %s AND document @@ %s::tsquery)"
)
RANKED_SQL = """
WITH found AS MATERIALIZED (
    SELECT
        e.publication_id,
        e.words,
        e.document,
        length(p.title) AS title_length,
        ts_rank(e.document, searched.query) AS score,
        CASE
            WHEN ts_filter(e.document, '{{a}}') @@ searched.query THEN 0
            WHEN ts_filter(e.document, '{{a,b}}') @@ searched.query THEN 1
            ELSE 2
        END AS tier
    FROM conditions_searchentry e
    JOIN conditions_publication p ON p.id = e.publication_id,
        (SELECT %s::tsquery AS query) searched
    WHERE e.language = %s AND e.document @@ searched.query
), first AS MATERIALIZED (
    SELECT *, COUNT(*) OVER () AS count FROM found
    ORDER BY tier, CASE WHEN tier = 0 THEN title_length END, score DESC, title_length,
        publication_id
    LIMIT %s
), stats AS MATERIALIZED (
    SELECT COUNT(*) AS entries, COALESCE(SUM(words), 0) AS words
    FROM conditions_searchentry WHERE language = %s
)
SELECT
    first.publication_id,
    first.words,
    first.title_length,
    first.count,
    (SELECT json_agg(json_build_array(u.lexeme, u.positions, u.weights))
        FROM unnest(first.document) u WHERE u.lexeme = ANY(%s)),
    stats.entries,
    stats.words,
    ARRAY[{hits}]
FROM first, stats
"""  # only HITS_SQL is formatted in, once per phrase


def document(texts: dict[str, str], language: str) -> tuple[str, int]:
    """An entry's tsvector (as text) and how many words it has. Each column's places follow the
    last one's with one left free, so that no phrase runs from one column into the next."""
    places = defaultdict(list)
    place = words = size = 0
    for column, weight in zip(COLUMNS, WEIGHTS, strict=True):
        for word in WORD.findall(texts[column]):
            place, words = place + 1, words + 1
            lexeme = key(word, language)
            length = len(lexeme.encode())
            if length > LONGEST_KEY or (lexeme not in places and size + length > LARGEST):
                continue
            kept = places[lexeme]
            at = min(place, LAST_PLACE)
            if len(kept) < MOST_PLACES and not (kept and kept[-1][0] == at):
                kept.append((at, weight))
                size += length + 12 if len(kept) == 1 else 8  # quotes, a place, separators
        place += 1
    vector = " ".join(
        f"{_quoted(lexeme)}:{','.join(f'{at}{weight}' for at, weight in kept)}"
        for lexeme, kept in places.items()
    )
    return vector, words


def index(entries) -> None:
    """Write each entry's document and word count (run where its texts are written)."""
    rows = [
        (*document({c: getattr(entry, c) for c in COLUMNS}, entry.language), entry.pk)
        for entry in entries
    ]
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(INDEX_SQL, rows)


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def phrases_of(groups: list[Group], language: str) -> tuple[list[tuple[str, ...]], list]:
    """The query's phrases in FTS5's order (search-rank.js `phrasesOf`): an alternative of one
    word, or one whose words stand side by side, is one phrase; others are each of their words.
    Each alternative lists its phrases' numbers."""
    phrases, query = [], []
    for group in groups:
        alternatives = []
        for words, together in group:
            parts = [words] if together or len(words) == 1 else [(word,) for word in words]
            numbers = []
            for part in parts:
                phrases.append(tuple(key(word, language) for word in part))
                numbers.append(len(phrases) - 1)
            alternatives.append(numbers)
        query.append(alternatives)
    return phrases, query


def _phrase_query(phrase: tuple[str, ...]) -> str:
    return "(" + " <-> ".join(map(_quoted, phrase)) + ")"


def _tsquery(phrases: list[tuple[str, ...]], query: list) -> str:
    return " & ".join(
        "("
        + " | ".join(
            "(" + " & ".join(_phrase_query(phrases[p]) for p in a) + ")" for a in alternatives
        )
        + ")"
        for alternatives in query
    )


def tsquery(groups: list[Group], language: str = "en") -> str:
    """Every group, each any of its alternatives, as a tsquery of keys."""
    return _tsquery(*phrases_of(groups, language))


def _occurrences(places: dict, phrase: tuple[str, ...]) -> dict[str, int]:
    """How many times the phrase is in each column (by weight), its keys side by side."""
    found = defaultdict(int)
    later = [{at for at, _ in places.get(lexeme, ())} for lexeme in phrase[1:]]
    for at, weight in places.get(phrase[0], ()):
        if all(at + n in kept for n, kept in enumerate(later, start=1)):
            found[weight] += 1
    return found


def _matched(query: list, counts: list[dict], weights: str) -> list[list[bool]]:
    there = [any(count[w] for w in weights) for count in counts]
    return [[all(there[p] for p in alternative) for alternative in group] for group in query]


def _all_match(matched: list[list[bool]]) -> bool:
    return all(any(group) for group in matched)


def _order(row, phrases, query, idf, average) -> tuple:
    """The candidate's place: tier, the title's length in the first, bm25 (search-rank.js)."""
    pk, words, title_length, _, found = row[:5]
    places = {
        lexeme: list(zip(positions, weights, strict=True))
        for lexeme, positions, weights in found or ()
    }
    counts = [_occurrences(places, phrase) for phrase in phrases]
    anywhere = _matched(query, counts, "ABC")
    tier = 0 if _all_match(_matched(query, counts, "A")) else 1
    tier = tier if tier == 0 or _all_match(_matched(query, counts, "AB")) else 2
    counted = {
        phrase
        for group, matched in zip(query, anywhere, strict=True)
        for alternative, hit in zip(group, matched, strict=True)
        if hit
        for phrase in alternative
    }
    score = 0.0
    length = 1 - B + B * words / average
    for number, count in enumerate(counts):
        frequency = sum(n * WEIGHTS[w] for w, n in count.items()) if number in counted else 0
        score += idf[number] * ((frequency * (K1 + 1)) / (frequency + K1 * length))  # as JS
    return (tier, title_length if tier == 0 else 0, -score, title_length, pk)


def ranked(groups: list[Group], *, limit: int, language: str) -> tuple[list[int], int]:
    """Ids of the publications in `language` matching every group, best first (names, then
    headings, then the rest, each by bm25), and how many there are in all."""
    phrases, query = phrases_of(groups, language)
    hits = [param for phrase in phrases for param in (language, _phrase_query(phrase))]
    lexemes = sorted({lexeme for phrase in phrases for lexeme in phrase})
    sql = RANKED_SQL.format(hits=", ".join([HITS_SQL] * len(phrases)))
    params = [_tsquery(phrases, query), language, max(limit, CANDIDATES), language, lexemes, *hits]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return [], 0
    entries, words, counted = rows[0][5], rows[0][6], rows[0][7]
    idf = []
    for hit in counted:
        value = math.log((entries - hit + 0.5) / (hit + 0.5))
        idf.append(1e-6 if value <= 0 else value)
    average = words / entries
    rows.sort(key=lambda row: _order(row, phrases, query, idf, average))
    return [row[0] for row in rows[:limit]], rows[0][3]
