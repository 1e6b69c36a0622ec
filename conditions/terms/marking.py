"""Marking the first use of each published term in a page's guidance, without changing a word.

The guidance is the lead and the sections, in reading order, as sanitized HTML. The first use
of a term (any case, with a plural -s or -es) outside a link or heading is wrapped in a link to
the term's explanation on the Terms page, with the explanation as its title: one tap, no script,
and the saved Terms page answers it offline. Only the term is marked, never its other names:
those are the patients' own words.

Publishing a page stores which terms it uses (`page_terms`); rendering it marks them
(`marked_guidance`). Both walk the text the same way, so they agree.
"""

import re

from django.utils.html import escape

TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
SPACES = r"\s+"
SKIPPED = re.compile(r"<(/?)(a|h[1-6])\b", re.IGNORECASE)


def _pattern(terms: list[dict]) -> re.Pattern | None:
    """One pattern for all terms, longest first, so "cervical dystonia" wins over "dystonia"."""
    if not terms:
        return None
    order = sorted(range(len(terms)), key=lambda i: -len(terms[i]["term"]))
    spaced = [SPACES.join(map(re.escape, term["term"].split())) for term in terms]
    alternatives = "|".join(rf"(?P<t{i}>{spaced[i]}(?:e?s)?)" for i in order)
    return re.compile(rf"(?<![\w&#])(?:{alternatives})(?!\w)", re.IGNORECASE)


def _link(text: str, term: dict, url: str) -> str:
    return (
        f'<a class="term" href="{escape(url)}#{escape(term["slug"])}" '
        f'title="{escape(term["explanation"])}">{text}</a>'
    )


def _mark(parts: list[str], terms: list[dict], url: str) -> tuple[list[str], list[dict]]:
    pattern, used, done = _pattern(terms), [], set()
    marked = []
    for part in parts:
        if pattern is None:
            marked.append(part)
            continue
        out, skipping = [], 0
        for piece in TAG_OR_TEXT.split(part):
            tag = SKIPPED.match(piece)
            if tag:
                skipping = max(0, skipping + (-1 if tag.group(1) else 1))
            if skipping or not piece or piece.startswith("<"):
                out.append(piece)
                continue
            at = 0
            for found in pattern.finditer(piece):
                index = int(found.lastgroup[1:])
                if index in done:
                    continue
                done.add(index)
                used.append(terms[index])
                out += [piece[at : found.start()], _link(found.group(), terms[index], url)]
                at = found.end()
            out.append(piece[at:])
        marked.append("".join(out))
    return marked, used


def _guidance(payload: dict) -> list[str]:
    return [payload.get("lead_html", "")] + [s.get("html", "") for s in payload["sections"]]


def page_terms(payload: dict, terms: list[dict]) -> list[dict]:
    """The terms (dicts with term, slug, explanation) the page's guidance uses, in order."""
    return _mark(_guidance(payload), terms, "")[1]


def marked_guidance(page: dict, terms: list[dict], *, url: str) -> dict:
    """`page` with the first use of each of `terms` in its lead and sections marked."""
    marked, _ = _mark(_guidance(page), terms, url)
    sections = [
        {**section, "html": html}
        for section, html in zip(page["sections"], marked[1:], strict=True)
    ]
    return {**page, "lead_html": marked[0], "sections": sections}
