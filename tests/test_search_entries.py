"""What the installed app searches offline (conditions/search/entries.py): one compact entry per
published condition in the offline manifest, beside its page and instead of its API JSON, and
the terms' other names; each changes with what it is made from, and the app's stemmer is the
server's (tests/js/fixtures/english-stems.json, which tests/js/search.test.mjs checks the
app's against)."""

import json
from pathlib import Path

import snowballstemmer

from conditions.models import Condition, Publication, Section
from conditions.search.entries import searched_entry
from conditions.search.stemming import stem
from conditions.terms.models import Term
from conditions.terms.services import term_unpublish
from tests.factories import make_condition, republish
from tests.node_script import node_json

MANIFEST = "/api/v1/offline-manifest/"
STEMS = Path(__file__).parent / "js" / "fixtures" / "english-stems.json"
GERMAN_STEMS = STEMS.with_name("german-stems.json")  # scripts/german_stems.py writes it
ENTRIES = "/api/v1/offline-search/conditions/"
NAMES = "/api/v1/offline-search/names/"


def entries(client, query: dict | None = None) -> dict[str, dict]:
    body = client.get(MANIFEST, query or {}).json()
    return {entry["url"]: entry for entry in body["entries"]}


def test_the_fixture_of_stems_is_the_servers_stemmer(db):
    stems = json.loads(STEMS.read_text())
    english = snowballstemmer.stemmer("english")
    assert {word: english.stemWord(word) for word in stems} == stems


def test_the_fixture_of_german_stems_is_the_servers_german_stemmer(db):
    stems = json.loads(GERMAN_STEMS.read_text())
    assert len(stems) >= 200 and {"krämpfe", "muskeln", "lähmungen", "größer"} <= set(stems)
    assert {word: stem(word, "de") for word in stems} == stems


def test_the_phone_keeps_one_entry_per_condition_besides_its_page(client, seeded, reviewer):
    from tests.translations import GERMAN, make_translation

    make_condition(slug="hidden-draft", status=Condition.Status.DRAFT)
    slugs = ["dystonia-and-medical-cannabis", "severe-or-persistent-muscle-spasms"]
    make_translation(Condition.objects.get(slug=slugs[1]), by=reviewer)

    for query, expected in [
        ({}, {f"{ENTRIES}{slug}/" for slug in slugs}),
        ({"lang": "de"}, {f"{ENTRIES}{GERMAN['slug']}/?lang=de"}),
    ]:
        urls = set(entries(client, query))
        assert {url for url in urls if url.startswith(ENTRIES)} == expected
        assert not any(url.startswith("/api/v1/conditions/") for url in urls)
        assert NAMES + (f"?lang={query['lang']}" if query else "") in urls
    german = client.get(f"{ENTRIES}{GERMAN['slug']}/?lang=de")
    assert (german.json()["names"][0], german["Content-Language"]) == (GERMAN["title"], "de")
    assert client.get(f"{ENTRIES}{GERMAN['slug']}/").status_code == 404
    assert "there are en, de" in client.get(f"{ENTRIES}{slugs[1]}/?lang=xx").json()["detail"]


def test_an_entry_holds_what_search_reads_and_its_etag_is_the_manifests_revision(client, db):
    condition = make_condition(
        title="Writer’s cramp",
        also_called="Focal hand dystonia",
        lead="The hand <b>cramps</b> when writing.",
        sections=[(Section.Kind.SYMPTOMS, "Symptoms", "The **fingers** curl. It hurts.")],
    )
    url = f"{ENTRIES}{condition.slug}/"
    listed = entries(client)[url]

    response = client.get(url)
    entry = response.json()

    assert response["ETag"] == f'"{listed["revision"]}"'
    assert len(response.content) == listed["bytes"]
    assert entry["names"] == ["Writer’s cramp", "Focal hand dystonia"]
    # The texts are the page's: the worker reads them from it (the test below).
    assert "sections" not in entry
    assert "hurts" not in response.content.decode()
    assert entry["url"] == condition.get_absolute_url()
    assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 304
    assert client.get(f"{ENTRIES}nothing-here/").status_code == 404


def test_an_edit_changes_that_conditions_entry_alone(client, db):
    one = make_condition(sections=[(Section.Kind.OTHER, "Part", "First text.")])
    other = make_condition()
    before = entries(client)

    section = one.sections.get()
    section.body = "Second text."
    section.save()
    republish(one)

    after = entries(client)
    changed = {url for url in after if after[url]["revision"] != before[url]["revision"]}
    assert changed == {one.get_absolute_url(), f"{ENTRIES}{one.slug}/"}
    assert "Second text." in client.get(one.get_absolute_url()).content.decode()
    assert f"{ENTRIES}{other.slug}/" not in changed


def test_the_terms_names_change_with_the_published_terms(client, seeded):
    before = entries(client)[NAMES]
    names = client.get(NAMES).json()
    assert ["botox"] in next(term for term in names["names"] if term[0] == ["botulinum", "toxin"])

    term_unpublish(term=Term.objects.get(term="botulinum toxin"), by=None)

    after = entries(client)[NAMES]
    assert after["revision"] != before["revision"]
    assert len(client.get(NAMES).content) == after["bytes"]
    assert not any(term[0] == ["botulinum", "toxin"] for term in client.get(NAMES).json()["names"])


EXPAND = """
import { readFileSync } from "node:fs";
import { expandEntry } from "./frontend/service_worker/search-entry.js";
const { entries, pages } = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(entries.map((e) => expandEntry(e, pages[e.url] ?? ""))));
"""


def test_the_worker_reads_back_from_the_page_what_the_compact_entry_leaves_out(
    client, seeded, reviewer
):
    """Every text the server's search reads, marked terms, escaped characters, a page with no
    summary, a German page: the worker's entry (compact entry and saved page) is the server's."""
    from tests.search_agreement import add_content
    from tests.translations import make_translation

    add_content()
    make_condition(
        title="Tics & <twitches>",
        question='Why do my "eyes" blink?  Often?',
        summary="",
        lead="A *lead* with a [link](https://example.org/a?b=1&c=2) &amp; spasms " + "word " * 50,
        sections=[
            (Section.Kind.OTHER, "Care & help", "Heat &lt;helps&gt;.\n\n- one\n- two"),
            (Section.Kind.WHEN_TO_SEEK_ADVICE, "When <now>", "Call 999."),
        ],
    )
    make_translation(Condition.objects.get(slug="severe-or-persistent-muscle-spasms"), by=reviewer)
    compact, pages, expected = [], {}, []
    for publication in Publication.objects.order_by("pk"):
        query = {} if publication.language == "en" else {"lang": publication.language}
        entry = client.get(f"{ENTRIES}{publication.slug}/", query).json()
        compact.append(entry)
        pages[entry["url"]] = client.get(entry["url"]).content.decode()
        expected.append(searched_entry(publication))

    assert len(expected) >= 8
    assert any('class="term"' in page for page in pages.values())
    assert node_json(EXPAND, {"entries": compact, "pages": pages}) == expected
