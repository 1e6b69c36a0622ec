"""The seed documents reach patients unchanged, and loading them is safe to repeat."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from conditions.models import Author, Condition, Section
from tests.html_text import elements, visible_text

# Verbatim copies of the source documents, one per seed condition, named by its slug.
SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"
SEED_SLUGS = ["severe-or-persistent-muscle-spasms", "dystonia-and-medical-cannabis"]
SEED_FILE = Path(settings.BASE_DIR) / "fixtures" / "seed_conditions.json"


def seed_sentences(text: str) -> list[str]:
    """Every sentence of a seed, bullets dropped, split after . ! ? or the closing *."""
    sentences = []
    for line in text.splitlines():
        line = line.strip().lstrip("•").strip()
        sentences.extend(s for s in re.split(r"(?<=[.!?])\s+", line) if s)
    return sentences


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_every_seed_sentence_is_on_its_page(client, seeded, slug):
    """Each sentence of a seed document, typographic quotes and all, is visible on its page."""
    sentences = seed_sentences((SOURCES / f"{slug}.txt").read_text(encoding="utf-8"))
    assert len(sentences) > 20

    page = visible_text(client.get(f"/conditions/{slug}/").content.decode())

    missing = [s for s in sentences if s not in page]
    assert missing == []


def test_seed_fixture_matches_the_shipped_seed_sentences():
    """The fixture itself holds the typographic characters of the source, not ASCII stand-ins."""
    fixture = SEED_FILE.read_text(encoding="utf-8")
    for text in ("1 % of the world’s population", "A “dragging leg”", "CBD´s benefits", "body's"):
        assert text in fixture


def test_seed_author_bio_is_marked_german(client, seeded):
    """Screen readers need to know the bio is German to pronounce it."""
    html = client.get("/conditions/dystonia-and-medical-cannabis/").content.decode()
    bio_blocks = [attrs for tag, attrs in elements(html) if attrs.get("class") == "author-bio"]
    assert bio_blocks == [{"class": "author-bio", "lang": "de"}]


def test_loading_twice_changes_nothing(seeded):
    """A second load creates no rows and touches no row."""
    snapshot = (
        list(Condition.objects.values()),
        list(Section.objects.values()),
        list(Author.objects.values()),
        sorted(Condition.related.through.objects.values_list("from_condition", "to_condition")),
    )

    call_command("load_seed_content", verbosity=0)

    assert snapshot == (
        list(Condition.objects.values()),
        list(Section.objects.values()),
        list(Author.objects.values()),
        sorted(Condition.related.through.objects.values_list("from_condition", "to_condition")),
    )
    assert Condition.objects.live().count() == 2


def test_loading_again_never_overwrites_an_editors_change(seeded):
    """Restarting the app must not undo what an editor changed in the admin."""
    condition = Condition.objects.get(slug="dystonia-and-medical-cannabis")
    condition.lead = "An editor rewrote this lead."
    condition.save()
    condition.sections.first().delete()

    call_command("load_seed_content", verbosity=0)

    condition.refresh_from_db()
    assert condition.lead == "An editor rewrote this lead."
    assert condition.sections.count() == 1


def test_invalid_seed_file_stores_nothing_and_names_the_field(db, tmp_path):
    """A broken seed file is refused whole, with the field that is wrong."""
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    data["conditions"][1]["sections"][0]["kind"] = "not-a-kind"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError, match="kind"):
        call_command("load_seed_content", str(broken), verbosity=0)

    assert Condition.objects.count() == 0
    assert Author.objects.count() == 0


def test_seed_file_that_is_not_json_is_refused(db, tmp_path):
    not_json = tmp_path / "seed.json"
    not_json.write_text("{ this is not json", encoding="utf-8")

    with pytest.raises(CommandError, match="is not valid JSON: Expecting property name"):
        call_command("load_seed_content", str(not_json), verbosity=0)
    assert Condition.objects.count() == 0
