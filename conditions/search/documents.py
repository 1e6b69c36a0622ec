"""What is searched of a published condition, and keeping the index and vocabulary up to date.

The publishing service calls `index_store` whenever it writes a published copy and
`index_remove` before it deletes one. Which fields are searched is conditions/content.py's to say.
"""

import html
import re

from django.db import connection

from .. import content
from .models import SearchEntry, SearchWord

WORD = re.compile(r"[^\W_]+")
TAG = re.compile(r"<[^>]*>")
VOCABULARY_LENGTHS = range(4, 101)  # typos are corrected in words of 5 letters or more, to ±1


def html_text(markup: str) -> str:
    """The text of sanitized HTML, with a space wherever a tag was (list items stay apart)."""
    return " ".join(html.unescape(TAG.sub(" ", markup or "")).split())


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def _values(payload: dict, key: str) -> list[str]:
    value = payload.get(key) or ""
    values = value if isinstance(value, list) else [value]
    return [html_text(v) if key.endswith("_html") else v for v in values]


def _is_name(field: content.ContentField) -> bool:
    return field.name == "title" or field.form is content.Form.NAMES


def head_texts(payload: dict) -> list[str]:
    """The searched text above the sections that is not a name: question, summary, lead."""
    return [
        text
        for field in content.CONTENT_FIELDS
        if field.searched and not _is_name(field)
        for text in _values(payload, field.payload_key)
    ]


def entry_texts(payload: dict) -> dict[str, str]:
    """The names, headings and body of a published payload, as SearchEntry stores them."""
    names = [
        text
        for field in content.CONTENT_FIELDS
        if field.searched and _is_name(field)
        for text in _values(payload, field.payload_key)
    ]
    body = head_texts(payload) + [link["title"] for link in payload.get("related", [])]
    body += [html_text(section.get("html", "")) for section in payload.get("sections", [])]
    headings = [section.get("heading", "") for section in payload.get("sections", [])]
    return {"names": "\n".join(names), "headings": "\n".join(headings), "body": "\n".join(body)}


def vocabulary(texts: dict[str, str]) -> set[str]:
    return {
        word
        for text in texts.values()
        for word in words(text)
        if word.isalpha() and len(word) in VOCABULARY_LENGTHS
    }


WORD_ADDED_SQL = """
INSERT INTO conditions_searchword (word, length, entries) VALUES (%s, %s, 1)
ON CONFLICT (word) DO UPDATE SET entries = conditions_searchword.entries + 1
"""
WORD_REMOVED_SQL = "UPDATE conditions_searchword SET entries = entries - 1 WHERE word = %s"


def _vocabulary_change(*, added: set[str], removed: set[str]) -> None:
    """Count each word once more or once less; plain SQL, as a page holds a thousand words."""
    with connection.cursor() as cursor:
        if removed:
            cursor.executemany(WORD_REMOVED_SQL, [(word,) for word in sorted(removed)])
            SearchWord.objects.filter(entries__lte=0).delete()
        if added:
            cursor.executemany(WORD_ADDED_SQL, [(word, len(word)) for word in sorted(added)])


def index_store(*, publication, payload: dict) -> None:
    """Make search find the published copy as `payload` says (run in the publishing write)."""
    texts = entry_texts(payload)
    entry = SearchEntry.objects.filter(publication=publication).first()
    before = vocabulary(entry_texts_of(entry)) if entry else set()
    entry = entry or SearchEntry(publication=publication)
    for field, text in texts.items():
        setattr(entry, field, text)
    entry.save()
    after = vocabulary(texts)
    _vocabulary_change(added=after - before, removed=before - after)


def index_remove(*, publications) -> None:
    """Take these published copies out of search (before they are deleted)."""
    for entry in SearchEntry.objects.filter(publication__in=publications):
        _vocabulary_change(added=set(), removed=vocabulary(entry_texts_of(entry)))
        entry.delete()


def entry_texts_of(entry: SearchEntry) -> dict[str, str]:
    return {"names": entry.names, "headings": entry.headings, "body": entry.body}
