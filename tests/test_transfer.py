"""Export then import gives identical pages; a bad file imports nothing and says exactly why."""

import copy
import json
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from conditions.models import Author, Condition, Section, Source
from conditions.services import condition_saved
from tests.factories import make_condition, republish

# Tokens a form gets anew on every response: the masked CSRF token and the submission key.
FRESH_TOKENS = re.compile(rb'name="(csrfmiddlewaretoken|idempotency_key)" value="[^"]+"')
SECTION_KINDS = ", ".join(kind for kind, _ in Section.Kind.choices)


@pytest.fixture
def content(seeded):
    """The seed content plus a draft and a condition with sources, sections out of order."""
    extra = make_condition(
        title="Writer’s cramp",
        slug="writers-cramp",
        also_called="Writer’s dystonia\nFocal hand dystonia",
        question="Why does my hand cramp when I write?",
        sections=[(Section.Kind.SYMPTOMS, "Symptoms", "- Cramp\n- Tremor")],
        related=[Condition.objects.get(slug="dystonia-and-medical-cannabis")],
    )
    extra.sections.update(position=7, urgency=Section.Urgency.URGENT)
    extra.conflict_of_interest = "Funded by nobody."
    extra.reviewed_by = Author.objects.create(
        name="Dr Rui Reviewer", credentials="MD", email="rui@clinic.example"
    )
    extra.save()
    Source.objects.create(
        condition=extra, title="Focal dystonia", publisher="NHS", year=2024,
        url="https://www.nhs.uk/conditions/dystonia/", position=1,
    )  # fmt: skip
    Source.objects.create(condition=extra, title="A book without a link", position=2)
    make_condition(slug="unfinished", status=Condition.Status.DRAFT, lead="Not ready *yet*.")
    republish(extra)
    # Links go both ways, but the other page shows the new one once it is published again.
    republish(Condition.objects.get(slug="dystonia-and-medical-cannabis"))


def export(tmp_path, name="export.json") -> dict:
    path = tmp_path / name
    call_command("export_conditions", str(path), verbosity=0)
    return json.loads(path.read_text(encoding="utf-8"))


def public_view(client) -> dict[str, bytes]:
    urls = ["/", "/api/v1/offline-manifest/"] + [
        entry["url"]
        for entry in client.get("/api/v1/offline-manifest/").json()["entries"]
        if not entry["url"].startswith("/static/")
    ]
    pages = {}
    for url in urls:
        response = client.get(url)
        body = response.json() if response["Content-Type"] == "application/json" else None
        if isinstance(body, dict):
            body.pop("updated_at", None)
        pages[url] = body if body is not None else FRESH_TOKENS.sub(b"", response.content)
    return pages


def empty_database():
    Condition.objects.all().delete()
    Author.objects.all().delete()


def test_export_then_import_into_an_empty_database_gives_identical_pages(client, content, tmp_path):
    before = public_view(client)
    exported = export(tmp_path)

    assert "rui@clinic.example" not in json.dumps(exported)  # emails stay in the admin
    empty_database()
    call_command("import_conditions", str(tmp_path / "export.json"), verbosity=0)

    assert public_view(client) == before
    again = export(tmp_path, "again.json")
    for item in exported["conditions"] + again["conditions"]:
        item.pop("updated_at")
    assert again == exported
    assert Condition.objects.get(slug="unfinished").status == Condition.Status.DRAFT


def test_export_keeps_markdown_status_and_derived_html(content, tmp_path):
    item = next(c for c in export(tmp_path)["conditions"] if c["slug"] == "writers-cramp")
    assert item["status"] == "published"
    assert item["sections"][0]["body"] == "- Cramp\n- Tremor"
    assert "<li>Cramp</li>" in item["sections"][0]["html"]
    assert item["sections"][0]["position"] == 7
    assert [s["title"] for s in item["sources"]] == ["Focal dystonia", "A book without a link"]
    assert item["related"] == ["dystonia-and-medical-cannabis"]
    assert item["also_called"] == ["Writer’s dystonia", "Focal hand dystonia"]


def seed_document() -> dict:
    path = settings.BASE_DIR / "fixtures" / "seed_conditions.json"
    return json.loads(path.read_text(encoding="utf-8"))


def four_conditions() -> dict:
    document = seed_document()
    for n in (3, 4):
        item = copy.deepcopy(document["conditions"][0])
        item.update(slug=f"copy-{n}", related=[])
        document["conditions"].append(item)
    return document


def rejected(db, tmp_path, document, *args) -> str:
    path = tmp_path / "import.json"
    text = document if isinstance(document, str) else json.dumps(document)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_conditions", str(path), *args, verbosity=0)
    assert Condition.objects.count() == 0
    assert Author.objects.count() == 0
    return str(error.value)


