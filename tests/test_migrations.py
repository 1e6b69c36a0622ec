"""Upgrading a database from before the review workflow, idempotency keys and languages keeps
every page and question working.

One upgrade from the oldest state of both apps for all three: going back and forth through the
migrations is most of the time such a test takes.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from conditions.models import Condition, Publication
from conditions.search.engine import search

BEFORE = [("conditions", "0003_condition_also_called"), ("submissions", "0001_initial")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_and_questions_from_before_the_workflow_keys_and_languages_are_upgraded():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    condition = old.get_model("conditions", "Condition").objects.create(
        title="Old page", slug="old-page", lead="Lead.", status="published"
    )
    old.get_model("conditions", "Section").objects.create(
        condition=condition, kind="symptoms", heading="Symptoms", body="- Cramp", position=1
    )
    old.get_model("conditions", "Publication").objects.create(
        condition=condition,
        slug="old-page",
        title="Old page",
        payload={"slug": "old-page", "sections": [{"kind": "symptoms", "heading": "Symptoms"}]},
        search_text="old page",
        revision="old",
        listing_revision="old",
        payload_bytes=10,
        published_at="2026-01-01T00:00:00Z",
    )
    for n in range(3):
        old.get_model("submissions", "Question").objects.create(text=f"Question {n}")

    call_command("migrate", verbosity=0)

    publication = Publication.objects.get(slug="old-page")
    assert publication.revision != "old"
    assert publication.payload["sections"][0]["urgency"] == ""
    assert publication.content_revision
    assert not Condition.objects.get(slug="old-page").has_unpublished_changes
    # Indexed as search reads it (on PostgreSQL, 0017 writes the app's keys).
    assert [result.publication.slug for result in search("cramps").results] == ["old-page"]

    from submissions.models import Question

    # Before idempotency keys: each question gets its own.
    keys = set(Question.objects.values_list("idempotency_key", flat=True))
    assert len(keys) == 3 and None not in keys
    # Before languages: each was asked in the first language.
    assert list(Question.objects.values_list("language", flat=True)) == ["en"] * 3
