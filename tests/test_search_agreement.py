"""The agreement table (tests/search_agreement.py) on the server's search, and the installed
app's search (static/frontend/js/search-rank.js, run by Node) over the offline search entries
the server sends, in English and German: both find the expected condition first, and the same
first three."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from conditions.search.engine import search
from tests.search_agreement import AGREEMENT, GERMAN_AGREEMENT, add_content

RUNNER = Path(__file__).with_name("offline_search_runner.mjs")
TABLES = {"en": AGREEMENT, "de": GERMAN_AGREEMENT}
ROWS = [(language, *row) for language, table in TABLES.items() for row in table]


@pytest.fixture(scope="module")
def agreement_content(django_db_setup, django_db_blocker):
    """The seed and the table's conditions, written once for the module's tests (each runs
    inside this transaction and rolls back its own writes) and rolled back after the last."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_seed_content", verbosity=0)
        add_content()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def content(agreement_content, db):
    pass


def offline_answers(client, queries: list[str], language: str) -> dict:
    """What the app finds with the saved copy of a reader of `language` (its manifest's)."""
    manifest = client.get("/api/v1/offline-manifest/", {"lang": language}).json()
    urls = [entry["url"] for entry in manifest["entries"]]
    entries = [client.get(url).json() for url in urls if "/offline-search/conditions/" in url]
    pages = {entry["url"]: client.get(entry["url"]).content.decode() for entry in entries}
    names = client.get("/api/v1/offline-search/names/", {"lang": language}).json()["names"]
    node = shutil.which("node")
    assert node, "Node is missing: `make test` installs Debian's nodejs."
    run = subprocess.run(
        [node, str(RUNNER)],
        input=json.dumps(
            {
                "entries": entries,
                "pages": pages,
                "names": names,
                "queries": queries,
                "language": language,
            }
        ),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


@pytest.mark.parametrize(
    ("language", "query", "kind", "first"), ROWS, ids=[f"{row[0]}-{row[1]}" for row in ROWS]
)
def test_the_server_finds_the_expected_condition_first(content, language, query, kind, first):
    found = [result.publication.slug for result in search(query, language=language).results]
    assert found[:1] == [first], (kind, found)


@pytest.mark.parametrize("language", TABLES)
def test_the_offline_search_agrees_with_the_server(content, client, language):
    assert len(AGREEMENT) + len(GERMAN_AGREEMENT) >= 40
    table = TABLES[language]
    offline = offline_answers(client, [query for query, *_ in table], language)
    disagreements = []
    for query, kind, first in table:
        online = search(query, language=language)
        server = [result.publication.slug for result in online.results]
        found = offline[query]
        if found["slugs"][:3] != server[:3] or found["slugs"][:1] != [first]:
            disagreements.append((query, kind, first, found["slugs"][:3], server[:3]))
        elif found["suggestion"] != online.suggestion:
            disagreements.append((query, kind, found["suggestion"], online.suggestion))
    assert disagreements == []