def test_one_invalid_item_imports_nothing_and_names_item_and_field(db, tmp_path):
    document = four_conditions()
    document["conditions"][3]["sections"][1]["kind"] = "foo"

    message = rejected(db, tmp_path, document)

    assert f'conditions[3].sections[1].kind: "foo" is not one of: {SECTION_KINDS}.' in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["conditions"][0].update(colour="red"),
            "conditions[0].colour: is not a field of this format.",
        ),
        (
            lambda d: d["conditions"][1]["sections"][0].update(colour="red"),
            "conditions[1].sections[0].colour: is not a field of this format.",
        ),
        (
            lambda d: d["conditions"][0].pop("lead"),
            "conditions[0].lead: This field is required.",
        ),
        (
            lambda d: d["conditions"][0].update(title=["not", "text"]),
            "conditions[0].title: Not a valid string.",
        ),
        (
            lambda d: d["conditions"][0].update(sections="none"),
            'conditions[0].sections: Expected a list of items but got type "str".',
        ),
        (
            lambda d: d["conditions"][0].update(sources=[{"title": "T", "year": "soon"}]),
            "conditions[0].sources[0].year: A valid integer is required.",
        ),
        (
            lambda d: d["conditions"][0].update(
                sources=[{"title": "T", "url": "ftp://ftp.example.org/dystonia.pdf"}]
            ),
            "conditions[0].sources[0].url: A source’s link must be a web address starting with "
            "http:// or https://",
        ),
        (
            lambda d: d["conditions"][0].update(sources=[{"title": "T", "url": "not a link"}]),
            "conditions[0].sources[0].url: A source’s link must be a web address starting with "
            "http:// or https://",
        ),
        (
            lambda d: d["conditions"][0].update(last_reviewed="yesterday"),
            "conditions[0].last_reviewed: Date has wrong format.",
        ),
        (
            lambda d: d["conditions"][0].update(last_reviewed=None),
            "conditions[0].last_reviewed: Set this date before publishing",
        ),
        (
            lambda d: d["conditions"][1]["author"].update(bio_language="German"),
            "conditions[1].author.bio_language: Enter a language tag such as en, de or pt-BR.",
        ),
        (
            lambda d: d["conditions"][1].update(slug=d["conditions"][0]["slug"]),
            'conditions[1].slug: "severe-or-persistent-muscle-spasms" appears more than once '
            "(first at conditions[0]).",
        ),
        (
            lambda d: d["conditions"][0].update(related=["nowhere"]),
            'conditions[0].related[0]: no condition "nowhere" in the file or the database.',
        ),
        (lambda d: d.update(format="csv"), 'format: "csv" is not one of: spasm-guide.conditions.'),
        (lambda d: d.pop("conditions"), "conditions: This field is required."),
    ],
)
def test_each_kind_of_bad_file_is_refused_with_its_path(db, tmp_path, change, expected):
    document = seed_document()
    change(document)
    assert expected in rejected(db, tmp_path, document)


def test_a_file_that_is_not_json_or_not_an_object_is_refused(db, tmp_path):
    assert "is not valid JSON: Expecting value at line 1, column 1." in rejected(
        db, tmp_path, "not json"
    )
    assert "document: must be an object with format, version and conditions." in rejected(
        db, tmp_path, "[]"
    )


def test_existing_slugs_are_only_overwritten_when_asked(seeded, tmp_path):
    document = seed_document()
    document["conditions"][0]["title"] = "Renamed by import"
    path = tmp_path / "import.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    with pytest.raises(CommandError, match="already exists; use --replace to overwrite it."):
        call_command("import_conditions", str(path), verbosity=0)
    assert not Condition.objects.filter(title="Renamed by import").exists()

    call_command("import_conditions", str(path), "--replace", verbosity=0)
    assert Condition.objects.filter(title="Renamed by import").count() == 1
    assert Condition.objects.count() == 2


def test_the_command_exits_non_zero_with_the_reason_on_stderr(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")

    finished = subprocess.run(
        [sys.executable, "manage.py", "import_conditions", str(broken)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )

    assert finished.returncode == 1
    assert "is not valid JSON" in finished.stderr


def test_an_imported_author_change_reaches_other_pages_only_when_they_are_published(
    seeded, client, tmp_path
):
    other = make_condition(slug="second-by-alexandra", title="Second")
    other.author = Author.objects.get(name="Alexandra Latour")
    other.save()
    republish(other)
    document = seed_document()
    document["conditions"][1]["author"]["bio"] = "Eine neue Biografie."
    path = tmp_path / "import.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    call_command("import_conditions", str(path), "--replace", verbosity=0)

    detail = "/api/v1/conditions/second-by-alexandra/"
    assert client.get(detail).json()["author"]["bio"].startswith("Alexandra Latour verfügt")
    other.refresh_from_db()
    assert other.has_unpublished_changes
    republish(other)
    assert client.get(detail).json()["author"]["bio"] == "Eine neue Biografie."


def test_numbers_the_database_cannot_hold_are_refused_not_crashed(db, tmp_path):
    document = seed_document()
    document["conditions"][0]["sections"][0]["position"] = 10**20
    message = rejected(db, tmp_path, document)
    assert "conditions[0].sections[0].position: Ensure this value is less than or equal to" in (
        message
    )


def test_a_source_year_the_admin_accepts_survives_the_round_trip(content, client, tmp_path):
    Source.objects.filter(title="A book without a link").update(year=0)
    export(tmp_path)
    empty_database()
    call_command("import_conditions", str(tmp_path / "export.json"), verbosity=0)
    assert Source.objects.get(title="A book without a link").year == 0


def test_export_warns_about_drafts_patients_have_not_seen(seeded, tmp_path, capsys):
    condition = Condition.objects.get(slug="dystonia-and-medical-cannabis")
    condition.summary = "Not reviewed yet."
    condition.save()
    condition_saved(condition=condition)  # the draft changes, the publication does not

    call_command("export_conditions", str(tmp_path / "export.json"))

    assert "Warning: dystonia-and-medical-cannabis has changes not yet published" in (
        capsys.readouterr().err
    )
