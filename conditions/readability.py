"""How easily patients can read a condition's text: advice for editors and reviewers.

Reading ages come from textstat's formulas, never our own. A formula gives a school grade (the
US grade, or the German Schulstufe); the reading age is that grade plus 5, as children start
grade 1 at about 6. English is scored with Flesch–Kincaid and SMOG and the reading age follows
the higher (stricter) of the two; German with the first Wiener Sachtextformel, the one for
factual text. Long sentences (over 25 words) and words patients may not know (textstat's
difficult words: two or more syllables and not in its list of common words) are pointed out with
where they are.

The checks only advise: nothing here refuses a save. `services.condition_publish` asks a reviewer
for a reason when the page is above the target.

Text is scored as patients read it: Markdown rendered, tags stripped, and each paragraph, list
item and sub-heading ended as a sentence, so that a list is not read as one long sentence.
Titles, headings and names are labels, not sentences: they say where a check is, and are not
scored.
"""

import html
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from django.conf import settings
from django.utils.html import strip_tags
from textstat.textstat import textstatistics

from . import content
from .markdown import render_markdown

LONG_SENTENCE_WORDS = 25
GRADE_TO_AGE = 5  # grade 1 is read at about 6

# The same pattern textstat counts sentences with, so that what is pointed out matches the score.
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|td|th|dt|dd)>|<br\s*/?>", re.IGNORECASE)


@cache
def _textstat(language: str) -> textstatistics:
    """A textstat of its own for each language: `set_lang` on the shared one would be seen by
    every thread."""
    stats = textstatistics()
    stats.set_lang(language)
    return stats


@cache
def _has_common_words(language: str) -> bool:
    """Whether textstat has a list of common words in `language` (it has English and Spanish)."""
    root = language.split("_")[0].split("-")[0]
    return resources.files("textstat").joinpath(f"resources/{root}/easy_words.txt").is_file()


def plain_text(markup: str) -> str:
    """HTML as patients read it: one line per paragraph, list item or heading, each ending a
    sentence."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", markup)))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(
        line if line[-1] in ".!?" else line.rstrip(":;,") + "." for line in lines if line
    )


def markdown_text(markdown: str) -> str:
    return plain_text(str(render_markdown(markdown)))


@dataclass(frozen=True)
class ReadingAge:
    grades: dict[str, float]  # each formula's grade, by its name

    @property
    def age(self) -> float:
        return round(max(self.grades.values()) + GRADE_TO_AGE, 1)


def reading_age(text: str, language: str = "en") -> ReadingAge | None:
    """The reading age of plain text, None if it has no words."""
    stats = _textstat(language)
    if not text.strip() or stats.lexicon_count(text) == 0:
        return None
    if language.startswith("de"):
        return ReadingAge({"Wiener Sachtextformel": stats.wiener_sachtextformel(text, 1)})
    return ReadingAge(
        {
            "Flesch–Kincaid": stats.flesch_kincaid_grade(text),
            "SMOG": stats.smog_index(text),
        }
    )


def sentences(text: str) -> list[str]:
    return [match.strip() for match in _SENTENCE.findall(text) if match.strip()]


def long_sentences(text: str, language: str = "en") -> list[str]:
    """Sentences of more than LONG_SENTENCE_WORDS words, in order."""
    return [sentence for _, sentence in numbered_long_sentences(text, language)]


def numbered_long_sentences(text: str, language: str = "en") -> list[tuple[int, str]]:
    """The long sentences with where they are: each one's number among the text's sentences,
    counting from 1."""
    stats = _textstat(language)
    return [
        (number, sentence)
        for number, sentence in enumerate(sentences(text), start=1)
        if stats.lexicon_count(sentence) > LONG_SENTENCE_WORDS
    ]


def unfamiliar_words(text: str, language: str = "en") -> list[str]:
    """textstat's difficult words, each once, in the order they first appear.

    None for a language textstat has no list of common words for: its fallback, the English
    list, would call every word of German text unfamiliar.
    """
    if not _has_common_words(language):
        return []
    seen, words = set(), []
    for word in _textstat(language).difficult_words_list(text, unique=False):
        if word.lower() not in seen:
            seen.add(word.lower())
            words.append(word)
    return words


@dataclass(frozen=True)
class Check:
    """The checks of one field or section, named as the editor sees it."""

    where: str
    reading_age: ReadingAge | None
    long_sentences: list[str]
    unfamiliar_words: list[str]


def check(where: str, text: str, language: str = "en") -> Check:
    return Check(
        where=where,
        reading_age=reading_age(text, language),
        long_sentences=long_sentences(text, language),
        unfamiliar_words=unfamiliar_words(text, language),
    )


@dataclass(frozen=True)
class Report:
    """A page's checks: the whole page's reading age against the target, and each part's."""

    reading_age: ReadingAge | None
    target: int
    parts: list[Check] = field(default_factory=list)

    @property
    def above_target(self) -> bool:
        return self.reading_age is not None and self.reading_age.age > self.target

    @property
    def long_sentences(self) -> list[tuple[str, str]]:
        return [(part.where, s) for part in self.parts for s in part.long_sentences]

    @property
    def unfamiliar_words(self) -> list[tuple[str, list[str]]]:
        return [(part.where, part.unfamiliar_words) for part in self.parts if part.unfamiliar_words]


def checked_fields() -> tuple[content.ContentField, ...]:
    """The condition's fields written in sentences (not its title, address or names)."""
    return tuple(f for f in content.CONTENT_FIELDS if f.sentences)


def field_text(content_field: content.ContentField, value: str, *, rendered: bool) -> str:
    """A field's plain text: `value` is the model's (Markdown) or, if `rendered`, the payload's
    (sanitized HTML)."""
    if content_field.form is content.Form.MARKDOWN:
        return plain_text(value) if rendered else markdown_text(value)
    return value


def page_language(payload: dict) -> str:
    """The language of a page; English until pages carry one."""
    return payload.get("language") or "en"


def payload_report(payload: dict, *, language: str | None = None) -> Report:
    """The checks of a condition as `services.condition_payload` describes it: its text fields
    above and below the sections, each section, and the whole page."""
    language = language or page_language(payload)
    texts = [
        (f.label, field_text(f, payload[f.payload_key] or "", rendered=True))
        for f in checked_fields()
        if f.place is content.Place.HEAD
    ]
    texts += [
        (f"Section “{section['heading']}”", plain_text(section["html"]))
        for section in payload["sections"]
    ]
    texts += [
        (f.label, field_text(f, payload[f.payload_key] or "", rendered=True))
        for f in checked_fields()
        if f.place is content.Place.TRUST
    ]
    texts = [(where, text) for where, text in texts if text.strip()]
    return Report(
        reading_age=reading_age("\n".join(text for _, text in texts), language),
        target=settings.READING_AGE_TARGET,
        parts=[check(where, text, language) for where, text in texts],
    )
