"""Word forms: each word is compared by its Snowball stem in the page's language (spasms,
spasming: spasm; Krämpfe, Krampf: krampf).

English is close to SQLite's porter stemmer, which stems English text in its index itself.
Other languages with a stemmer here (German) are stemmed by the app on SQLite (`stemmed_text`
fills the index's stemmed table; the query's words are stemmed the same way). On PostgreSQL
every index entry and query is the app's `key` of each word (postgres.py).
"""

import functools
import re
import threading
import unicodedata

import snowballstemmer

WORD = re.compile(r"[^\W_]+")

# The page's language: its Snowball stemmer (also PostgreSQL's configuration's name). A language
# not named here is stemmed as English, as all pages were before pages had languages.
ALGORITHMS = {"en": "english", "de": "german"}
# A Snowball stemmer keeps the word it is working on in itself: each server thread needs its own.
_stemmers = threading.local()


def algorithm(language: str) -> str:
    return ALGORITHMS.get(language, "english")


def stemmed_by_app(language: str) -> bool:
    """Whether SQLite searches `language` in the app's stemmed table, not with porter."""
    return algorithm(language) != "english"


@functools.lru_cache(maxsize=20_000)
def stem(word: str, language: str = "en") -> str:
    name = algorithm(language)
    stemmer = getattr(_stemmers, name, None)
    if stemmer is None:
        stemmer = snowballstemmer.stemmer(name)
        setattr(_stemmers, name, stemmer)
    return stemmer.stemWord(word.lower())


def stemmed_text(text: str, language: str) -> str:
    """`text` as its words' stems, in order (so phrases still match), for the stemmed index."""
    return " ".join(stem(word, language) for word in WORD.findall(text.lower()))


def without_accents(word: str) -> str:
    """As SQLite's FTS5 tokenizer (remove_diacritics) and the offline app drop accents."""
    return "".join(
        c for c in unicodedata.normalize("NFD", word) if not unicodedata.category(c).startswith("M")
    )


@functools.lru_cache(maxsize=20_000)
def key(word: str, language: str = "en") -> str:
    """What the index compares a word by, as SQLite's index and the offline app (search-words.js
    `key`) do: English words stemmed without their accents (porter's place), other languages'
    stemmed by the app, their accents dropped after."""
    if stemmed_by_app(language):
        return without_accents(stem(word, language))
    return stem(without_accents(word.lower()), language)
