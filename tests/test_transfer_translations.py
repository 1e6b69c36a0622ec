"""Export and import format 2: translations travel with their original (named by slug and
language), the original's revision they were made from and their status; format 1 files still
import; a file naming a missing original, an unknown language or version, a slug twice in one
language or a translation of a translation imports nothing and says which entry is wrong."""

import copy
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from conditions.models import Author, Condition, Publication
from conditions.transfer import ImportRejected, conditions_export, conditions_import
from conditions.translations import original_changes
from tests.factories import republish
from tests.test_bulk_import import queries_to_import
from tests.test_transfer import FRESH_TOKENS, export, public_view, seed_document
from tests.translations import change_original, make_original, make_translation


@pytest.fixture(autouse=True)
def in_english():
    """The messages in English (a request for a German page earlier in the process may have
    left German active, as Django's LocaleMiddleware does not switch back)."""
    with translation.override("en"):
        yield


@pytest.fixture
def translated(reviewer):
    """Leg cramps and its published German translation; Night cramps, linked to it, with a
    German translation still a draft (linked to the German Leg cramps)."""
    legs = make_original()
    nights = make_original(title="Night cramps", slug="night-cramps", related=[legs])
    republish(legs)  # its page lists Night cramps
    make_translation(legs, by=reviewer)
    make_translation(
        nights,
        by=reviewer,
        published=False,
        title="Nächtliche Krämpfe",
        slug="naechtliche-kraempfe",
    )
    return reviewer


def empty_database():
    """Translations first: deleting an original never deletes its translations with it."""
    Condition.objects.filter(original__isnull=False).delete()
    Condition.objects.all().delete()
    Author.objects.all().delete()


def german_pages(client) -> dict:
    pages = {}
    for url in ("/de/conditions/kraempfe-der-beine/", "/de/conditions/naechtliche-kraempfe/"):
        response = client.get(url)
        pages[url] = (
            response.status_code,
            FRESH_TOKENS.sub(b"", response.content) if response.status_code == 200 else b"",
        )
    for url in ("/api/v1/conditions/kraempfe-der-beine/?lang=de", "/api/v1/conditions/?lang=de"):
        body = client.get(url).json()
        for shown in [body, *body.get("results", ())]:
            shown.pop("updated_at", None)  # when it was published: at the import
        pages[url] = body
    return pages


def records() -> list:
    """Each condition with its language, original, status and links, by slug and language."""
    return sorted(
        (
            c.language,
            c.slug,
            c.status,
            c.original and (c.original.language, c.original.slug),
            c.original_revision,
            c.original_payload and c.original_payload["lead_html"],
            c.draft_revision,
            sorted(c.related.values_list("language", "slug")),
            getattr(getattr(c, "publication", None), "content_revision", None),
        )
        for c in Condition.objects.select_related("original", "publication")
    )


def test_a_round_trip_rebuilds_originals_and_translations_linked_as_before(
    client, translated, tmp_path
):
    before = (public_view(client), german_pages(client), records())
    exported = export(tmp_path)
    german = next(c for c in exported["conditions"] if c["slug"] == "kraempfe-der-beine")
    assert exported["version"] == 2
    assert german["language"] == "de"
    assert german["original"] == {"slug": "leg-cramps", "language": "en"}
    assert (
        german["original_revision"] == Publication.objects.get(slug="leg-cramps").content_revision
    )
    assert "id" not in json.dumps(german["original"])

    empty_database()
    call_command("import_conditions", str(tmp_path / "export.json"), verbosity=0)

    assert (public_view(client), german_pages(client), records()) == before
    page = client.get("/de/conditions/kraempfe-der-beine/")
    assert page.status_code == 200
    assert "Krämpfe der Beine" in page.content.decode()
    assert client.get("/de/conditions/naechtliche-kraempfe/").status_code == 404  # a draft
    draft = Condition.objects.get(slug="naechtliche-kraempfe")
    assert (draft.status, draft.original.slug) == (Condition.Status.DRAFT, "night-cramps")
    again = export(tmp_path, "again.json")
    for item in exported["conditions"] + again["conditions"]:
        item.pop("updated_at")
    assert again == exported


