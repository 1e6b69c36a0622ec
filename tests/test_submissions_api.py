"""The JSON endpoints store each submission exactly once and refuse bad input, storing nothing."""

import json
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings
from rest_framework.settings import api_settings

from conditions.models import Condition
from conditions.services import publication_remove
from submissions.limits import SubmissionRateThrottle
from submissions.models import Comment, Feedback, Question

DYSTONIA = "dystonia-and-medical-cannabis"
VALID = {
    "questions": (Question, {"text": "Can CBD help?", "email": "a@example.com", "consent": True}),
    "feedback": (Feedback, {"condition": DYSTONIA, "helpful": False, "comment": "Too long."}),
    "comments": (
        Comment,
        {"condition": DYSTONIA, "name": "Ann", "email": "ann@example.com", "text": "Thanks"},
    ),
}
EVERY_KIND = pytest.mark.parametrize("endpoint", sorted(VALID))


def post(client, endpoint: str, body, *, key=None, **environ):
    return client.post(
        f"/api/v1/{endpoint}/",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4()) if key is None else key},
        **environ,
    )


@EVERY_KIND
def test_a_submission_is_stored_and_acknowledged_without_echoing_the_email(
    client, seeded, endpoint
):
    model, body = VALID[endpoint]
    key = str(uuid.uuid4())

    response = post(client, endpoint, body, key=key)

    assert response.status_code == 201
    receipt = response.json()
    assert receipt["id"] == key
    assert receipt["message"]
    assert "example.com" not in response.content.decode()
    stored = model.objects.get()
    assert str(stored.idempotency_key) == key


@EVERY_KIND
def test_the_same_key_again_returns_the_first_answer_and_stores_nothing_new(
    client, seeded, endpoint
):
    model, body = VALID[endpoint]
    key = str(uuid.uuid4())
    first = post(client, endpoint, body, key=key)

    again = post(client, endpoint, body, key=key)

    assert (again.status_code, again.json()) == (first.status_code, first.json())
    assert again["Idempotent-Replayed"] == "true"
    assert model.objects.count() == 1


@EVERY_KIND
def test_the_same_key_with_other_content_is_refused(client, seeded, endpoint):
    model, body = VALID[endpoint]
    key = str(uuid.uuid4())
    post(client, endpoint, body, key=key)
    changed = {**body, "text": "Something else", "comment": "Something else"}

    response = post(client, endpoint, changed, key=key)

    assert response.status_code == 422
    assert "already used for a different message" in response.json()["Idempotency-Key"][0]
    assert model.objects.count() == 1


def test_the_key_is_unique_in_the_database_not_only_checked(seeded):
    key = uuid.uuid4()
    Question.objects.create(idempotency_key=key, text="One")
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(idempotency_key=key, text="Two")


@pytest.mark.parametrize("key", ["", "not-a-uuid", "1234"])
def test_a_missing_or_malformed_key_is_named_and_nothing_is_stored(client, seeded, key):
    model, body = VALID["questions"]
    response = client.post(
        "/api/v1/questions/",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Idempotency-Key": key} if key else {},
    )
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()
    assert model.objects.count() == 0


@pytest.mark.parametrize(
    ("endpoint", "change", "field", "message"),
    [
        ("questions", {"text": ""}, "text", "Please write your question."),
        ("questions", {"text": "x" * 2001}, "text", "no more than 2000 characters"),
        ("questions", {"email": "not-an-email"}, "email", "name@example.com"),
        # The schema says empty or an address: a control character is neither (schemathesis).
        ("questions", {"email": "\r"}, "email", "name@example.com"),
        ("questions", {"email": " a@example.com "}, "email", "name@example.com"),
        ("comments", {"email": " ann@example.com"}, "email", "name@example.com"),
        ("questions", {"consent": False}, "consent", "Please tick this box"),
        ("questions", {"condition": "no-such-thing"}, "condition", "Choose one of the conditions"),
        ("questions", {"website": "http://spam.example"}, "website", "must be left empty"),
        ("feedback", {"condition": None}, "condition", "Choose one of the conditions"),
        ("feedback", {"helpful": "perhaps"}, "helpful", "valid boolean"),
        ("feedback", {"comment": "x" * 1001}, "comment", "no more than 1000 characters"),
        ("comments", {"name": ""}, "name", "Please give a name"),
        ("comments", {"email": ""}, "email", "never published"),
        ("comments", {"text": "   "}, "text", "Please write your comment."),
        ("comments", {"website": "x"}, "website", "must be left empty"),
    ],
)
def test_bad_input_is_named_by_field_and_stores_nothing(
    client, seeded, endpoint, change, field, message
):
    model, body = VALID[endpoint]
    response = post(client, endpoint, {**body, **change})

    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    assert model.objects.count() == 0


