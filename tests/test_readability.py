"""Reading ages, long sentences and unfamiliar words, checked against figures worked out apart
from the code under test: by hand, or by the published formulas over textstat's own counts."""

import json
import math
from pathlib import Path

import pytest
from django.test import override_settings
from textstat.textstat import textstatistics

from conditions import readability
from conditions.markdown import render_markdown

SEED = json.loads((Path(__file__).parent.parent / "fixtures/seed_conditions.json").read_text())
SPASMS = next(c for c in SEED["conditions"] if c["slug"] == "severe-or-persistent-muscle-spasms")


def english():
    stats = textstatistics()
    stats.set_lang("en")
    return stats


def test_a_hand_worked_sentence():
    """6 words, 1 sentence, 6 syllables: Flesch–Kincaid 0.39×6 + 11.8×6/6 − 15.59 = −1.45;
    SMOG with no word of 3 syllables is its constant, 3.1291. The reading age follows the
    higher grade: 3.1291 + 5 = 8.1."""
    age = readability.reading_age("The cat sat on the mat.")

    assert age.grades["Flesch–Kincaid"] == pytest.approx(0.39 * 6 + 11.8 * 1 - 15.59)
    assert age.grades["Flesch–Kincaid"] == pytest.approx(-1.45)
    assert age.grades["SMOG"] == pytest.approx(3.1291)
    assert age.age == 8.1


def test_a_seed_paragraph_by_the_published_formulas():
    """The lead of the muscle spasms page: 3 sentences and 45 words, counted by hand."""
    text = SPASMS["lead"]
    stats = english()
    words, sentences = 45, 3
    assert (stats.lexicon_count(text), stats.sentence_count(text)) == (words, sentences)
    syllables = stats.syllable_count(text)
    polysyllables = stats.polysyllabcount(text)

    age = readability.reading_age(readability.markdown_text(text))

    kincaid = 0.39 * words / sentences + 11.8 * syllables / words - 15.59
    smog = 1.043 * math.sqrt(30 * polysyllables / sentences) + 3.1291
    assert age.grades["Flesch–Kincaid"] == pytest.approx(kincaid)
    assert age.grades["SMOG"] == pytest.approx(smog)
    assert age.age == round(max(kincaid, smog) + 5, 1)
    assert age.age > 11  # written for adults: above the default target


def test_german_is_scored_with_the_first_wiener_sachtextformel():
    text = (
        "Eine Dystonie ist eine Bewegungsstörung. Die Muskeln ziehen sich unwillkürlich "
        "zusammen. Das kann sehr schmerzhaft sein."
    )
    stats = textstatistics()
    stats.set_lang("de")
    words = stats.lexicon_count(text)
    ms = 100 * stats.polysyllabcount(text) / words
    sl = words / stats.sentence_count(text)
    iw = 100 * stats.long_word_count(text) / words
    es = 100 * stats.monosyllabcount(text) / words
    formula = 0.1935 * ms + 0.1672 * sl + 0.1297 * iw - 0.0327 * es - 0.875

    age = readability.reading_age(text, "de")

    assert list(age.grades) == ["Wiener Sachtextformel"]
    assert age.grades["Wiener Sachtextformel"] == pytest.approx(formula)
    assert age.age == round(formula + 5, 1)


def test_no_words_no_reading_age():
    assert readability.reading_age("") is None
    assert readability.reading_age(" \n ") is None


def test_each_paragraph_list_item_and_heading_ends_a_sentence():
    html = str(render_markdown("### Signs\n\nYou may notice:\n\n- a stiff neck\n- pain"))

    assert readability.plain_text(html) == "Signs.\nYou may notice.\na stiff neck.\npain."


def test_sentences_over_25_words_are_long():
    twenty_five = " ".join(["word"] * 25) + "."
    twenty_six = " ".join(["cat"] * 26) + "."
    text = f"Short one. {twenty_five} {twenty_six} Another short one."

    assert readability.long_sentences(text) == [twenty_six]


def test_a_list_is_not_one_long_sentence():
    items = "\n".join(f"- item number {n} in a list" for n in range(10))

    assert readability.long_sentences(readability.markdown_text(items)) == []


def test_unfamiliar_words_are_textstat_difficult_words_each_once():
    text = "The cat sat on the mat. Dystonia is a disorder. Dystonia again."

    assert readability.unfamiliar_words(text) == ["Dystonia", "disorder"]
    # One-syllable words and common words are never pointed out.
    assert readability.unfamiliar_words("The cat sat on the mat.") == []


def test_no_unfamiliar_words_in_a_language_without_a_common_word_list():
    """textstat would fall back to English words, calling every German word unfamiliar."""
    assert readability.unfamiliar_words("Die Muskeln ziehen sich zusammen.", "de") == []


def payload(**fields):
    return {
        "question": "",
        "summary": "",
        "lead_html": "",
        "conflict_of_interest": "",
        "sections": [],
        **fields,
    }


def test_a_report_says_where_each_finding_is():
    long = " ".join(["word"] * 30) + "."
    report = readability.payload_report(
        payload(
            question="Can it help?",
            lead_html="<p>The cat sat on the mat.</p>",
            sections=[
                {"heading": "Symptoms", "html": f"<ul><li>{long}</li></ul>"},
                {"heading": "Causes", "html": "<p>Dystonia is a disorder.</p>"},
            ],
            conflict_of_interest="None declared.",
        )
    )

    assert [part.where for part in report.parts] == [
        "Question",
        "Lead",
        "Section “Symptoms”",
        "Section “Causes”",
        "Conflicts of interest",
    ]
    assert report.long_sentences == [("Section “Symptoms”", long)]
    assert report.unfamiliar_words == [
        ("Section “Causes”", ["Dystonia", "disorder"]),
        ("Conflicts of interest", ["declared"]),
    ]
    assert report.parts[1].reading_age.age == 8.1


def test_the_whole_page_is_scored_together_against_the_target():
    sentences = ["The cat sat on the mat.", "Dystonia is a disorder of the brain."]
    report = readability.payload_report(
        payload(
            summary=sentences[0],
            sections=[{"heading": "Causes", "html": f"<p>{sentences[1]}</p>"}],
        )
    )

    whole = readability.reading_age("\n".join(sentences))
    assert report.reading_age == whole
    assert report.target == 11
    assert report.above_target is (whole.age > 11)
    with override_settings(READING_AGE_TARGET=5):
        assert readability.payload_report(payload(summary=sentences[0])).above_target
