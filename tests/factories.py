import datetime
import itertools

from conditions.drafts import condition_save, publication_match_status
from conditions.models import Condition

_numbers = itertools.count(1)


def make_condition(
    *, status=Condition.Status.PUBLISHED, sections=(), sources=(), related=(), **fields
) -> Condition:
    """A valid condition, published unless told otherwise, with (kind, heading, body) sections
    and (title, url) sources.

    Saved as an import saves it, so a published one is put on the public site at once.
    """
    number = next(_numbers)
    defaults = {
        "title": f"Condition {number}",
        "slug": f"condition-{number}",
        "lead": f"Lead paragraph {number}.",
        "last_reviewed": datetime.date(2026, 11, 1),
        "next_review_due": datetime.date(2027, 11, 1),
    }
    condition = Condition(status=status, **{**defaults, **fields})
    condition.full_clean()
    condition_save(
        condition=condition,
        sections=[
            {"kind": kind, "heading": heading, "body": body, "position": position}
            for position, (kind, heading, body) in enumerate(sections, start=1)
        ],
        sources=[
            {"title": title, "url": url, "position": position}
            for position, (title, url) in enumerate(sources, start=1)
        ],
        related=related,
        by=None,
        comment="Made for a test.",
    )
    publication_match_status(condition=condition)
    return condition


def republish(condition: Condition) -> None:
    """After a test changed a condition's rows directly: save it as an import does, so the site
    matches it (it is on the site if, and only if, it is published)."""
    saved = condition_save(condition=condition, by=None, comment="Changed by a test.")
    publication_match_status(condition=saved)


def make_term(term: str, *others: str, explanation: str = "", published: bool = True):
    """A valid term with these other names, published (as the seed content is) unless told not."""
    from conditions.terms.models import Term
    from conditions.terms.services import term_publish

    made = Term(
        term=term,
        other_names="\n".join(others),
        explanation=explanation or f"A plain explanation of {term}.",
    )
    made.full_clean()
    made.save()
    if published:
        term_publish(term=made, by=None)
    return made
