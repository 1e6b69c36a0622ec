"""The checks the change form asks for as an editor types (conditions/admin/views/checks.py):
staff only, CSRF protected, bounded in size and cost, and storing nothing."""

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conditions.admin.views.checks import MAX_BODY_BYTES, MAX_TEXT_CHARS
from tests.staff import sign_in

URL = "/admin/conditions/condition/checks/"
LONG = (
    "When the muscles in your neck tighten on their own for many weeks and the pain does not "
    "go away with rest, heat or the medicines you can buy, you should talk to your doctor."
)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in apps.get_models()}


def test_checks_a_text_with_its_long_sentences_and_hard_words(editor_client):
    response = editor_client.post(URL, {"text": f"Dystonia is a disorder. {LONG}"})

    assert response.status_code == 200
    answer = response.json()
    assert answer["reading_age"] > 11 and answer["target"] == 11 and answer["above_target"]
    assert answer["long_sentences"] == [{"number": 2, "sentence": LONG}]
    assert answer["unfamiliar_words"][:2] == ["Dystonia", "disorder"]
    assert "html" not in answer


def test_markdown_is_previewed_as_the_site_renders_it_and_never_runs_script(editor_client):
    text = "Signs:\n\n- a **stiff** neck\n\n<script>alert(1)</script> [x](javascript:alert(1))"
    answer = editor_client.post(URL, {"text": text, "form": "markdown"}).json()

    assert "<li>a <strong>stiff</strong> neck</li>" in answer["html"]
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;" in answer["html"]
    assert "<script" not in answer["html"] and "href" not in answer["html"]
    assert answer["reading_age"] is not None


def test_an_empty_text_has_no_reading_age(editor_client):
    answer = editor_client.post(URL, {"text": "  "}).json()
    assert answer["reading_age"] is None and answer["long_sentences"] == []


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"text": "a " * (MAX_TEXT_CHARS // 2 + 1)},
            f"The text is too long to check: {MAX_TEXT_CHARS + 2:,} characters, at most "
            f"{MAX_TEXT_CHARS:,}. Checks resume when it is shorter.",
        ),
        ({"text": "x" * (MAX_BODY_BYTES + 1)}, "The text is too long to check: at most 20,000"),
        ({"language": "en"}, "Send the text to check as “text”."),
        ({"text": "Hi.", "language": "xx-evil"}, "“xx-evil” is not a language code"),
        ({"text": "Hi.", "form": "html"}, "“form” must be one of: markdown, text."),
    ],
)
def test_bad_input_is_refused_naming_the_problem_and_nothing_is_stored(editor_client, data, error):
    before = row_counts()
    response = editor_client.post(URL, data)

    assert response.status_code == 400
    assert response.json()["error"].startswith(error)
    assert row_counts() == before


def test_only_staff_may_check_and_only_with_a_csrf_token(editor, django_user_model):
    anonymous = Client()
    response = anonymous.post(URL, {"text": "Hi."})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

    patient = Client()
    patient.force_login(django_user_model.objects.create_user("pat", password="x"))
    assert patient.post(URL, {"text": "Hi."}).status_code == 302

    staff = Client(enforce_csrf_checks=True)
    sign_in(staff, editor)
    assert staff.post(URL, {"text": "Hi."}).status_code == 403
    staff.get("/admin/conditions/condition/add/")
    token = staff.cookies["csrftoken"].value
    assert staff.post(URL, {"text": "Hi.", "csrfmiddlewaretoken": token}).status_code == 200
    assert staff.get(URL).status_code == 405


def test_a_check_costs_the_same_queries_whatever_the_text_or_the_content(editor_client):
    def queries(text: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.post(URL, {"text": text, "form": "markdown"}).status_code == 200
        return len(captured)

    short = queries("Short.")
    assert queries(f"{LONG}\n\n" * 90) == short
    # The session, the user, the second factor's device, their permissions from groups and own,
    # and the session's last activity saved (in a savepoint): none of them depends on the text.
    assert short <= 8
