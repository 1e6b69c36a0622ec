"""The answer to a reader's question is emailed in the language they asked in: the page's
(/de/ask/ is German) or, from the app, the API's (Accept-Language); the admin stays English."""

import json
import uuid

from django.core import mail

from submissions.models import Question
from tests.forms import form_data
from tests.html_text import visible_text
from tests.test_question_answers import change_url, opened_form, send_answer

READER = "leser@example.de"
ASKED = "Darf ich Auto fahren, wenn mein Nacken krampft?"
ANSWER = "Nicht während eines Krampfes."


def ask_on_the_page(client, path: str) -> Question:
    """Fill in and send the ask form exactly as the page renders it."""
    form = {**form_data(client.get(path).content.decode()), "consent": "on"}
    response = client.post(path, {**form, "text": ASKED, "email": READER}, follow=True)
    assert response.status_code == 200
    return Question.objects.get()


def answered(editor_client, question: Question):
    page = send_answer(editor_client, question, opened_form(editor_client, question), ANSWER)
    assert f"The answer was sent to {READER}." in visible_text(page.content.decode())
    [email] = mail.outbox
    return email


def test_a_question_asked_on_the_german_page_is_answered_in_german(client, editor_client, seeded):
    question = ask_on_the_page(client, "/de/ask/")

    email = answered(editor_client, question)

    assert question.language == "de"
    assert email.subject == "Ihre Frage an den Ratgeber Spasmen & Dystonie"
    assert email.body.startswith("Guten Tag,\n\nVielen Dank für Ihre Frage an den Ratgeber ")
    assert f"Sie haben gefragt:\n\n{ASKED}\n\nUnsere Antwort:\n\n{ANSWER}\n" in email.body
    assert "Dieser Rat ergänzt den Rat Ihrer Ärztin" in email.body
    assert "Ihr Team vom Ratgeber Spasmen & Dystonie" in email.body
    for english in ("Hello", "Thank you", "Our answer", "doctor", "team\n", "Guide"):
        assert english not in email.body


def test_a_question_sent_from_the_app_in_german_is_answered_in_german(
    client, editor_client, seeded
):
    response = client.post(
        "/api/v1/questions/",
        data=json.dumps({"text": ASKED, "email": READER, "consent": True}),
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4()), "Accept-Language": "de-DE,de;q=0.9"},
    )
    assert response.status_code == 201

    email = answered(editor_client, Question.objects.get())

    assert email.subject == "Ihre Frage an den Ratgeber Spasmen & Dystonie"
    assert f"Sie haben gefragt:\n\n{ASKED}\n\nUnsere Antwort:\n\n{ANSWER}\n" in email.body


def test_a_question_asked_in_english_is_answered_in_english(client, editor_client, seeded):
    question = ask_on_the_page(client, "/ask/")

    email = answered(editor_client, question)

    assert question.language == "en"
    assert email.subject == "Your question to the Spasm & Dystonia Guide"
    assert email.body.startswith("Hello,\n\nThank you for your question to the Spasm & ")
    assert "The Spasm & Dystonia Guide team" in email.body
    assert "Vielen Dank" not in email.body


def test_a_language_no_longer_offered_is_answered_in_the_first_language(
    client, editor_client, seeded
):
    question = ask_on_the_page(client, "/de/ask/")
    Question.objects.filter(pk=question.pk).update(language="fr")
    page = visible_text(editor_client.get(change_url(question)).content.decode())
    assert "fr (no longer offered: the answer is emailed in English)" in page

    email = answered(editor_client, question)

    assert email.subject == "Your question to the Spasm & Dystonia Guide"
    assert "Our answer:\n\n" in email.body


def test_the_admin_names_each_questions_language_in_english(client, editor_client, seeded):
    question = ask_on_the_page(client, "/de/ask/")

    listing = visible_text(
        editor_client.get("/admin/submissions/question/?language=de").content.decode()
    )
    detail = visible_text(editor_client.get(change_url(question)).content.decode())

    assert "Language" in listing and "German" in listing and "Deutsch" not in listing
    assert "What the reader sent" in detail and "German" in detail
    assert "Ihre Frage" not in detail
