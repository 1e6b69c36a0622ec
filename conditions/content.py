"""The text of a condition, described once.

Every text field an editor writes on a condition is one `ContentField` in CONTENT_FIELDS: how it
is labelled, how patients are sent it, where it sits on the page, and whether the list of
conditions shows it and search reads it. The admin's form and search, the API's serializers,
import and export, the history's text, and the published copy's search text and listing revision
all derive from this list. A new text field is the model field, its migration, the template
that shows it, and one line here.

Sections, sources, the author and related conditions are rows of their own and are not listed.
"""

import enum
from dataclasses import dataclass

from rest_framework import serializers

from .markdown import render_markdown


class Form(enum.Enum):
    TEXT = "text"  # a line or paragraphs of plain text, sent as they are
    NAMES = "names"  # one name per line; sent as a list of names
    MARKDOWN = "markdown"  # sent as sanitized HTML, under `<name>_html`


class Place(enum.Enum):
    HEAD = "head"  # above the sections: the page's title, names and introduction
    TRUST = "trust"  # below the author: what a reader should know about who wrote it


@dataclass(frozen=True)
class ContentField:
    name: str
    label: str
    form: Form = Form.TEXT
    place: Place = Place.HEAD
    listed: bool = False  # in the list of conditions (and so its revision)
    searched: bool = False
    shown_as: str = "{}"  # how the history shows the value, for example as an address
    sentences: bool = False  # written in sentences: its reading age is checked (readability.py)

    @property
    def payload_key(self) -> str:
        return f"{self.name}_html" if self.form is Form.MARKDOWN else self.name

    def from_document(self, value: str | list[str]) -> str:
        """A value from an imported document as the model stores it."""
        return "\n".join(value) if self.form is Form.NAMES else value

    def api_field(self) -> serializers.Field:
        """How the API describes this field when a serializer cannot take it from the model."""
        # DRF refuses a source that repeats the field's name.
        source = {} if self.payload_key == self.name else {"source": self.name}
        if self.form is Form.NAMES:
            return NamesField(help_text=f"{self.label}: other names patients use.", **source)
        return MarkdownField(help_text=f"The {self.label.lower()} as sanitized HTML.", **source)


def names(text: str) -> list[str]:
    return [name.strip() for name in text.splitlines() if name.strip()]


class NamesField(serializers.ListField):
    child = serializers.CharField()

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, text):
        return names(text)


class MarkdownField(serializers.CharField):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, text):
        return str(render_markdown(text))


CONTENT_FIELDS = (
    ContentField("title", "Title", listed=True, searched=True),
    ContentField("slug", "Address", listed=True, shown_as="/conditions/{}/"),
    ContentField("also_called", "Also called", Form.NAMES, listed=True, searched=True),
    ContentField("question", "Question", listed=True, searched=True, sentences=True),
    ContentField("summary", "Summary", listed=True, searched=True, sentences=True),
    ContentField("lead", "Lead", Form.MARKDOWN, listed=True, searched=True, sentences=True),
    ContentField(
        "conflict_of_interest", "Conflicts of interest", place=Place.TRUST, sentences=True
    ),
)

CONTENT_NAMES = tuple(field.name for field in CONTENT_FIELDS)
LISTING_KEYS = tuple(field.payload_key for field in CONTENT_FIELDS if field.listed)
SEARCHED_KEYS = tuple(field.payload_key for field in CONTENT_FIELDS if field.searched)


def placed(place: Place) -> tuple[ContentField, ...]:
    return tuple(field for field in CONTENT_FIELDS if field.place is place)


def payload_order(*, between: tuple[str, ...], after: tuple[str, ...]) -> tuple[str, ...]:
    """A payload's keys in the order of the page: head, `between`, trust fields, `after`."""
    return (
        *(field.payload_key for field in placed(Place.HEAD)),
        *between,
        *(field.payload_key for field in placed(Place.TRUST)),
        *after,
    )
