"""A term's names as words: how other names are written (one a line) and compared."""

import re

from django.utils.text import slugify

WORD = re.compile(r"[^\W_]+")


def name_words(name: str) -> tuple[str, ...]:
    """The lower-case words of a name: "Wry neck" and "wry  neck" are the same name."""
    return tuple(WORD.findall(name.lower()))


def other_names_list(text: str) -> list[str]:
    """The other names as an editor wrote them, one a line, blank lines and spaces left out."""
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def term_slug(term: str) -> str:
    return slugify(term)


def draft_copy(term) -> dict:
    """What patients would see of the term if its draft were published now."""
    return {
        "language": term.language,
        "term": " ".join(term.term.split()),
        "slug": term_slug(term.term),
        "other_names": other_names_list(term.other_names),
        "explanation": " ".join(term.explanation.split()),
    }
