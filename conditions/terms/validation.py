"""What makes a term unusable, in words an editor can act on. Nothing is saved until none is left.

A name (the term or one of its other names) leads to one term only in a language: otherwise a
search for it, or a page using it, could not tell which explanation is meant.
"""

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower

from .names import name_words, other_names_list, term_slug

LANGUAGE_NAMES = {"en": "English", "de": "German"}


def _language(tag: str) -> str:
    return LANGUAGE_NAMES.get(tag, f"the language “{tag}”")


def _own_names_problems(term) -> list[str]:
    problems, seen = [], {name_words(term.term): term.term}
    for name in other_names_list(term.other_names):
        words = name_words(name)
        if not words:
            problems.append(f"“{name}” has no letters or digits: write the name as words.")
        elif words == name_words(term.term):
            problems.append(f"“{name}” is the term itself: list only other names here.")
        elif words in seen:
            problems.append(f"“{name}” is listed more than once: list each name once.")
        seen.setdefault(words, name)
    return problems


# What a term's checks read of the other terms.
CHECKED_FIELDS = ("language", "term", "other_names", "slug")


def other_terms(term) -> list:
    """The other terms of the term's language, as its checks read them (one query)."""
    from .models import Term

    others = Term.objects.filter(language=term.language).exclude(pk=term.pk)
    return list(others.only(*CHECKED_FIELDS).order_by(Lower("term")))


def terms_by_language(languages: set[str]) -> dict[str, list]:
    """The terms of each of `languages` as their checks read them, in the same order (one
    query): what `term_validate` checks several terms against."""
    from .models import Term

    found = {language: [] for language in languages}
    terms = Term.objects.filter(language__in=languages).only(*CHECKED_FIELDS)
    for term in terms.order_by(Lower("term")):
        found[term.language].append(term)
    return found


def _clashes(term, others: list) -> tuple[list[str], list[str]]:
    """Problems with the term and with its other names, from the other terms of its language."""
    taken = {}
    for other in others:
        for name in [other.term, *other_names_list(other.other_names)]:
            taken.setdefault(name_words(name), other.term)
    term_problems, name_problems = [], []
    owner = taken.get(name_words(term.term))
    if owner is not None and name_words(owner) == name_words(term.term):
        term_problems.append(
            f"“{owner}” is already a term in {_language(term.language)}: edit that term "
            "instead of adding it again."
        )
    elif owner is not None:
        term_problems.append(
            f"“{term.term}” is already an other name of the term “{owner}”: a name can lead "
            "to one term only. Remove it there first, or edit that term."
        )
    else:
        slug = term_slug(term.term)
        slug_owner = next((other for other in others if other.slug == slug), None)
        if slug_owner is not None:
            term_problems.append(
                f"“{term.term}” would have the same place on the Terms page "
                f"(#{slug_owner.slug}) as the term “{slug_owner.term}”: name it differently."
            )
    for name in other_names_list(term.other_names):
        owner = taken.get(name_words(name))
        if owner is not None and name_words(name):
            name_problems.append(
                f"“{name}” already leads to the term “{owner}” (as its term or one of its other "
                "names): a name can lead to one term only."
            )
    return term_problems, name_problems


def term_problems(term, others: list | None = None) -> None:
    """Raise a ValidationError naming every problem with the term's draft, by field; `others`
    are the other terms of its language if already read (`other_terms`), in their order.

    An empty term or explanation is the form's to report (its own message, once).
    """
    errors = {}
    names = _own_names_problems(term)
    if term.term.strip() and not term_slug(term.term):
        errors["term"] = ["The term needs letters or digits, for example “tremor”."]
    elif term.term.strip():
        clashes, name_clashes = _clashes(term, other_terms(term) if others is None else others)
        if clashes:
            errors["term"] = clashes
        names += name_clashes
    if names:
        errors["other_names"] = names
    if errors:
        raise ValidationError(errors)


def term_validate(term, others: list) -> None:
    """What `term.full_clean()` reports, with the other terms of its language already read: its
    fields, then `term_problems`. For a term whose slug no other term of its language has (a
    saved term, or a new one whose name is not there yet), Django's unique and constraint
    checks, a query each, can find nothing more: a clash of slugs is a problem named here."""
    errors = {}
    term.slug = term_slug(term.term)
    for check in (term.clean_fields, lambda: term_problems(term, others)):
        try:
            check()
        except ValidationError as invalid:
            errors = invalid.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
