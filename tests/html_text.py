"""Reading pages the way a patient sees them: visible text and elements, not raw markup."""

import re
from html.parser import HTMLParser

BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "nav", "header", "footer", "main", "aside", "dl", "dt", "dd", "br", "table", "tr", "td",
    "th", "blockquote", "pre", "form", "label", "button", "title",
}  # fmt: skip
HIDDEN_TAGS = {"head", "script", "style", "template"}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden_depth += 1
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden_depth -= 1
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden_depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The body text of a page with whitespace collapsed, as a reader would see it."""
    extractor = _TextExtractor()
    extractor.feed(html)
    return re.sub(r"\s+", " ", "".join(extractor.parts)).strip()


class _ElementCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag in the document with its attributes, in order."""
    collector = _ElementCollector()
    collector.feed(html)
    return collector.elements
