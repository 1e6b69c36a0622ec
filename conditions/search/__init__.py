"""Search of the published guidance: ranked, forgiving of word forms and typos, showing why.

`engine.search(query)` is the one entry point (the search page and the API call it). Each
published condition has one `SearchEntry` (its names, section headings and other text), kept by
the publishing service with the `SearchWord` vocabulary that typo correction reads. Each database
searches it with its own full-text engine: SQLite's FTS5 with the porter stemmer (`sqlite.py`),
PostgreSQL's English text search (`postgres.py`); both made by migration 0010.
"""
