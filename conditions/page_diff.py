"""What publishing changes, as patients will see it: the published page and the draft, each cut
into blocks of the HTML patients are sent (a heading, a paragraph, a list item), compared block
by block, removed blocks marked `<del>` and added ones `<ins>`.

The blocks come from payloads, whose Markdown the site has already rendered and sanitized; the
plain text fields are escaped here. The result is cleaned by nh3 once more, so that nothing but
the page's own tags can reach a reviewer's browser whatever a payload holds.
"""

import difflib
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

import nh3
from django.utils.safestring import SafeString, mark_safe

from .content import Form, Place, placed
from .markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES

LISTS = {"ul", "ol"}
VOID = {"br", "hr"}
SHOWN_TAGS = ALLOWED_TAGS | {"h1", "h2", "ins", "b"}


class _Blocks(HTMLParser):
    """Top-level elements of sanitized HTML, each list item a block of its own (in its list)."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.open: list[str] = []  # the tags open now, outermost first
        self.list_tag = ""

    def _in_list(self) -> bool:
        return bool(self.open) and self.open[0] in LISTS

    def handle_starttag(self, tag, attrs):
        if not self.open and tag in LISTS:
            self.list_tag = self.get_starttag_text()
        elif not (len(self.open) == 1 and self._in_list()) or tag == "li":
            self.current.append(self.get_starttag_text())
        if tag not in VOID:
            self.open.append(tag)
        elif len(self.open) == 0:
            self._flush()

    def handle_endtag(self, tag):
        if not self.open:
            return
        self.open.pop()
        if not self.open and tag in LISTS:
            return
        self.current.append(f"</{tag}>")
        if not self.open:
            self._flush()
        elif len(self.open) == 1 and self._in_list() and tag == "li":
            self._flush(wrap=self.open[0])

    def handle_data(self, data):
        if data.strip() or (self.open and not (len(self.open) == 1 and self._in_list())):
            self.current.append(data)

    def handle_entityref(self, name):
        self.current.append(f"&{name};")

    def handle_charref(self, name):
        self.current.append(f"&#{name};")

    def _flush(self, wrap: str = ""):
        block = "".join(self.current).strip()
        if block:
            self.blocks.append(f"{self.list_tag}{block}</{wrap}>" if wrap else block)
        self.current = []


def html_blocks(markup: str) -> list[str]:
    parser = _Blocks()
    parser.feed(markup or "")
    parser.close()
    return parser.blocks


def _text_fields(payload: dict, place: Place) -> list[str]:
    blocks = []
    for field in placed(place):
        value = payload.get(field.payload_key) or ""
        if field.name == "title":
            blocks.append(f"<h1>{escape(value)}</h1>")
        elif field.form is Form.MARKDOWN:
            blocks += html_blocks(value)
        elif value:
            text = ", ".join(value) if field.form is Form.NAMES else field.shown_as.format(value)
            blocks.append(f"<p><b>{escape(field.label)}:</b> {escape(text)}</p>")
    return blocks


def page_blocks(payload: dict) -> list[str]:
    """A condition's page (a payload: a published copy or a draft's) as blocks of HTML."""
    blocks = _text_fields(payload, Place.HEAD)
    for section in payload["sections"]:
        blocks.append(f"<h2>{escape(section['heading'])}</h2>")
        blocks += html_blocks(section["html"])
    author = payload.get("author")
    if author:
        blocks.append(f"<p><b>Author:</b> {escape(author['name'])}</p>")
    blocks += _text_fields(payload, Place.TRUST)
    if payload["sources"]:
        blocks.append("<h2>Sources</h2>")
        for source in payload["sources"]:
            parts = (source[key] for key in ("title", "publisher", "year", "url") if source[key])
            blocks.append(f"<p>{escape(' · '.join(str(part) for part in parts))}</p>")
    if payload["related"]:
        blocks.append("<h2>Related conditions</h2>")
        blocks += [f"<p>{escape(link['title'])}</p>" for link in payload["related"]]
    return blocks


@dataclass(frozen=True)
class Block:
    change: str  # "added", "removed", "same", or "gap" for blocks left out
    html: SafeString


def _clean(markup: str) -> SafeString:
    attributes = {**ALLOWED_ATTRIBUTES, "del": {"class"}, "ins": {"class"}}
    cleaned = nh3.clean(
        markup, tags=SHOWN_TAGS, attributes=attributes, url_schemes=ALLOWED_URL_SCHEMES
    )
    return mark_safe(cleaned)  # noqa: S308  (nh3 has just reduced it to the page's own tags)


def page_diff(old: dict | None, new: dict, *, context: int = 1) -> list[Block]:
    """The blocks that differ between two payloads (`old` None: a first publication, all added),
    with `context` unchanged blocks around each change."""
    before, after = (page_blocks(old) if old else []), page_blocks(new)
    shown: list[Block] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if shown:
            shown.append(Block("gap", mark_safe("…")))  # noqa: S308
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                shown += [Block("same", _clean(block)) for block in before[i1:i2]]
                continue
            shown += [Block("removed", _clean(f"<del>{block}</del>")) for block in before[i1:i2]]
            shown += [Block("added", _clean(f"<ins>{block}</ins>")) for block in after[j1:j2]]
    return shown
