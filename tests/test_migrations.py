"""Upgrading a database published before the review workflow keeps every page working."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from conditions.models import Condition, Publication

BEFORE = [("conditions", "0003_condition_also_called")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publications_from_before_the_workflow_are_rebuilt():
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

    call_command("migrate", verbosity=0)

    publication = Publication.objects.get(slug="old-page")
    assert publication.revision != "old"
    assert publication.payload["sections"][0]["urgency"] == ""
    assert publication.content_revision
    assert not Condition.objects.get(slug="old-page").has_unpublished_changes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_questions_from_before_idempotency_keys_each_get_their_own():
    before = [("submissions", "0001_initial")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("submissions", "Question")
    for n in range(3):
        old.objects.create(text=f"Question {n}")

    call_command("migrate", verbosity=0)

    from submissions.models import Question

    keys = set(Question.objects.values_list("idempotency_key", flat=True))
    assert len(keys) == 3 and None not in keys


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_questions_from_before_languages_were_asked_in_the_first_language():
    before = [("submissions", "0005_unfound_searches")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("submissions", "Question")
    old.objects.create(text="Asked before the app spoke German")

    call_command("migrate", verbosity=0)

    from submissions.models import Question

    assert list(Question.objects.values_list("language", flat=True)) == ["en"]
