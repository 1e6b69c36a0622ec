"""Why a condition was found: its sentence with the most searched words, marked, and where it is.

Words are compared by their Snowball stem in the page's language (stemming.py).
"""

import os
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .documents import WORD, head_texts, html_text
from .stemming import stem

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


@dataclass(frozen=True)
class Match:
    sentence: SafeString  # escaped text; only the <mark> elements are markup
    heading: str = ""  # the section's heading, empty above the sections
    anchor: str = ""


def _candidates(words: list[str], language: str) -> re.Pattern:
    """Words that may share a stem with one of `words`: those starting as its stem does."""
    starts = {os.path.commonprefix([word, stem(word, language)]) or word for word in words}
    alternatives = "|".join(sorted(map(re.escape, starts), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})[^\W_]*", re.IGNORECASE)


def _score(sentence: str, stems: set[str], candidates: re.Pattern, language: str) -> int:
    return len({stem(word, language) for word in candidates.findall(sentence)} & stems)


def marked(sentence: str, stems: set[str], language: str = "en") -> SafeString:
    parts, done = [], 0
    for word in WORD.finditer(sentence):
        if stem(word.group(), language) in stems:
            parts += [escape(sentence[done : word.start()]), f"<mark>{escape(word.group())}</mark>"]
            done = word.end()
    parts.append(escape(sentence[done:]))
    return mark_safe("".join(parts))  # noqa: S308 (every part is escaped)


def best_match(payload: dict, words: list[str], language: str = "en") -> Match | None:
    """The first sentence holding the most of `words`; None if only the names hold them."""
    stems = {stem(word, language) for word in words}
    candidates = _candidates(words, language)
    places = [("", "", text) for text in head_texts(payload)] + [
        (section["heading"], section["anchor"], section["html"])
        for section in payload.get("sections", [])
    ]
    best, best_score = None, 0
    for heading, anchor, text in places:
        first = candidates.search(text)
        if first is None:  # nor in its text, if it is a section's HTML
            continue
        if anchor:  # a section's HTML; the head's texts are text already
            text = html_text(text)
            first = candidates.search(text)
            if first is None:
                continue
        # The sentences before the first possible word score nothing.
        start = max((end.end() for end in SENTENCE_END.finditer(text, 0, first.start())), default=0)
        for sentence in SENTENCE_END.split(text[start:]):
            score = _score(sentence, stems, candidates, language)
            if score > best_score:
                best, best_score = (sentence, heading, anchor), score
                if score == len(stems):  # none can hold more: the first such is the one
                    break
        if best_score == len(stems):
            break
    if best is None:
        return None
    sentence, heading, anchor = best
    return Match(marked(sentence, stems, language), heading, anchor)