def test_a_condition_readers_cannot_see_cannot_be_chosen(client, seeded):
    publication_remove(condition=Condition.objects.get(slug=DYSTONIA))
    response = post(client, "feedback", VALID["feedback"][1])
    assert response.status_code == 400
    assert list(response.json()) == ["condition"]
    assert Feedback.objects.count() == 0


def test_an_oversized_body_gets_413_and_stores_nothing(client, seeded, settings):
    settings.SUBMISSION_MAX_BYTES = 1024
    response = post(client, "questions", {**VALID["questions"][1], "text": "x" * 1100})
    assert response.status_code == 413
    assert "too long to send: the limit is 1 KB" in response.json()["detail"]
    assert Question.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("{not json", "application/json", 400),
        ("[1, 2]", "application/json", 400),
        ("text=Hi&consent=on", "application/x-www-form-urlencoded", 415),
    ],
)
def test_a_body_that_is_not_a_json_object_is_refused(client, seeded, body, content_type, status):
    """A form posted from another site (no JSON) can never store anything: no CSRF needed."""
    response = client.post(
        "/api/v1/questions/",
        data=body,
        content_type=content_type,
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == status
    assert response.json()["detail"]
    assert Question.objects.count() == 0


@pytest.fixture
def three_an_hour():
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "submissions": "3/hour"}
    framework = {**api_settings.user_settings, "DEFAULT_THROTTLE_RATES": rates}
    with override_settings(REST_FRAMEWORK=framework):
        yield


def test_over_the_rate_limit_is_429_with_retry_after_and_stores_nothing(
    client, seeded, three_an_hour
):
    body = VALID["feedback"][1]
    keys = [str(uuid.uuid4()) for _ in range(3)]
    for key in keys:
        assert post(client, "feedback", body, key=key).status_code == 201

    refused = post(client, "comments", VALID["comments"][1])

    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert "Please wait" in refused.json()["detail"]
    assert Comment.objects.count() == 0
    # A retry of something already stored is answered, not throttled: the app can clear its outbox.
    assert post(client, "feedback", body, key=keys[0]).status_code == 201
    assert Feedback.objects.count() == 3


def test_retry_after_is_never_earlier_than_the_limit_allows(
    client, seeded, three_an_hour, monkeypatch
):
    """Retry-After is whole seconds, rounded up: a client that waits exactly that long is let in."""
    now = [1_000_000.0]
    monkeypatch.setattr(SubmissionRateThrottle, "timer", lambda throttle: now[0])
    for _ in range(3):
        assert post(client, "feedback", VALID["feedback"][1]).status_code == 201
    now[0] += 0.6

    refused = post(client, "feedback", VALID["feedback"][1])

    assert refused["Retry-After"] == "3600"  # 3599.4 s remain
    now[0] += 3599.4
    assert post(client, "feedback", VALID["feedback"][1]).status_code == 201


def test_the_limit_counts_each_address_apart(client, seeded, three_an_hour):
    body = VALID["feedback"][1]
    sent = [post(client, "feedback", body, REMOTE_ADDR="10.0.0.1").status_code for _ in range(4)]
    assert sent == [201, 201, 201, 429]
    assert post(client, "feedback", body, REMOTE_ADDR="10.0.0.2").status_code == 201
