"""Turn editor Markdown into HTML that is safe to show to patients.

Two layers, so a gap in one is caught by the other: the parser treats raw HTML as text, and nh3
then keeps only an allowlist of tags, attributes and link schemes. Images are shown as their alt
text: an image would load from another server, which breaks the offline app and leaks readers.
"""

from html import escape

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Section headings are <h2> on the page, so headings inside a body start one level below.
HIGHEST_BODY_HEADING = 3

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_parser.enable(["table", "strikethrough"])


def _image_as_text(renderer, tokens, idx, options, env):
    token = tokens[idx]
    return escape(token.content or "")


_parser.add_render_rule("image", _image_as_text)


def render_markdown(text: str) -> SafeString:
    tokens = _parser.parse(text or "")
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = max(int(token.tag[1]), HIGHEST_BODY_HEADING)
            token.tag = f"h{level}"
    html = _parser.renderer.render(tokens, _parser.options, {})
    # Safe to mark: nh3 has just reduced the HTML to the allowlist above.
    return mark_safe(  # noqa: S308
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
    )


def image_descriptions(text: str) -> list[str]:
    """The description (alt text) of each image in `text`: all that patients see of it."""
    return [
        child.content
        for token in _parser.parse(text or "")
        if token.type == "inline"
        for child in token.children or ()
        if child.type == "image"
    ]
