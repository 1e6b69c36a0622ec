"""Loading the seed terms: each term missing from the site is added and published; a term
already there (by its name in its language) is never changed, so an editor's work survives."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Term
from .names import term_slug
from .services import terms_publish
from .validation import term_validate, terms_by_language


class SeedTermsRejected(Exception):
    """The seed file's terms are unusable; the message names each problem."""


@transaction.atomic
def terms_seed_load(document: dict) -> dict[str, list[str]]:
    """Add and publish the terms of `document` ({"terms": [...]}) not there yet; all or none.

    Each is checked against the terms there and the seed's earlier ones, as if each were saved
    before the next is read, then all are saved and published together (`terms_publish`)."""
    entries = document.get("terms", [])
    known = terms_by_language({entry.get("language", "en") for entry in entries})
    created, skipped, problems, new = [], [], [], []
    for number, entry in enumerate(entries, start=1):
        language = entry.get("language", "en")
        name = str(entry.get("term", ""))
        if any(other.slug == term_slug(name) for other in known[language]):
            skipped.append(name)
            continue
        term = Term(
            language=language,
            term=name,
            other_names="\n".join(entry.get("other_names", [])),
            explanation=str(entry.get("explanation", "")),
        )
        try:
            term_validate(term, known[language])
        except ValidationError as invalid:
            problems += [f"term {number} ({name or 'no name'}): {m}" for m in invalid.messages]
            continue
        known[language] = sorted([*known[language], term], key=lambda saved: saved.term.lower())
        new.append(term)
        created.append(name)
    if problems:
        raise SeedTermsRejected("\n".join(problems))
    terms_publish(terms=Term.objects.bulk_create(new), by=None)
    return {"created": created, "skipped": skipped}
