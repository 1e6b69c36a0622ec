import datetime
import itertools

from conditions.models import Condition, Section
from conditions.services import publication_refresh

_numbers = itertools.count(1)


def make_condition(
    *, status=Condition.Status.PUBLISHED, sections=(), related=(), **fields
) -> Condition:
    """A valid condition, published unless told otherwise, with (kind, heading, body) sections.

    It is saved the way the admin saves it, so a published one is on the public site at once.
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
    publication_refresh(condition=condition)
    return condition
