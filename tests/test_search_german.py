"""Word forms in the page's language (issue 19): German pages and German searches are stemmed
with the German Snowball stemmer, English ones as before."""

import importlib
from types import SimpleNamespace

from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection

from conditions.models import Publication, SearchEntry
from conditions.search.engine import publications_using, search
from conditions.search.stemming import stem
from conditions.services import publication_remove
from tests.html_text import visible_text
from tests.translations import make_original, make_translation

ONLY_KRAMPF = {
    "title": "Nächtliche Beschwerden",
    "slug": "naechtliche-beschwerden",
    "summary": "Was Sie nachts tun können.",
    "lead": "Ein Krampf ist ein plötzliches, schmerzhaftes Anspannen eines Muskels.",
}
ONLY_KRAEMPFE = {
    "title": "Wadenschmerzen",
    "slug": "wadenschmerzen",
    "summary": "Was Sie tun können.",
    "lead": "Krämpfe in der Wade kommen oft in der Nacht.",
}


def german_pages(reviewer):
    krampf = make_translation(make_original(), by=reviewer, **ONLY_KRAMPF)
    kraempfe = make_translation(
        make_original(title="Calf pain", slug="calf-pain"), by=reviewer, **ONLY_KRAEMPFE
    )
    return krampf, kraempfe


def titles(query: str, language: str = "de") -> list[str]:
    return [result.publication.title for result in search(query, language=language).results]


def test_the_german_stemmer_joins_german_forms_and_english_stays_english():
    assert stem("Krämpfe", "de") == stem("Krampf", "de") == stem("Krämpfen", "de") == "krampf"
    assert stem("Krämpfe", "en") != stem("Krampf", "en")
    assert stem("spasming") == stem("spasms") == stem("spasm", "en") == "spasm"


def test_a_german_search_finds_every_form_of_a_german_word(reviewer):
    german_pages(reviewer)

    assert titles("Krämpfe") == ["Wadenschmerzen", "Nächtliche Beschwerden"]
    assert titles("Krampf") == ["Wadenschmerzen", "Nächtliche Beschwerden"]
    assert titles("krämpfen") == ["Wadenschmerzen", "Nächtliche Beschwerden"]
    assert titles("Krampf", language="en") == []  # English pages never say it
    assert titles("cramp", language="en") == ["Leg cramps"]  # English as before


def test_the_german_search_page_shows_the_other_form_marked(client, reviewer):
    german_pages(reviewer)

    page = client.get("/de/search/", {"q": "Krämpfe"}).content.decode()

    assert "Nächtliche Beschwerden" in page and "Wadenschmerzen" in page
    assert "<mark>Krampf</mark> ist ein plötzliches" in page
    assert "<mark>Krämpfe</mark> in der Wade" in page
    assert "Nächtliche Beschwerden" in visible_text(
        client.get("/de/search/", {"q": "Krampfes"}).content.decode()
    )


def test_a_german_phrase_matches_its_words_side_by_side_in_any_form(reviewer):
    krampf, _ = german_pages(reviewer)
    page = Publication.objects.get(condition=krampf).pk

    assert publications_using([("plötzlicher", "schmerzhafte")], language="de") == [page]
    assert publications_using([("schmerzhafter", "Krampf")], language="de") == []  # apart


def test_an_unpublished_german_page_leaves_the_stemmed_index(reviewer):
    krampf, _ = german_pages(reviewer)

    publication_remove(condition=krampf)

    assert titles("Krämpfe") == ["Wadenschmerzen"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM conditions_search_fts_stemmed")
            assert cursor.fetchone()[0] == Publication.objects.filter(language="de").count() == 1


def test_migration_0014_stems_german_pages_published_before_it(reviewer):
    """Entries written before 0014 are all 'en' (and not in SQLite's stemmed table)."""
    german_pages(reviewer)
    SearchEntry.objects.update(language="en")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM conditions_search_fts_stemmed")
    assert len(titles("Krämpfe")) < 2  # not both forms (PostgreSQL's English finds one)

    migration = importlib.import_module("conditions.migrations.0014_search_in_page_language")
    migration.index_languages(django_apps, SimpleNamespace(connection=connection))

    assert titles("Krämpfe") == ["Wadenschmerzen", "Nächtliche Beschwerden"]
    assert set(SearchEntry.objects.values_list("language", flat=True)) == {"en", "de"}


def test_entries_restored_from_a_backup_are_searched_again(reviewer, tmp_path):
    """loaddata writes entries as they are: what each database makes of them beside their
    columns (SQLite's stemmed German row, PostgreSQL's document) is written again."""
    german_pages(reviewer)
    before = [titles("Krämpfe"), titles("calf", language="en")]
    backup = tmp_path / "entries.json"
    call_command("dumpdata", "conditions.searchentry", f"--output={backup}", verbosity=0)
    SearchEntry.objects.all().delete()
    assert titles("Krämpfe") == []

    call_command("loaddata", str(backup), verbosity=0)
    call_command("loaddata", str(backup), verbosity=0)  # over the same rows: written once

    assert [titles("Krämpfe"), titles("calf", language="en")] == before
    assert sorted(before[0]) == ["Nächtliche Beschwerden", "Wadenschmerzen"]
