import datetime
import itertools

from conditions.models import Condition, Section
from conditions.services import condition_saved, publication_remove, publication_store

_numbers = itertools.count(1)


def make_condition(
    *, status=Condition.Status.PUBLISHED, sections=(), related=(), **fields
) -> Condition:
    """A valid condition, published unless told otherwise, with (kind, heading, body) sections.

    A published one is put on the public site at once, the way importing a file does.
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
    condition.save()
    for position, (kind, heading, body) in enumerate(sections, start=1):
        Section.objects.create(
            condition=condition, kind=kind, heading=heading, body=body, position=position
        )
    condition.related.add(*related)
    republish(condition)
    return condition


def republish(condition: Condition) -> None:
    """Make the site match the condition as saved, as an import does: on it if published."""
    condition_saved(condition=condition)
    if condition.status == Condition.Status.PUBLISHED:
        publication_store(condition=condition)
    else:
        publication_remove(condition=condition)
