"""Hostile and malformed bodies on the submission endpoints: a clear refusal naming the problem,
nothing stored, never a 500. The same rules hold for the HTML forms."""

import json
import uuid

import pytest

from submissions.models import Comment, Feedback, Question
from tests.test_submissions_api import DYSTONIA, EVERY_KIND, VALID, post

RIGHT_TO_LEFT_OVERRIDE = "\u202e"
ZERO_WIDTH_SPACE = "\u200b"


def stored_nothing():
    return not (Question.objects.exists() or Feedback.objects.exists() or Comment.objects.exists())


def post_raw(client, endpoint: str, raw: str):
    return client.post(
        f"/api/v1/{endpoint}/",
        data=raw,
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )


@EVERY_KIND
def test_a_deeply_nested_body_is_refused_by_name(client, seeded, endpoint):
    response = post_raw(client, endpoint, "[" * 16_000 + "]" * 16_000)

    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]
    assert stored_nothing()


@EVERY_KIND
def test_a_field_holding_deeply_nested_lists_is_refused_by_name(client, seeded, endpoint):
    _, body = VALID[endpoint]
    raw = json.dumps(body)[:-1] + ', "text": ' + "[" * 995 + "]" * 995 + "}"

    response = post_raw(client, endpoint, raw)

    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]
    assert stored_nothing()


def test_a_few_levels_of_nesting_are_refused_as_the_wrong_kind_of_value(client, seeded):
    response = post(client, "questions", {**VALID["questions"][1], "text": [["Can CBD help?"]]})

    assert response.status_code == 400
    assert "text" in response.json()
    assert stored_nothing()


@pytest.mark.parametrize("endpoint", ["questions", "comments"])
@pytest.mark.parametrize("length", [255, 320])
def test_an_email_longer_than_the_column_is_refused_by_both_kinds_of_form(
    client, seeded, endpoint, length
):
    email = "a" * 64 + "@" + ("b" * 60 + ".") * 10
    email = email[: length - 4] + ".org"
    assert len(email) == length
    _, body = VALID[endpoint]

    response = post(client, endpoint, {**body, "email": email})

    assert response.status_code == 400
    assert "email" in response.json()
    page = (
        client.post("/ask/", {"text": "Can CBD help?", "email": email, "consent": "on"})
        if endpoint == "questions"
        else client.post(
            f"/conditions/{DYSTONIA}/comments/",
            {"text": "Thanks", "name": "Ann", "email": email},
        )
    )
    assert page.status_code == 400
    assert stored_nothing()


@pytest.mark.parametrize(
    "endpoint, field, value",
    [
        ("feedback", "comment", 0),
        ("questions", "text", 12),
        ("comments", "name", 3.5),
        ("questions", "consent", "true"),
        ("questions", "consent", 1),
        ("questions", "consent", False),
        ("feedback", "helpful", "no"),
        ("questions", "website", 0),
        ("questions", "website", " "),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_not_converted(client, seeded, endpoint, field, value):
    _, body = VALID[endpoint]

    response = post(client, endpoint, {**body, field: value})

    assert response.status_code == 400
    assert field in response.json()
    assert stored_nothing()


def test_a_body_without_a_length_is_refused_as_such(client, seeded):
    """A chunked body has no Content-Length; it is not read as an empty question."""
    environ = {"CONTENT_LENGTH": "", "HTTP_TRANSFER_ENCODING": "chunked"}
    response = client.generic(
        "POST",
        "/api/v1/questions/",
        json.dumps(VALID["questions"][1]),
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4())},
        **environ,
    )

    assert response.status_code == 411
    assert "Content-Length" in response.json()["detail"]
    page = client.generic("POST", "/ask/", "text=Hello&consent=on", **environ)
    assert page.status_code == 411
    assert "Content-Length" in page.content.decode()
    assert stored_nothing()


@pytest.mark.parametrize(
    "sent, shown",
    [
        (f"Ann{RIGHT_TO_LEFT_OVERRIDE}evil", "Annevil"),
        (f"{ZERO_WIDTH_SPACE}Ann{ZERO_WIDTH_SPACE}", "Ann"),
    ],
)
def test_format_characters_are_removed_from_a_name_from_either_form(client, seeded, sent, shown):
    _, body = VALID["comments"]
    assert post(client, "comments", {**body, "name": sent}).status_code == 201
    client.post(
        f"/conditions/{DYSTONIA}/comments/",
        {"text": "Also thanks", "name": sent, "email": "b@example.com"},
        headers={"Origin": "http://testserver"},
    )

    assert {comment.name for comment in Comment.objects.all()} == {shown}


def test_a_name_of_format_characters_alone_is_no_name(client, seeded):
    _, body = VALID["comments"]

    response = post(client, "comments", {**body, "name": RIGHT_TO_LEFT_OVERRIDE + ZERO_WIDTH_SPACE})

    assert response.status_code == 400
    assert response.json()["name"] == ["Please give a name to show with your comment."]
    assert stored_nothing()
