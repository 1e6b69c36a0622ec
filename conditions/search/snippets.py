"""Why a condition was found: its sentence with the most searched words, marked, and where it is.

Words are compared by their Snowball English stem (spasms, spasming: spasm), which is what
PostgreSQL's English search uses and close to SQLite's porter stemmer.
"""

import functools
import os
import re
import threading
from dataclasses import dataclass

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .documents import WORD, head_texts, html_text

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
# A Snowball stemmer keeps the word it is working on in itself: each server thread needs its own.
_stemmers = threading.local()


@functools.lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    if not hasattr(_stemmers, "english"):
        _stemmers.english = snowballstemmer.stemmer("english")
    return _stemmers.english.stemWord(word.lower())


@dataclass(frozen=True)
class Match:
    sentence: SafeString  # escaped text; only the <mark> elements are markup
    heading: str = ""  # the section's heading, empty above the sections
    anchor: str = ""


def _candidates(words: list[str]) -> re.Pattern:
    """Words that may share a stem with one of `words`: those starting as its stem does."""
    starts = {os.path.commonprefix([word, stem(word)]) or word for word in words}
    alternatives = "|".join(sorted(map(re.escape, starts), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})[^\W_]*", re.IGNORECASE)


def _score(sentence: str, stems: set[str], candidates: re.Pattern) -> int:
    return len({stem(word) for word in candidates.findall(sentence)} & stems)


def marked(sentence: str, stems: set[str]) -> SafeString:
    parts, done = [], 0
    for word in WORD.finditer(sentence):
        if stem(word.group()) in stems:
            parts += [escape(sentence[done : word.start()]), f"<mark>{escape(word.group())}</mark>"]
            done = word.end()
    parts.append(escape(sentence[done:]))
    return mark_safe("".join(parts))  # noqa: S308 (every part is escaped)


def best_match(payload: dict, words: list[str]) -> Match | None:
    """The first sentence holding the most of `words`; None if only the names hold them."""
    stems = {stem(word) for word in words}
    candidates = _candidates(words)
    places = [("", "", text) for text in head_texts(payload)] + [
        (section["heading"], section["anchor"], section["html"])
        for section in payload.get("sections", [])
    ]
    best, best_score = None, 0
    for heading, anchor, text in places:
        if anchor:  # a section's HTML; the head's texts are text already
            text = html_text(text)
        if not candidates.search(text):
            continue
        for sentence in SENTENCE_END.split(text):
            score = _score(sentence, stems, candidates)
            if score > best_score:
                best, best_score = (sentence, heading, anchor), score
                if score == len(stems):  # none can hold more: the first such is the one
                    break
        if best_score == len(stems):
            break
    if best is None:
        return None
    sentence, heading, anchor = best
    return Match(marked(sentence, stems), heading, anchor)
