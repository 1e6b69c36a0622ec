"""Lay words in search: a published term's other names find the pages that use the term, and
the other way round; on whichever database the run uses."""

import pytest

from conditions.search.engine import search
from conditions.terms.models import Term
from conditions.terms.services import term_publish, term_unpublish
from tests.bulk import make_conditions
from tests.factories import make_condition, make_term


def titles(query: str) -> list[str]:
    return [result.publication.title for result in search(query).results]


@pytest.fixture
def pages(db):
    make_condition(
        title="Cervical dystonia",
        also_called="Spasmodic torticollis",
        lead="Injections of botulinum toxin into the neck muscles can ease the pulling.",
    )
    make_condition(title="Essential tremor", lead="The hands may tremble when they are used.")
    make_condition(title="Night cramps", lead="A cramp in the calf at night. Stretch it gently.")
    make_condition(title="Getting help", lead="Ask about botox at your clinic.")


def test_a_lay_word_finds_the_pages_that_use_the_term(pages):
    make_term("botulinum toxin", "botox", "BTX")
    make_term("tremor", "shaking")

    assert sorted(titles("botox")) == ["Cervical dystonia", "Getting help"]
    assert sorted(titles("BTX")) == ["Cervical dystonia", "Getting help"]
    assert titles("shaking") == ["Essential tremor"]


def test_the_term_finds_the_pages_that_use_a_lay_word(pages):
    make_term("botulinum toxin", "botox")
    assert sorted(titles("botulinum toxin")) == ["Cervical dystonia", "Getting help"]


def test_word_forms_of_a_name_count_and_other_words_still_must_match(pages):
    make_term("tremor", "shaking")
    make_term("botulinum toxin", "botox")

    assert titles("tremors") == ["Essential tremor"]
    assert titles("botox neck") == ["Cervical dystonia"]
    assert titles("botox calf") == []


def test_a_name_of_several_words_is_a_phrase(db):
    make_condition(title="Cervical dystonia", lead="Also known as wry neck.")
    make_condition(title="Neck pain", lead="A stiff neck after a wry smile.")
    make_term("torticollis", "wry neck")

    assert titles("torticollis") == ["Cervical dystonia"]
    assert sorted(titles("wry neck")) == ["Cervical dystonia", "Neck pain"]  # as typed too


def test_the_sentence_shown_marks_the_term_found_for_a_lay_word(pages):
    make_term("botulinum toxin", "botox")

    found = {r.publication.title: r for r in search("botox").results}

    assert str(found["Cervical dystonia"].match.sentence) == (
        "Injections of <mark>botulinum</mark> <mark>toxin</mark> into the neck muscles can "
        "ease the pulling."
    )


def test_only_published_terms_widen_a_search_and_at_once(pages):
    term = make_term("tremor", "shaking", published=False)
    assert titles("shaking") == []

    term_publish(term=term, by=None)
    assert titles("shaking") == ["Essential tremor"]

    term.other_names = "quivering"
    term.save()
    assert titles("shaking") == ["Essential tremor"]  # the draft is not what search reads
    assert titles("quivering") == []

    term_unpublish(term=Term.objects.get(pk=term.pk), by=None)
    assert titles("shaking") == []


def test_a_term_of_another_language_does_not_widen_an_english_search(pages):
    term = Term(language="de", term="Tremor", other_names="Zittern", explanation="Zittern.")
    term.save()
    term_publish(term=term, by=None)
    assert titles("zittern") == []


@pytest.mark.parametrize("count", [3, 30])
def test_a_search_with_terms_costs_the_same_queries_however_many_conditions(
    db, django_assert_max_num_queries, count
):
    make_conditions(count, sections=[("symptoms", "Tremor at rest", "The hands tremble.")])
    for number in range(count):
        make_term(f"word{number}", f"other{number}")
    make_term("tremor", "shaking")

    with django_assert_max_num_queries(3):  # the terms, the ranked ids, the pages
        assert len(search("shaking").results) == count
    with django_assert_max_num_queries(5):  # and the vocabulary, ranked again
        assert search("shakingg").suggestion == ""