def test_a_translation_whose_original_changed_is_still_flagged_after_the_round_trip(
    translated, tmp_path
):
    legs = Condition.objects.get(slug="leg-cramps")
    change_original(legs, by=translated, lead="Stretch the calf **gently** before bed.")
    export(tmp_path)
    empty_database()
    call_command("import_conditions", str(tmp_path / "export.json"), verbosity=0)

    german = Condition.objects.get(slug="kraempfe-der-beine")
    assert list(Condition.objects.original_changed()) == [german]
    changes = " ".join(block.html for block in original_changes(german))
    assert "gently" in changes
    page = Publication.objects.get(condition=german).payload
    assert page["original"]["updated_at"] is not None


def test_the_same_file_imported_again_with_replace_keeps_every_page(client, translated, tmp_path):
    before = (german_pages(client), records())
    export(tmp_path)
    call_command("import_conditions", str(tmp_path / "export.json"), "--replace", verbosity=0)
    assert (german_pages(client), records()) == before


def test_a_translation_of_a_condition_already_on_the_site_is_listed_by_its_page(client, reviewer):
    make_original()
    document = two_languages()
    document["conditions"] = [document["conditions"][1]]  # the German page only
    document["conditions"][0]["original"]["slug"] = "leg-cramps"

    conditions_import(document=document)

    english = client.get("/api/v1/conditions/leg-cramps/").json()
    assert [t["language"] for t in english["translations"]] == ["de"]
    german = client.get("/api/v1/conditions/krampf-0/?lang=de").json()
    assert german["original"]["url"] == "/conditions/leg-cramps/"


def test_a_format_1_file_imports_as_it_always_did(db):
    document = seed_document()
    assert document["version"] == 1
    conditions_import(document=document)
    assert set(Condition.objects.values_list("language", flat=True)) == {"en"}
    document["conditions"][0]["language"] = "en"
    empty_database()
    with pytest.raises(ImportRejected) as rejected:
        conditions_import(document=document)
    assert rejected.value.errors == ["conditions[0].language: is not a field of this format."]


def two_languages(count: int = 1, *, translations: int | None = None) -> dict:
    """A format 2 document: `count` English conditions (copies of the first seed condition) and
    a published German translation of the first `translations` of them (all unless told)."""
    document = {**seed_document(), "version": 2}
    seed = document["conditions"][0]
    originals, germans = [], []
    for number in range(count):
        item = copy.deepcopy(seed)
        item.update(slug=f"spasm-{number}", title=f"Spasms {number}", related=[])
        originals.append(item)
    for number in range(count if translations is None else translations):
        item = copy.deepcopy(seed)
        item.update(
            slug=f"krampf-{number}",
            title=f"Krämpfe {number}",
            related=[],
            language="de",
            original={"slug": f"spasm-{number}", "language": "en"},
            original_revision="a" * 64,
        )
        germans.append(item)
    if count > 1:  # linked both ways, in each language
        for items, slug in ((originals, "spasm"), (germans, "krampf")):
            items[0]["related"] = [f"{slug}-1"]
            items[1]["related"] = [f"{slug}-0"]
    document["conditions"] = originals + germans
    return document


