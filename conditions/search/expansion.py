"""Other names widen a search: a published term and its other names find each other's pages.

"botox" also finds pages saying "botulinum toxin", and "botulinum toxin" pages saying "botox".
The query is widened when it is searched, from the published terms (one query), rather than
adding each term's names to the index: publishing or unpublishing a term then changes what
search finds at once, with no page to index again, and the index stays the text patients read.

A search is a list of groups, each of which must match; a group is one or more alternatives.
A typed word is a group of one; words that are a term's name (compared by stem, so "tremors"
is "tremor") become a group of the words as typed (all of them, anywhere) or any other name of
that term (as a phrase, its words side by side).
"""

from conditions.terms.models import PublishedTerm
from conditions.terms.names import name_words

from .stemming import stem

# (the words, whether they must stand side by side as a phrase)
Alternative = tuple[tuple[str, ...], bool]
Group = tuple[Alternative, ...]
PAGE_LANGUAGE = "en"  # the guidance's language until pages have languages of their own


def published_names(language: str = PAGE_LANGUAGE) -> list[list[tuple[str, ...]]]:
    """Each published term's names (the term first) as words: one query."""
    rows = PublishedTerm.objects.filter(language=language).values_list("term", "other_names")
    return [[words for words in map(name_words, [term, *others]) if words] for term, others in rows]


def _stems(words, language: str) -> tuple[str, ...]:
    return tuple(stem(word, language) for word in words)


def groups(
    typed: list[str], names: list[list[tuple[str, ...]]], language: str = PAGE_LANGUAGE
) -> list[Group]:
    """`typed` as groups, the longest name matching at each place widened to its term's names."""
    by_stems = {}
    for names_of_term in names:
        for words in names_of_term:
            by_stems.setdefault(_stems(words, language), names_of_term)
    longest = max((len(key) for key in by_stems), default=0)
    typed_stems = _stems(typed, language)
    found, at = [], 0
    while at < len(typed):
        for length in range(min(longest, len(typed) - at), 0, -1):
            names_of_term = by_stems.get(typed_stems[at : at + length])
            if names_of_term is not None:
                span = tuple(typed[at : at + length])
                others = [
                    w for w in names_of_term if _stems(w, language) != typed_stems[at : at + length]
                ]
                found.append(((span, False), *((words, True) for words in others)))
                at += length
                break
        else:
            found.append((((typed[at],), False),))
            at += 1
    return found


def plain(words: list[str]) -> list[Group]:
    """Each word a group of its own: the search as typed, widened by nothing."""
    return [(((word,), False),) for word in words]


def searched_words(found: list[Group]) -> list[str]:
    """Every word of every alternative, for marking the sentence that shows why."""
    return list(dict.fromkeys(w for group in found for words, _ in group for w in words))
