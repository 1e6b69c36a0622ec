"""Accessibility of what editors write, checked as the admin's preview shows it.

The rules follow Wagtail's accessibility checker (its axe-core rules `heading-order`,
`empty-heading`, `empty-table-header`, `link-name`, and its own `link-text-quality`), with two of
the NHS content standards added: no text in capitals, and images that say what they show.

Only the editor's content is read: the condition's rendered Markdown and text fields, each
section's heading and body. The page the site wraps around them (the title, the contents list,
"Click here to ask us a specific question.", the forms) is the project's own and never reported.
A heading's level is judged where it sits on the page: the lead follows the page's title (level
1), a section's body follows the section heading (level 2).

Like the readability checks, these only advise: nothing here stops a save or a publish.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from . import content, readability
from .markdown import HIGHEST_BODY_HEADING, image_descriptions
from .services import condition_payload

VAGUE_LINK_TEXTS = {
    "click",
    "click here",
    "continue",
    "find out more",
    "go",
    "here",
    "learn more",
    "link",
    "more",
    "more info",
    "more information",
    "read more",
    "see more",
    "this",
    "this link",
    "this page",
}
BARE_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
CAPITALS_RUN_WORDS = 4  # fewer capitals in a row are abbreviations (NHS, THC, CBD, MD)
_WORD = re.compile(r"\S+")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Issue:
    """One problem: where it is (a field or section as the form names it), what it is, the text
    concerned and how to fix it."""

    where: str
    problem: str
    found: str
    fix: str


@dataclass
class _Element:
    tag: str
    attrs: dict
    text: list


class _Markup(HTMLParser):
    """The headings, links and tables of a piece of sanitized HTML, in order."""

    CAPTURED = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "th"}

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.open: list[_Element] = []
        self.headings: list[tuple[int, str]] = []
        self.links: list[tuple[str, str]] = []
        self.tables: list[list[str]] = []  # each table's header cells' text
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag in self.CAPTURED:
            self.open.append(_Element(tag, dict(attrs), []))

    def handle_endtag(self, tag):
        if not self.open or self.open[-1].tag != tag:
            return
        element = self.open.pop()
        text = " ".join("".join(element.text).split())
        if tag == "a":
            self.links.append((element.attrs.get("href") or "", text))
        elif tag == "th" and self.tables:
            self.tables[-1].append(text)
        elif tag != "th":
            self.headings.append((int(tag[1]), text))

    def handle_data(self, data):
        for element in self.open:
            element.text.append(data)


def _heading_issues(where: str, headings, *, follows: int) -> list[Issue]:
    issues, previous = [], follows
    for level, text in headings:
        if not text:
            issues.append(
                Issue(
                    where,
                    "Empty sub-heading",
                    "#" * level,
                    "Screen readers announce a heading with nothing in it. Write the heading "
                    "after the #s, or delete the line.",
                )
            )
        if level > previous + 1 and follows == 1:
            issues.append(
                Issue(
                    where,
                    "Sub-heading under the page title",
                    text,
                    "In the lead a sub-heading comes straight after the page’s title, skipping "
                    "the level of section headings. Make it a section of its own instead.",
                )
            )
        elif level > previous + 1:
            issues.append(
                Issue(
                    where,
                    f"Heading level skipped: level {level} after level {previous}",
                    text,
                    f"People who move through a page by its headings lose their place. Start "
                    f"this line with {'#' * (previous + 1)} instead of {'#' * level}.",
                )
            )
        previous = level
    return issues


def _link_issues(where: str, links) -> list[Issue]:
    issues = []
    for href, text in links:
        said = text.lower().strip(" .,:;!?…")
        if not said:
            problem, fix = "Link without text", "Write what the link leads to between the [ ]."
        elif said in VAGUE_LINK_TEXTS or said.startswith("click here"):
            problem = "Link text does not say where it leads"
            fix = (
                "People who list a page’s links hear only this text. Say where the link leads, "
                "for example “the NHS page on dystonia”, instead of “click here” or “read more”."
            )
        elif href.startswith(("http:", "https:")) and BARE_ADDRESS.match(text):
            problem = "A bare address as link text"
            fix = (
                "Screen readers read an address out character by character. Write the name of "
                "the page or organisation between the [ ] instead."
            )
        else:
            continue
        issues.append(Issue(where, problem, text or href, fix))
    return issues


def _table_issues(where: str, tables) -> list[Issue]:
    issues = []
    for number, headers in enumerate(tables, start=1):
        if not any(headers):
            issues.append(
                Issue(
                    where,
                    "Table without column headings",
                    f"table {number}",
                    "Screen readers name each cell by its column heading. Write a heading in "
                    "each cell of the table’s first row.",
                )
            )
        elif not all(headers):
            issues.append(
                Issue(
                    where,
                    "Table with an empty column heading",
                    f"table {number}",
                    "Write a heading in each cell of the table’s first row.",
                )
            )
    return issues


def capital_runs(text: str) -> list[str]:
    """Runs of CAPITALS_RUN_WORDS or more words written in capitals, each as it is written.

    Numbers and one-letter words neither count nor end a run ("CALL 999 NOW IF YOU CAN").
    """
    runs, run, capitals = [], [], 0
    for token in [*_WORD.findall(text), ""]:
        letters = "".join(_LETTERS.findall(token))
        if token and len(letters) < 2 and (not letters or letters.isupper()):
            if run:
                run.append(token)
            continue
        if token and letters.isupper():
            run.append(token)
            capitals += 1
            continue
        if capitals >= CAPITALS_RUN_WORDS:
            runs.append(" ".join(run))
        run, capitals = [], 0
    return runs


def _capitals_issues(where: str, text: str) -> list[Issue]:
    return [
        Issue(
            where,
            "Text in capitals",
            run,
            "Capitals are harder to read, and some screen readers spell them out letter by "
            "letter. Write it in ordinary sentence case; use bold (**…**) for emphasis.",
        )
        for run in capital_runs(text)
    ]


def _image_issues(where: str, markdown: str) -> list[Issue]:
    return [
        Issue(
            where,
            "Image without a description",
            "![](…)",
            "Images are never loaded on the site (they would not work offline); patients see "
            "only the description between the [ ], and this image has none. Describe what it "
            "shows, or remove it.",
        )
        for description in image_descriptions(markdown)
        if not description.strip()
    ]


def markup_issues(where: str, markup: str, *, follows: int) -> list[Issue]:
    """The problems of one piece of rendered Markdown whose headings follow a heading of level
    `follows` on the page."""
    found = _Markup(markup)
    return [
        *_heading_issues(where, found.headings, follows=follows),
        *_link_issues(where, found.links),
        *_table_issues(where, found.tables),
        *_capitals_issues(where, readability.plain_text(markup)),
    ]


def condition_issues(condition) -> list[Issue]:
    """Every problem of the condition's saved draft, in the order of the page."""
    payload = condition_payload(condition)
    issues = []
    for field in content.placed(content.Place.HEAD):
        value = payload[field.payload_key] or ""
        if field.form is content.Form.MARKDOWN:
            issues += markup_issues(field.label, value, follows=1)
            issues += _image_issues(field.label, getattr(condition, field.name))
        elif field.form is content.Form.TEXT and field.name != "slug":
            issues += _capitals_issues(field.label, value)
    bodies = [section.body for section in condition.sections.all()]
    for section, body in zip(payload["sections"], bodies, strict=True):
        where = section_name(section["heading"])
        issues += _capitals_issues(where, section["heading"])
        issues += markup_issues(where, section["html"], follows=HIGHEST_BODY_HEADING - 1)
        issues += _image_issues(where, body)
    for field in content.placed(content.Place.TRUST):
        issues += _capitals_issues(field.label, payload[field.payload_key] or "")
    return issues


def section_name(heading: str) -> str:
    """A section as the checks name it (the readability checks too)."""
    return f"Section “{heading}”"
