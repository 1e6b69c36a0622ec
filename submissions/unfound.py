"""Counting the searches that found nothing, by their words and ISO week, and nothing else.

The search page and the search API send `conditions.search.signals.found_nothing`; this app,
which keeps what readers send, records it. Each search adds one to its (week, words) row in one
statement (an upsert), so searches at the same instant never lose a count. Hostile input cannot
grow the table without bound: the words are cut to `QUERY_LENGTH` characters, and a week holds
at most `WEEKLY_QUERIES` rows; once it is full, searches for new words are counted together in
the week's row with empty words. (Searches at the very instant the week fills may each add a
row, so on PostgreSQL a week may hold a few more; never many.)
"""

import datetime
import logging
import unicodedata

from django.db import DatabaseError, connection, transaction
from django.db.models import Sum
from django.utils import timezone

from .models import UnfoundSearch

QUERY_LENGTH = UnfoundSearch._meta.get_field("query").max_length
WEEKLY_QUERIES = 1000
OTHERS = ""  # the words of the row counting searches not listed because the week was full

logger = logging.getLogger(__name__)

TABLE = UnfoundSearch._meta.db_table
COUNT_SQL = f"""
INSERT INTO {TABLE} (week, query, searches)
SELECT %s, CASE
    WHEN EXISTS (SELECT 1 FROM {TABLE} WHERE week = %s AND query = %s)
        OR (SELECT COUNT(*) FROM {TABLE} WHERE week = %s) < %s
    THEN %s ELSE '{OTHERS}' END, 1
WHERE 1 = 1
ON CONFLICT (week, query) DO UPDATE SET searches = {TABLE}.searches + 1
"""  # noqa: S608 (no value is formatted in: only the table's name)


def normalised(query: str) -> str:
    """The words as editors see them: compatibility forms folded, lower case, single spaces,
    at most QUERY_LENGTH characters."""
    text = " ".join(unicodedata.normalize("NFKC", query).lower().split())
    return text[:QUERY_LENGTH].rstrip()


def week_of(day: datetime.date) -> datetime.date:
    """The Monday of `day`'s ISO week."""
    return day - datetime.timedelta(days=day.weekday())


def this_week() -> datetime.date:
    return week_of(timezone.localdate())


def unfound_search_count(*, query: str) -> None:
    """Add one to this week's count of searches for `query` that found nothing.

    A count is not worth a reader's answer: if the database cannot take it just now, the search
    is answered all the same and the failure logged.
    """
    words = normalised(query)
    if not words:
        return
    week = connection.ops.adapt_datefield_value(this_week())
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(COUNT_SQL, [week, week, words, week, WEEKLY_QUERIES, words])
    except DatabaseError:
        logger.warning("A search that found nothing was not counted.", exc_info=True)


def unfound_searches_this_week() -> int:
    total = UnfoundSearch.objects.filter(week=this_week()).aggregate(total=Sum("searches"))
    return total["total"] or 0


def unfound_searches_older_than(days: int):
    """The weeks that ended more than `days` days ago."""
    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    return UnfoundSearch.objects.filter(week__lte=cutoff - datetime.timedelta(days=7))
