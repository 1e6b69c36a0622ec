"""Many conditions at once, for the tests that check a cost stays flat at 200 conditions.

`make_conditions` leaves the database as that many `make_condition` calls would, each public copy
made by the same service (`publication_store`), but writes the rows with a few bulk inserts
instead of saving each condition and working out its draft revision before publishing it. It takes
about half the time; the rest is publishing, one condition at a time, with their search entries
written together as an import writes them.
"""

import datetime
import itertools

from conditions.models import Condition, Section
from conditions.search.documents import index_in_bulk
from conditions.services import publication_store

_numbers = itertools.count(1)


def make_conditions(count: int, *, sections=(), related=()) -> list[Condition]:
    """`count` valid published conditions, each with the same (kind, heading, body) sections
    and linked to each of `related`."""
    conditions = []
    for number in itertools.islice(_numbers, count):
        condition = Condition(
            status=Condition.Status.PUBLISHED,
            title=f"Bulk condition {number}",
            slug=f"bulk-condition-{number}",
            lead=f"Lead paragraph {number}.",
            last_reviewed=datetime.date(2026, 11, 1),
            next_review_due=datetime.date(2027, 11, 1),
        )
        condition.full_clean()
        conditions.append(condition)
    Condition.objects.bulk_create(conditions)
    Section.objects.bulk_create(
        Section(condition=condition, kind=kind, heading=heading, body=body, position=position)
        for condition in conditions
        for position, (kind, heading, body) in enumerate(sections, start=1)
    )
    for other in related:
        other.related.add(*conditions)  # both ways, as Condition.related is symmetrical
    # Each publish also works out again the draft revision of the conditions linked to it.
    with index_in_bulk():
        for condition in conditions:
            publication_store(condition=condition)
    return conditions