def german(document, number=0) -> dict:
    return next(c for c in document["conditions"] if c["slug"] == f"krampf-{number}")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d.update(version=3),
            "version: 3 is not a version of this format this site can import; it imports "
            "versions 1, 2.",
        ),
        (
            lambda d: german(d).update(original={"slug": "nowhere", "language": "en"}),
            'conditions[2].original: no original "nowhere" in the file or the database.',
        ),
        (
            lambda d: german(d).update(language="fr"),
            'conditions[2].language: "fr" is not a language of this site; it has en, de.',
        ),
        (
            lambda d: german(d, 1).update(slug="krampf-0"),
            'conditions[3].slug: "krampf-0" in de appears more than once (first at conditions[2]).',
        ),
        (
            lambda d: german(d, 1).update(original={"slug": "krampf-0", "language": "de"}),
            'conditions[3].original: "krampf-0" in de is itself a translation; name the '
            "original it translates.",
        ),
        (
            lambda d: german(d, 1).update(original={"slug": "spasm-0", "language": "en"}),
            'conditions[3].original: "spasm-0" is translated into de twice (first at '
            "conditions[2]).",
        ),
        (
            lambda d: german(d).update(original=None),
            "conditions[2].original: a page in de is a translation: name the original it "
            "translates (originals are in en).",
        ),
        (
            lambda d: german(d).update(language="en", slug="other"),
            "conditions[2].language: a translation cannot be in en, the language of originals.",
        ),
        (
            lambda d: german(d).update(related=["spasm-1"]),
            'conditions[2].related[0]: no condition "spasm-1" in de in the file or the database.',
        ),
        (
            lambda d: german(d).update(original_payload={"title": "Not a page"}),
            "conditions[2].original_payload: is not a published copy of a page, as "
            "export_conditions writes it.",
        ),
        (
            lambda d: german(d).update(original={"slug": "spasm-0"}),
            "conditions[2].original.language: This field is required.",
        ),
    ],
)
def test_each_bad_translation_is_refused_naming_its_entry(db, change, expected):
    document = two_languages(2)
    change(document)
    with pytest.raises(ImportRejected) as rejected:
        conditions_import(document=document)
    assert expected in rejected.value.errors
    assert Condition.objects.count() == Author.objects.count() == 0


def test_a_second_translation_into_a_language_is_refused_and_the_command_says_so(
    translated, tmp_path
):
    document = two_languages()
    item = german(document)
    item["original"]["slug"] = "leg-cramps"
    document["conditions"] = [item]
    path = tmp_path / "import.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = records()

    with pytest.raises(Exception, match="already has a translation into de") as error:
        call_command("import_conditions", str(path), verbosity=0)

    assert 'conditions[0].original: "leg-cramps" already has a translation into de, ' in str(
        error.value
    )
    assert records() == before


def test_export_names_originals_by_slug_and_language_not_by_id(translated):
    items = conditions_export()["conditions"]
    assert [(c["language"], c["slug"], c["original"]) for c in items] == [
        ("en", "leg-cramps", None),
        ("en", "night-cramps", None),
        ("de", "kraempfe-der-beine", {"slug": "leg-cramps", "language": "en"}),
        ("de", "naechtliche-kraempfe", {"slug": "night-cramps", "language": "en"}),
    ]
    assert [c["related"] for c in items] == [
        ["night-cramps"],
        ["leg-cramps"],
        ["naechtliche-kraempfe"],
        ["kraempfe-der-beine"],
    ]


def test_translations_add_no_query_per_translation(db):
    """Translations are written in bulk with their originals: five and fifty cost the same but
    for a statement more where a table's rows pass what one statement may carry (SQLite's 999
    parameters: 39 conditions, 58 published pages, 71 pages updated), where each translation
    read or written alone would cost 45 more at the least."""
    at_5 = queries_to_import(short(two_languages(50, translations=5)))
    empty_database()
    at_50 = queries_to_import(short(two_languages(50, translations=50)))
    assert Publication.objects.filter(language="de").count() == 50
    assert at_5 <= at_50 <= at_5 + 4


def short(document: dict) -> dict:
    """Each condition with one section and no sources, so that fewer tables pass the limit."""
    for item in document["conditions"]:
        item.update(sections=item["sections"][:1], sources=[])
    return document


def test_the_messages_read_in_german_for_a_german_operator(db):
    document = two_languages(2)
    german(document).update(original={"slug": "nowhere", "language": "en"})
    with translation.override("de"), pytest.raises(ImportRejected) as rejected:
        conditions_import(document=document)
    assert rejected.value.errors == [
        'conditions[2].original: kein Original "nowhere" in der Datei oder der Datenbank.'
    ]
