"""The installed app's copy of a condition page (frontend/page_parts.py): the page less what
every page repeats, which the phone keeps once; the worker's composition gives back the
server's page byte for byte (frontend/service_worker/page-parts.js, run by Node here)."""

from conditions.models import Condition, Publication
from frontend.page_parts import PARTS, page_composed
from tests.factories import make_condition
from tests.node_script import node_json

PARTS_URL = "/api/v1/offline-parts/"
COMPOSE = """
import { readFileSync } from "node:fs";
import { composePage } from "./frontend/service_worker/page-parts.js";
const { copies, parts } = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(copies.map(([copy, lang]) => composePage(copy, parts[lang]))));
"""


def pages_and_copies(client) -> list[tuple[str, str, str, str]]:
    """(url, language, page, copy) of every published condition."""
    found = []
    for publication in Publication.objects.order_by("pk"):
        url = publication.payload["page_url"]
        copy = client.get(f"{url}?copy=offline")
        assert copy["X-Page-Parts"] == PARTS_URL + (
            "" if publication.language == "en" else f"?lang={publication.language}"
        )
        found.append(
            (url, publication.language, client.get(url).content.decode(), copy.content.decode())
        )
    return found


def test_a_pages_copy_holds_each_part_once_and_composes_to_the_page(client, seeded, reviewer):
    from tests.translations import make_translation

    make_translation(Condition.objects.get(slug="severe-or-persistent-muscle-spasms"), by=reviewer)
    make_condition(title='Tics & "twitches" <b>', slug="feedback")  # a slug in the forms' paths
    parts = {lang: client.get(PARTS_URL, {"lang": lang}).json() for lang in ("en", "de")}
    found = pages_and_copies(client)

    assert set(parts["en"]) == set(PARTS)
    assert parts["de"]["top"] != parts["en"]["top"]  # the header in German
    for url, language, page, copy in found:
        assert page_composed(copy, parts[language]) == page, url
        assert copy.count("<template data-part=") == len(PARTS), url
        assert len(copy) < len(page) * 0.7, url
    composed = node_json(
        COMPOSE, {"copies": [(copy, lang) for _, lang, _, copy in found], "parts": parts}
    )
    assert composed == [page for _, _, page, _ in found]


def test_the_manifest_lists_the_parts_and_each_pages_copy_as_its_source(client, seeded):
    body = client.get("/api/v1/offline-manifest/").json()
    entries = {entry["url"]: entry for entry in body["entries"]}
    page = "/conditions/severe-or-persistent-muscle-spasms/"

    assert entries[page]["source"] == f"{page}?copy=offline"
    copy = client.get(entries[page]["source"])
    assert copy["ETag"] == f'"{entries[page]["revision"]}"'
    assert len(copy.content) == entries[page]["bytes"]
    parts = client.get(PARTS_URL)
    assert parts["ETag"] == f'"{entries[PARTS_URL]["revision"]}"'
    assert len(parts.content) == entries[PARTS_URL]["bytes"]
    assert not any(
        "source" in entry
        for url, entry in entries.items()
        if url != page and not url.startswith("/conditions/")
    )
