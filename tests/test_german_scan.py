"""No English left on German pages: every page a German reader can reach, and what a refused
form says, scanned for the English of every message the catalogue translates (in the visible
text and in what a screen reader or a tap reads: labels, placeholders, titles, button values)."""

import gettext
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings

from tests.html_text import visible_text
from tests.translations import GERMAN, make_original, make_translation

SPOKEN_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt", "value", "content"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


class _AttributeText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs):
        hidden_input = tag == "input" and ("type", "hidden") in attrs
        self.values += [
            value
            for name, value in attrs
            if name in SPOKEN_ATTRIBUTES and value and not hidden_input
        ]


def read_aloud(html: str) -> str:
    """The visible text and the attributes read to or shown to the reader, as one text."""
    parser = _AttributeText()
    parser.feed(html)
    return " ".join([visible_text(html), *parser.values])


def english_phrases() -> list[str]:
    """Each translated message's English, cut at its placeholders, where a piece is long enough
    to be unmistakably English (two words or more) and differs from its German."""
    mo = settings.BASE_DIR / "locale" / "de" / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as catalogue:
        messages = gettext.GNUTranslations(catalogue)._catalog  # noqa: SLF001
    phrases = set()
    for msgid, msgstr in messages.items():
        english = msgid[0] if isinstance(msgid, tuple) else msgid
        if not english or english == msgstr:
            continue
        for piece in PLACEHOLDER.split(english):
            piece = " ".join(piece.split()).strip(" .,:;“”\"'()")
            if len(piece) >= 12 and " " in piece and piece not in str(msgstr):
                phrases.add(piece)
    return sorted(phrases)


@pytest.fixture
def german_site(seeded, reviewer):
    """The seed (English), and one condition translated into German and published."""
    make_translation(make_original(), by=reviewer)


GERMAN_PAGE = f"/de/conditions/{GERMAN['slug']}/"
READS = [
    "/de/",
    "/de/search/?q=Krampf",
    "/de/search/?q=qqqqqqqq",
    "/de/ask/",
    "/de/ask/sent/",
    "/de/offline/",
    "/de/terms/",
    GERMAN_PAGE,
    f"{GERMAN_PAGE}feedback/",
    f"{GERMAN_PAGE}comments/",
    "/de/conditions/no-such-page/",
]
REFUSED_FORMS = [
    ("/de/ask/", {"text": "", "email": "not an address"}),
    (f"{GERMAN_PAGE}feedback/", {"helpful": "maybe"}),
    (f"{GERMAN_PAGE}comments/", {"text": "", "name": ""}),
]


def test_the_english_phrases_are_found_where_they_are_written(client, german_site):
    """The scan can fail: the English home page holds many of the phrases it looks for."""
    phrases = english_phrases()
    assert len(phrases) > 100
    english_home = read_aloud(client.get("/").content.decode())
    assert len([phrase for phrase in phrases if phrase in english_home]) >= 5


@pytest.mark.parametrize("url", READS)
def test_a_german_page_has_no_english_message_left(client, german_site, url):
    response = client.get(url, follow=True)
    assert response.status_code in (200, 404), url
    assert response["Content-Language"] == "de"
    text = read_aloud(response.content.decode())
    assert [phrase for phrase in english_phrases() if phrase in text] == []


@pytest.mark.parametrize(("url", "data"), REFUSED_FORMS, ids=[url for url, _ in REFUSED_FORMS])
def test_a_german_form_refused_says_why_in_german(client, german_site, url, data):
    response = client.post(url, data)
    assert response.status_code == 400, url
    text = read_aloud(response.content.decode())
    assert [phrase for phrase in english_phrases() if phrase in text] == []
