"""The content API in each language (`?lang=`), and public reads costing the same number of
queries in each language however much guidance there is."""

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conditions.models import Publication, Section
from tests.bulk import make_conditions, make_translations
from tests.translations import GERMAN, make_original, make_translation

LIST = "/api/v1/conditions/"


def test_the_api_serves_each_language_with_its_translations(client, reviewer):
    original = make_original()
    make_translation(original, by=reviewer)

    english = client.get(f"{LIST}{original.slug}/")
    german = client.get(f"{LIST}{GERMAN['slug']}/?lang=de")

    assert english["Content-Language"] == "en" and german["Content-Language"] == "de"
    assert german.json()["title"] == GERMAN["title"]
    assert german.json()["page_url"] == f"/de/conditions/{GERMAN['slug']}/"
    assert english.json()["translations"] == [
        {
            "language": "de",
            "url": f"/de/conditions/{GERMAN['slug']}/",
            "api_url": f"{LIST}{GERMAN['slug']}/?lang=de",
            "revision": Publication.objects.get(language="de").content_revision,
            "original_changed": False,
        }
    ]
    assert german.json()["translations"][0]["language"] == "en"
    assert german.json()["original"]["updated_at"] is None
    assert english["ETag"] != german["ETag"]
    assert client.get(f"{LIST}{GERMAN['slug']}/").status_code == 404  # not an English slug
    again = client.get(f"{LIST}{GERMAN['slug']}/?lang=de", HTTP_IF_NONE_MATCH=german["ETag"])
    assert again.status_code == 304


def test_the_list_in_each_language_holds_only_that_language(client, reviewer):
    original = make_original()
    make_translation(original, by=reviewer)

    english = client.get(LIST)
    german = client.get(LIST, {"lang": "de"})

    assert [item["title"] for item in english.json()["results"]] == ["Leg cramps"]
    assert [item["title"] for item in german.json()["results"]] == [GERMAN["title"]]
    assert german.json()["results"][0]["url"] == f"{LIST}{GERMAN['slug']}/?lang=de"
    assert german["Content-Language"] == "de" and english["ETag"] != german["ETag"]


def test_an_unknown_language_is_refused_naming_those_there_are(client, db):
    make_original()
    for url in (f"{LIST}?lang=fr", f"{LIST}leg-cramps/?lang=fr", "/api/v1/search/?q=leg&lang=fr"):
        response = client.get(url)
        assert response.status_code == 400
        assert response.json() == {"detail": "There is no language 'fr'; there are en, de."}


def test_search_finds_pages_of_the_language_asked_for(client, reviewer):
    make_translation(make_original(), by=reviewer)

    german = client.get("/api/v1/search/", {"q": "Krampf", "lang": "de"}).json()
    english = client.get("/api/v1/search/", {"q": "Krampf"}).json()
    page = client.get("/de/search/", {"q": "Krampf"}).content.decode()

    assert [result["title"] for result in german["results"]] == [GERMAN["title"]]
    assert german["results"][0]["api_url"] == f"{LIST}{GERMAN['slug']}/?lang=de"
    assert english["results"] == []
    assert GERMAN["title"] in page


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def measured(client, urls: list[str]) -> list[int]:
    """Queries of each read, as after a restart once each has been read (a page rendered and
    kept, the offline manifest's sizes all measured and its answer kept)."""
    caches["pages"].clear()
    for url in urls:
        client.get(url)
    return [queries_for(client, url) for url in urls]


def test_public_reads_cost_the_same_in_each_language_at_1_and_200_conditions(
    client, reviewer, settings
):
    settings.OFFLINE_MEASURED_PER_CHECK = 1_000  # every size measured at the first check
    first = make_original()
    german = make_translation(first, by=reviewer)
    urls = [
        LIST,
        f"{LIST}?lang=de",
        f"{LIST}{first.slug}/",
        f"{LIST}{german.slug}/?lang=de",
        first.get_absolute_url(),
        german.get_absolute_url(),
        "/",
        "/de/",
        "/api/v1/offline-manifest/?lang=de",
    ]
    at_one = measured(client, urls)

    sections = [(Section.Kind.OTHER, f"Part {n}", "Body.") for n in range(5)]
    make_translations(make_conditions(199, sections=sections))
    at_two_hundred = measured(client, urls)

    assert at_one == at_two_hundred
    assert max(at_two_hundred[:-1]) <= 2
