"""The one search of the published guidance, for the search page and the API.

A search costs at most five queries whatever the amount of guidance: the published terms'
names (which widen it, expansion.py), the ranked ids, and if nothing was found the vocabulary
and the ranked ids again with typos corrected, then the published copies shown.
"""

import unicodedata
from dataclasses import dataclass, field

from django.db import connection
from django.utils.translation import gettext

from ..models import Publication
from . import expansion, postgres, sqlite, typos
from .documents import words
from .snippets import Match, best_match

MAX_QUERY_LENGTH = 200
RESULTS_SHOWN = 50
BACKENDS = {"sqlite": sqlite, "postgresql": postgres}


@dataclass(frozen=True)
class Result:
    publication: Publication
    match: Match | None


@dataclass(frozen=True)
class Found:
    query: str
    results: list[Result] = field(default_factory=list)
    count: int = 0  # how many conditions match, of which the first RESULTS_SHOWN are results
    suggestion: str = ""  # the words searched instead, when the query as typed found nothing


def query_problem(query: str) -> str:
    """Why `query` cannot be searched, in words for the reader; empty if it can."""
    if len(query) > MAX_QUERY_LENGTH:
        return gettext("Please search for at most %(count)s characters.") % {
            "count": MAX_QUERY_LENGTH
        }
    if any(unicodedata.category(character) == "Cc" for character in query):
        return gettext("Please search for words only: the search has a control character in it.")
    return ""


def search(query: str, *, language: str = expansion.PAGE_LANGUAGE) -> Found:
    """Published conditions in `language` holding every word of `query` (any form of it), best
    first.

    `query` must have no `query_problem`. When it finds nothing, each unknown word of 5 letters
    or more is corrected to a published word one typo away and the search is tried again.
    """
    query = query.strip()
    typed = list(dict.fromkeys(words(query)))
    if not typed:
        return Found(query=query)
    backend = BACKENDS[connection.vendor]
    names = expansion.published_names(language)
    searched = expansion.groups(typed, names, language)
    ids, count = backend.ranked(searched, limit=RESULTS_SHOWN, language=language)
    suggestion = ""
    if not ids:
        fixed = typos.corrected(typed)
        if fixed != typed:
            widened = expansion.groups(fixed, names, language)
            ids, count = backend.ranked(widened, limit=RESULTS_SHOWN, language=language)
            if ids:
                searched, suggestion = widened, " ".join(fixed)
    marked = expansion.searched_words(searched)
    # What a result shows is its payload: not the comments and terms beside it.
    publications = Publication.objects.only("payload").in_bulk(ids)
    results = [
        Result(publications[pk], best_match(publications[pk].payload, marked, language))
        for pk in ids
        if pk in publications
    ]
    return Found(query=query, results=results, count=count, suggestion=suggestion)


def publications_using(
    phrases: list[tuple[str, ...]], *, language: str = expansion.PAGE_LANGUAGE
) -> list[int]:
    """Ids of every published condition in `language` holding any of these phrases (in any
    word form)."""
    phrases = [words for words in phrases if words]
    if not phrases:
        return []
    group = tuple((words, True) for words in phrases)
    return BACKENDS[connection.vendor].ranked([group], limit=2**31 - 1, language=language)[0]
