"""Searches that found nothing, made at the same instant on two server processes, are each
counted: the count is one upsert, never a read then a write."""

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote
from urllib.request import urlopen

import pytest

pytestmark = pytest.mark.every_database


def search(server, words: str) -> int:
    with urlopen(f"{server.url}/api/v1/search/?q={quote(words)}", timeout=30) as answer:  # noqa: S310
        return answer.status


def test_searches_at_the_same_instant_lose_no_count(start_server):
    first = start_server(workers=2)
    second = start_server(database_url=first.database_url, workers=2)
    servers = [first, second] * 30
    # Each server searches for each of the words, as the first (a new row) and after.
    words = ["writer's cramp", "writer's cramp", "tics", "tics"] * 15

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(search, servers, words))

    assert statuses == [200] * 60
    counts = first.query("SELECT query, searches FROM submissions_unfoundsearch ORDER BY query")
    assert counts == [("tics", 30), ("writer's cramp", 30)]
