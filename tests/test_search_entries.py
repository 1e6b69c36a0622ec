"""What the installed app searches offline (conditions/search/entries.py): one compact entry per
published condition in the offline manifest, beside its page and instead of its API JSON, and
the terms' other names; each changes with what it is made from, and the app's stemmer is the
server's (tests/js/fixtures/english-stems.json, which tests/js/search.test.mjs checks the
app's against)."""

import json
from pathlib import Path

import snowballstemmer

from conditions.models import Condition, Section
from conditions.search.stemming import stem
from conditions.terms.models import Term
from conditions.terms.services import term_unpublish
from tests.factories import make_condition, republish

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
    assert (german.json()["title"], german["Content-Language"]) == (GERMAN["title"], "de")
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
    assert entry["title"] == "Writer’s cramp"
    assert entry["names"] == ["Writer’s cramp", "Focal hand dystonia"]
    anchor = client.get(f"/api/v1/conditions/{condition.slug}/").json()["sections"][0]["anchor"]
    assert entry["sections"] == [["Symptoms", anchor, "The fingers curl. It hurts."]]
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
    assert "Second text." in client.get(f"{ENTRIES}{one.slug}/").json()["sections"][0][2]
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
