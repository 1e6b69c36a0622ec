"""Many conditions at once, for the tests that check a cost stays flat at 200 conditions.

`make_conditions` writes them as an import of new conditions does (conditions/bulk.py): rows,
history, published copies and search entries in a few statements. A condition they link to that
was on the site before is published again, as a reviewer would, so that its page lists them.
"""

import datetime
import itertools

from conditions.bulk import conditions_create_as_status
from conditions.drafts import Draft
from conditions.models import Condition
from conditions.services import publication_store

_numbers = itertools.count(1)


def make_conditions(count: int, *, sections=(), related=()) -> list[Condition]:
    """`count` valid published conditions, each with the same (kind, heading, body) sections
    and linked to each of `related`."""
    drafts = []
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
        rows = [
            {"kind": kind, "heading": heading, "body": body, "position": position}
            for position, (kind, heading, body) in enumerate(sections, start=1)
        ]
        drafts.append(Draft(condition=condition, sections=rows, sources=[]))
    conditions = conditions_create_as_status(
        drafts=drafts,
        links={draft.condition.slug: [other.slug for other in related] for draft in drafts},
        comment="Made by the tests.",
    )
    for other in related:
        publication_store(condition=other)
    return conditions


def make_translations(originals: list[Condition], language: str = "de") -> list[Condition]:
    """A published translation of each original in `language`, written as an import of new
    translations writes them (the originals' pages then list them)."""
    drafts = [
        Draft(
            condition=Condition(
                language=language,
                original=original,
                status=Condition.Status.PUBLISHED,
                title=f"Übersetzt {original.pk}",
                slug=f"uebersetzt-{original.pk}",
                lead="Ein Absatz.",
                last_reviewed=datetime.date(2026, 11, 1),
                next_review_due=datetime.date(2027, 11, 1),
            ),
            sections=[],
            sources=[],
        )
        for original in originals
    ]
    return conditions_create_as_status(drafts=drafts, links={}, comment="Made by the tests.")
