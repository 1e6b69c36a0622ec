"""Where each condition stands in each language, for the editors' status table: every original
by every language of `settings.LANGUAGES`, each cell one state. Read with two queries for a page
of originals however many there are (the admin's view adds the page's count)."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from .languages import language_codes
from .models import Condition

ORIGINAL_FIELDS = (
    "pk",
    "title",
    "language",
    "status",
    "publication__pk",
    "publication__content_revision",
)
TRANSLATION_FIELDS = (
    "pk",
    "original_id",
    "language",
    "status",
    "publication__pk",
    "original_revision",
)


class State(models.TextChoices):
    MISSING = "missing", _("missing")
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in-review", _("waiting for review")
    PUBLISHED = "published", _("published")
    ORIGINAL_CHANGED = "original-changed", _("original changed")


@dataclass(frozen=True)
class Cell:
    language: str
    state: State
    condition_id: int | None  # the page in this language, if there is one
    translatable: bool = False  # missing, and the original can be translated into it


def originals():
    """Every original, A to Z, as the table reads it (a page of it at a time)."""
    return Condition.objects.originals().order_by("title", "pk").values(*ORIGINAL_FIELDS)


def _state(row: dict, *, original: dict | None = None) -> State:
    if row["status"] == Condition.Status.IN_REVIEW:
        return State.IN_REVIEW
    published = original["publication__content_revision"] if original else None
    if published is not None and row["original_revision"] != published:
        return State.ORIGINAL_CHANGED
    return State.PUBLISHED if row["publication__pk"] is not None else State.DRAFT


def status_rows(page: list[dict]) -> list[tuple[dict, list[Cell]]]:
    """Each original of `page` (rows of `originals()`) with one cell per language: the original's
    own state in its language, and each translation's (or *missing*) in the others."""
    made = {
        (row["original_id"], row["language"]): row
        for row in Condition.objects.filter(original_id__in=[o["pk"] for o in page]).values(
            *TRANSLATION_FIELDS
        )
    }
    rows = []
    for original in page:
        cells = []
        for code in language_codes():
            if code == original["language"]:
                cells.append(
                    Cell(code, _state({**original, "original_revision": None}), original["pk"])
                )
                continue
            row = made.get((original["pk"], code))
            if row is None:
                live = original["publication__pk"] is not None
                cells.append(Cell(code, State.MISSING, None, translatable=live))
            else:
                cells.append(Cell(code, _state(row, original=original), row["pk"]))
        rows.append((original, cells))
    return rows
