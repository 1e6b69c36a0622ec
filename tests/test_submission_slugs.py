"""A condition named by a reader is found by one rule, whichever way they send (the page's
feedback form, the ask form, the app's JSON): the page at that address in their language, else
the translation into their language of the English page at that address, else that page."""

import json
import uuid

import pytest

from conditions.models import Condition
from submissions.models import Feedback, Question
from tests.factories import make_condition
from tests.forms import form_data
from tests.test_submission_forms import page_form
from tests.translations import GERMAN, make_original, make_translation

SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture
def pages(reviewer):
    original = make_original()
    return {
        "german": make_translation(original, by=reviewer),
        "untranslated": make_condition(title="Neck pain", slug="neck-pain"),
    }


def api_feedback(client, condition):
    """Feedback from the app on a German page (its Accept-Language is the page's)."""
    return client.post(
        "/api/v1/feedback/",
        data=json.dumps({"condition": condition, "helpful": True}),
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4()), "Accept-Language": "de"},
    )


def sent_by_api(client, slug: str) -> Condition:
    response = api_feedback(client, slug)
    assert response.status_code == 201, response.content
    return Feedback.objects.get().condition


def sent_by_ask_form(client, slug: str) -> Condition:
    form = form_data(client.get("/de/ask/").content.decode())
    response = client.post(
        "/de/ask/", {**form, "condition": slug, "text": "Hilft Dehnen?", "consent": "on"}
    )
    assert response.status_code == 302, response.content.decode()
    return Question.objects.get().condition


def sent_by_page_form(client, slug: str) -> Condition:
    german_page = client.get(f"/de/conditions/{GERMAN['slug']}/").content.decode()
    fields = {**page_form(german_page, "feedback-form"), "helpful": "yes"}
    response = client.post(f"/de/conditions/{slug}/feedback/", fields, **SAME_ORIGIN)
    assert response.status_code == 302, response.content.decode()
    return Feedback.objects.get().condition


WAYS = pytest.mark.parametrize("send", [sent_by_api, sent_by_ask_form, sent_by_page_form])


@WAYS
def test_a_german_slug_under_de_is_the_german_page(client, pages, send):
    assert send(client, GERMAN["slug"]) == pages["german"]


@WAYS
def test_an_english_slug_under_de_is_its_german_translation(client, pages, send):
    assert send(client, "leg-cramps") == pages["german"]


@WAYS
def test_an_english_slug_with_no_german_page_is_the_english_page(client, pages, send):
    assert send(client, "neck-pain") == pages["untranslated"]


@pytest.mark.parametrize("slug", ["no-such-page", "", "leg\x00cramps"])
def test_an_unknown_slug_is_refused_the_same_way_storing_nothing(client, pages, slug):
    response = api_feedback(client, slug or 7)
    form = form_data(client.get("/de/ask/").content.decode())
    asked = client.post(
        "/de/ask/", {**form, "condition": slug or "7", "text": "Hilft Dehnen?", "consent": "on"}
    )

    assert response.status_code == asked.status_code == 400
    assert "Wählen Sie" in json.dumps(response.json(), ensure_ascii=False)
    assert "Wählen Sie" in asked.content.decode()
    assert not Feedback.objects.exists() and not Question.objects.exists()
