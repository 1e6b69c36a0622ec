"""Nothing an editor types can run script or load anything in a patient's browser."""

import re

import pytest

from conditions.markdown import render_markdown
from conditions.models import Section
from tests.factories import make_condition
from tests.html_text import elements, visible_text

HOSTILE_MARKDOWN = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example.com/x.js></SCRIPT>",
    "<<script>script>alert(1)<</script>/script>",
    "<img src=x onerror=alert(1)>",
    '<a href="#" onclick="alert(1)">tap me</a>',
    '<div style="background:url(javascript:alert(1))">styled</div>',
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example.com"></iframe>',
    "<style>body { display: none }</style>",
    '<object data="https://evil.example.com/x.swf"></object>',
    '<embed src="https://evil.example.com/x.swf">',
    '<base href="https://evil.example.com/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example.com">',
    '<form action="https://evil.example.com"><input name="email"></form>',
    '<link rel="stylesheet" href="https://evil.example.com/x.css">',
    "[tap me](javascript:alert(1))",
    "[tap me](JaVaScRiPt:alert(1))",
    "[tap me](  javascript:alert(1))",
    "[tap me](&#106;avascript:alert(1))",
    "[tap me](javascript&colon;alert(1))",
    "[tap me](vbscript:msgbox(1))",
    "[tap me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[tap me][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![tracker](https://tracker.example.com/pixel.gif)",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    '[x](https://example.com "title" onmouseover="alert(1)")',
    "```html\n<script>alert(1)</script>\n```",
    "</p></section></main><script>alert(1)</script>",
]
MALFORMED_MARKDOWN = [
    "```\nan unclosed fence",
    "**unclosed bold and [an unclosed link(",
    "<div><section><main>",
    "- list\n   - badly\n - nested\n\t- tabs",
    "# " + "deep " * 2000,
    "|table|without|\n|--|\n|rows|",
    "\x07 control character \ufffd and \u202e right-to-left override",
]

FORBIDDEN_TAGS = {
    "script", "iframe", "style", "object", "embed", "img", "svg", "math", "base", "meta",
    "link", "form", "input", "frame", "frameset", "video", "audio", "source", "applet",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


def unsafe_markup(html: str) -> list[str]:
    """Every tag, attribute or URL in `html` that could run script or load something."""
    problems = []
    for tag, attrs in elements(html):
        if tag in FORBIDDEN_TAGS:
            problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                problems.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and value:
                compact = re.sub(r"[\x00-\x20]", "", value).lower()
                scheme = re.match(r"^([a-z][a-z0-9+.-]*):", compact)
                if scheme and scheme.group(1) not in SAFE_SCHEMES:
                    problems.append(f"{tag}[{name}={value}]")
    return problems


def test_the_checker_itself_flags_dangerous_markup():
    """Guard against a checker that cannot fail."""
    assert unsafe_markup('<a href=" JavaScript:x">a</a><img src=x><p onclick=x style=y>') == [
        "a[href= JavaScript:x]",
        "<img>",
        "p[onclick]",
        "p[style]",
    ]


@pytest.mark.parametrize("source", HOSTILE_MARKDOWN)
def test_hostile_markdown_renders_inert(source):
    assert unsafe_markup(render_markdown(source)) == []


@pytest.mark.parametrize("source", MALFORMED_MARKDOWN)
def test_malformed_markdown_renders_without_error(source):
    html = render_markdown(source)
    assert unsafe_markup(html) == []
    assert not re.search(r"<(div|section|main)\b", html)


def test_formatting_editors_use_survives():
    html = render_markdown(
        "## Sub-heading\n\nSome **bold** text.\n\n- first\n- second\n\n"
        "[NHS advice](https://www.nhs.uk/conditions/dystonia/)"
    )
    assert "<h3>Sub-heading</h3>" in html
    assert "<strong>bold</strong>" in html
    assert "<li>first</li>" in html
    assert (
        '<a href="https://www.nhs.uk/conditions/dystonia/" rel="noopener noreferrer">'
        "NHS advice</a>" in html
    )


def test_image_shows_its_description_instead_of_loading():
    assert render_markdown("![A leg held stiffly](https://example.com/leg.png)") == (
        "<p>A leg held stiffly</p>\n"
    )


@pytest.mark.django_db
def test_hostile_content_in_every_editor_field_is_inert_on_the_page(client):
    """Title, question, summary, lead, headings and bodies all reach the page as plain text."""
    attack = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    condition = make_condition(
        title=f"Title {attack}",
        question=f"Question {attack}",
        summary=f"Summary {attack}",
        lead="\n\n".join(HOSTILE_MARKDOWN),
        sections=[
            (Section.Kind.OTHER, f"Heading {attack}", source)
            for source in HOSTILE_MARKDOWN + MALFORMED_MARKDOWN
        ],
    )

    response = client.get(condition.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    body = html[html.index("<body") :]
    # The feedback and comment forms after the guidance are the app's own.
    assert unsafe_markup(body[: body.index('<section class="reader-prompt"')]) == []
    assert "Title <script>alert(1)</script>" in visible_text(html)
    assert "site-footer" in body, "malformed Markdown must not cut the page short"
