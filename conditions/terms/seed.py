"""Loading the seed terms: each term missing from the site is added and published; a term
already there (by its name in its language) is never changed, so an editor's work survives."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Term
from .names import term_slug
from .services import term_publish


class SeedTermsRejected(Exception):
    """The seed file's terms are unusable; the message names each problem."""


@transaction.atomic
def terms_seed_load(document: dict) -> dict[str, list[str]]:
    """Add and publish the terms of `document` ({"terms": [...]}) not there yet; all or none."""
    created, skipped, problems = [], [], []
    for number, entry in enumerate(document.get("terms", []), start=1):
        language = entry.get("language", "en")
        name = str(entry.get("term", ""))
        if Term.objects.filter(language=language, slug=term_slug(name)).exists():
            skipped.append(name)
            continue
        term = Term(
            language=language,
            term=name,
            other_names="\n".join(entry.get("other_names", [])),
            explanation=str(entry.get("explanation", "")),
        )
        try:
            term.full_clean()
        except ValidationError as invalid:
            problems += [f"term {number} ({name or 'no name'}): {m}" for m in invalid.messages]
            continue
        term.save()
        term_publish(term=term, by=None)
        created.append(name)
    if problems:
        transaction.set_rollback(True)
        raise SeedTermsRejected("\n".join(problems))
    return {"created": created, "skipped": skipped}
