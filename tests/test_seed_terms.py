"""The seed terms: each new one checked, published with its history step and its audit record,
marked on the pages that use it, all or none; and loading them costs the same few queries
however many there are (they are loaded by every test that asks for `seeded`)."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from conditions.models import Publication, PublishedTerm, Term
from conditions.terms.names import draft_copy
from conditions.terms.seed import terms_seed_load
from conditions.terms.services import publication_terms
from security.models import AuditEvent

TERMS_FILE = Path(settings.BASE_DIR) / "fixtures" / "seed_terms.json"
# What loading the seed costs on SQLite today is 60 queries (it was 303 when each term was
# published alone); a query more for each condition or term would pass this bound.
SEED_QUERIES = 70


def seed_terms() -> list[dict]:
    return json.loads(TERMS_FILE.read_text(encoding="utf-8"))["terms"]


def test_each_seed_term_is_published_with_its_step_and_audit_record(seeded):
    terms = list(Term.objects.select_related("published"))
    assert sorted(t.term for t in terms) == sorted(entry["term"] for entry in seed_terms())
    for term in terms:
        assert term.status == Term.Status.PUBLISHED
        assert term.published.copy() == draft_copy(term)
        assert term.published.published_by is None
        [version] = Version.objects.get_for_object(term).select_related("revision")
        assert (version.revision.comment, version.revision.user) == ("Published.", None)
        assert version.field_dict["explanation"] == term.explanation
    recorded = AuditEvent.objects.filter(kind=AuditEvent.Kind.TERM_PUBLISHED)
    assert sorted(recorded.values_list("subject", "detail", "actor")) == sorted(
        (f"{term.term} ({term.language})", "The seed content.", None) for term in terms
    )


def test_each_seed_page_marks_the_seed_terms_it_uses(seeded):
    for publication in Publication.objects.all():
        used, revision = publication_terms(publication.payload)
        assert used, publication.slug
        assert (publication.terms, publication.terms_revision) == (used, revision)


def test_invalid_seed_terms_store_nothing_and_name_each_problem(db, tmp_path):
    """Each term is checked against the terms there and the seed's earlier ones."""
    document = {
        "terms": [
            {"term": "tremor", "other_names": ["shaking"], "explanation": "Shaking."},
            {"term": "Shaking", "explanation": "Shaking again."},
            {"term": "", "explanation": ""},
            {"term": "Tremor", "explanation": "Skipped: tremor is there."},
            {"term": "spasm", "other_names": ["cramp", "Cramp"], "explanation": "A spasm."},
        ]
    }
    terms = tmp_path / "terms.json"
    terms.write_text(json.dumps(document), encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        call_command("load_seed_content", "--terms", str(terms), verbosity=0)

    assert str(refused.value).splitlines()[1:] == [
        "term 2 (Shaking): “Shaking” is already an other name of the term “tremor”: a name can "
        "lead to one term only. Remove it there first, or edit that term.",
        "term 3 (no name): This field cannot be blank.",
        "term 3 (no name): This field cannot be blank.",
        "term 5 (spasm): “Cramp” is listed more than once: list each name once.",
    ]
    assert not Term.objects.exists()
    assert not PublishedTerm.objects.exists()
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.TERM_PUBLISHED).exists()


def queries(captured) -> tuple[int, int]:
    """The queries a load made: audit records (one per term published, from its signal), and
    all the others."""
    audit = [q for q in captured if 'INTO "security_auditevent"' in q["sql"]]
    return len(audit), len(captured) - len(audit)


def test_seed_terms_cost_the_same_queries_however_many(db):
    """Beyond each term's audit record, loading 2 terms or 9 costs the same queries."""
    terms = seed_terms()
    with CaptureQueriesContext(connection) as two:
        assert len(terms_seed_load({"terms": terms[:2]})["created"]) == 2
    with CaptureQueriesContext(connection) as rest:
        assert len(terms_seed_load({"terms": terms})["created"]) == len(terms) - 2 > 2
    assert queries(two) == (2, queries(rest)[1])
    assert queries(rest)[0] == len(terms) - 2


def test_loading_the_seed_costs_a_bounded_number_of_queries(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(SEED_QUERIES):
        call_command("load_seed_content", verbosity=0)
    assert PublishedTerm.objects.count() == len(seed_terms())


def test_a_step_recorded_in_bulk_is_stored_as_reversion_stores_it(reviewer):
    """`steps_record` writes the history rows itself: they must be what reversion writes, so
    that History and restoring read them alike."""
    from conditions.steps import step_record, steps_record
    from tests.factories import make_term

    term = make_term("spasticity", "stiff muscles", published=False)
    step_record(term, by=reviewer, comment="Published.")
    steps_record([term], by=reviewer, comment="Published.")

    by_reversion, in_bulk = Version.objects.get_for_object(term).order_by("pk")
    stored = ("serialized_data", "object_repr", "object_id", "content_type_id", "db", "format")
    assert [getattr(in_bulk, field) for field in stored] == [
        getattr(by_reversion, field) for field in stored
    ]
    assert (in_bulk.revision.user, in_bulk.revision.comment) == (reviewer, "Published.")
    assert in_bulk.revision_id != by_reversion.revision_id
