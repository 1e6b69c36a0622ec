"""Correcting a typo: one wrong, missing, extra or swapped letter in a word of 5 letters or more.

Candidates come from the vocabulary of published words (SearchWord) in one query: a word within
one edit is at most one letter longer or shorter, and keeps its first or second letter in one of
the first two places. The distance itself is checked here.
"""

from django.db.models import Q
from django.db.models.functions import Substr

from .models import SearchWord

SHORTEST_CORRECTED = 5


def within_one_edit(typed: str, word: str) -> bool:
    """True if the Damerau–Levenshtein distance (adjacent swaps) is at most 1."""
    if abs(len(typed) - len(word)) > 1:
        return False
    if len(typed) == len(word):
        differ = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
        if len(differ) <= 1:
            return True
        first, second = differ[0], differ[-1]
        return (
            len(differ) == 2
            and second == first + 1
            and (typed[first], typed[second]) == (word[second], word[first])
        )
    shorter, longer = sorted((typed, word), key=len)
    same = next(
        (i for i, (a, b) in enumerate(zip(shorter, longer)) if a != b),  # noqa: B905
        len(shorter),
    )
    return shorter[same:] == longer[same + 1 :]


def corrected(words: list[str]) -> list[str]:
    """`words` with each unknown word of 5 letters or more replaced by the most used known
    word one edit away, if there is one."""
    unknown = [w for w in words if len(w) >= SHORTEST_CORRECTED and w.isalpha()]
    if not unknown:
        return words
    near = Q()
    for word in unknown:
        starts = {word[0], word[1]}
        near |= Q(length__range=(len(word) - 1, len(word) + 1)) & (
            Q(first__in=starts) | Q(second__in=starts)
        )
    candidates = list(
        SearchWord.objects.annotate(first=Substr("word", 1, 1), second=Substr("word", 2, 1))
        .filter(near)
        .order_by("-entries", "word")
        .values_list("word", flat=True)
    )
    known = set(candidates)
    return [
        word
        if word in known or word not in unknown
        else next((c for c in candidates if within_one_edit(word, c)), word)
        for word in words
    ]
