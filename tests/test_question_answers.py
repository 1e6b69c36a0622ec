"""The team answers a reader's question in the admin and emails the answer: once, from the form
where it was written, and never losing the answer when the mail server fails."""

import re
import socket

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from conditions.models import Condition
from submissions.models import Question
from submissions.services import AnswerAlreadySent, question_answer_send
from tests.forms import form_data
from tests.html_text import visible_text

READER = "reader@example.com"
DISCLAIMER = (
    "This guidance complements, and never replaces, the advice of your own doctor, nurse or "
    "pharmacist. If you are worried about your symptoms, speak to them. In an emergency, call "
    "your local emergency number."
)


def change_url(question: Question) -> str:
    return f"/admin/submissions/question/{question.pk}/change/"


def opened_form(client, question: Question) -> dict:
    page = client.get(change_url(question))
    assert page.status_code == 200
    return form_data(page.content.decode(), "question_form")


def send_answer(client, question: Question, form: dict, answer: str):
    """Press "Save and send answer" on a form opened earlier; returns the page shown after."""
    return client.post(
        change_url(question),
        {**form, "answer": answer, "_send_answer": "Save and send answer"},
        follow=True,
    )


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PressedAgainWhileSending(EmailBackend):
    """A mail server slow enough for a second press to arrive before it has answered the first."""

    second_press: list[str] = []

    def send_messages(self, messages):
        for message in messages:
            question = Question.objects.get(email=message.to[0])
            try:
                question_answer_send(question=question, by=None)
                self.second_press.append("sent a second time")
            except AnswerAlreadySent as refused:
                self.second_press.append(str(refused))
        return super().send_messages(messages)


@pytest.fixture
def question(seeded):
    return Question.objects.create(
        text="Can I drive while my neck spasms? It's worse in the evening.",
        email=READER,
        condition=Condition.objects.get(slug="severe-or-persistent-muscle-spasms"),
    )


def test_save_and_send_emails_the_answer_and_records_who_sent_it(editor_client, question):
    before = timezone.now()

    page = send_answer(editor_client, question, opened_form(editor_client, question), "Not yet.")

    text = visible_text(page.content.decode())
    assert f"The answer was sent to {READER}." in text
    assert "Emailed to the reader" in text and ", by Edith Editor." in text
    [email] = mail.outbox
    assert email.to == [READER]
    assert email.subject == "Your question to the Spasm & Dystonia Guide"
    assert email.message().get_content_type() == "text/plain"
    assert "Thank you for your question to the Spasm & Dystonia Guide about “Severe or" in (
        email.body
    )
    assert "You asked:\n\nCan I drive while my neck spasms? It's worse in the evening.\n" in (
        email.body
    )
    assert "Our answer:\n\nNot yet.\n" in email.body
    assert DISCLAIMER in email.body
    assert "<" not in email.body
    question.refresh_from_db()
    assert (question.status, question.answer, question.answer_sent) == (
        "answered",
        "Not yet.",
        "Not yet.",
    )
    assert question.answer_sent_by.username == "edith"
    assert before <= question.answer_sent_at <= timezone.now()


def test_the_same_answer_is_never_sent_twice(editor_client, reviewer_client, question):
    send_answer(editor_client, question, opened_form(editor_client, question), "Not yet.")

    again = send_answer(
        reviewer_client, question, opened_form(reviewer_client, question), "Not yet."
    )

    assert len(mail.outbox) == 1
    text = visible_text(again.content.decode())
    assert f"This answer was already sent to {READER} on " in text
    assert "by Edith Editor. It was not sent again." in text
    question.refresh_from_db()
    assert question.answer_sent_by.username == "edith"


def test_a_double_press_sends_one_email_and_says_so(editor_client, question):
    form = opened_form(editor_client, question)

    first = send_answer(editor_client, question, form, "Not yet.")
    second = send_answer(editor_client, question, form, "Not yet.")  # the same page, pressed again

    assert len(mail.outbox) == 1
    assert "The answer was sent to" in visible_text(first.content.decode())
    text = visible_text(second.content.decode())
    assert "It was not sent again." in text
    assert "saved this question after you opened it" not in text


def test_a_press_while_the_mail_server_is_still_sending_sends_nothing(
    editor_client, question, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.PressedAgainWhileSending"
    PressedAgainWhileSending.second_press.clear()

    send_answer(editor_client, question, opened_form(editor_client, question), "Not yet.")

    assert len(mail.outbox) == 1
    [second] = PressedAgainWhileSending.second_press
    assert second.startswith(f"This answer was already sent to {READER} on ")


def test_a_changed_answer_can_be_sent_again(editor_client, question):
    send_answer(editor_client, question, opened_form(editor_client, question), "Not yet.")
    form = opened_form(editor_client, question)
    form["answer"] = "Not yet, ask your neurologist first."
    editor_client.post(change_url(question), {**form, "_continue": "Save"})
    page = visible_text(editor_client.get(change_url(question)).content.decode())
    assert "The answer has changed since: “Save and send answer” sends the new one." in page

    send_answer(editor_client, question, opened_form(editor_client, question), form["answer"])

    assert ["ask your neurologist first" in email.body for email in mail.outbox] == [False, True]


def test_a_question_without_an_email_says_so_where_the_answer_is_written(editor_client, seeded):
    question = Question.objects.create(text="Is it catching?")
    html = editor_client.get(change_url(question)).content.decode()

    assert "Save and send answer" not in html
    help_text = re.search(r'id="id_answer_helptext">(.*?)</div>', html, re.DOTALL)
    assert visible_text(help_text.group(1)).startswith(
        "This reader gave no email address, so the answer cannot be sent to them."
    )
    assert "No: the reader gave no email address." in visible_text(html)

    response = send_answer(editor_client, question, opened_form(editor_client, question), "No.")

    assert "This reader gave no email address" in visible_text(response.content.decode())
    assert mail.outbox == []


def test_sending_an_empty_answer_is_refused_by_the_field(editor_client, question):
    response = send_answer(editor_client, question, opened_form(editor_client, question), "")

    assert response.status_code == 200
    assert "Write the answer before sending it." in visible_text(response.content.decode())
    assert mail.outbox == []
    question.refresh_from_db()
    assert (question.status, question.answer_sent_at) == ("new", None)


def test_a_failing_mail_server_keeps_the_answer_and_lets_the_editor_send_again(
    editor_client, question, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 5
    typed = "Not while a spasm could take your hands off the wheel."

    page = send_answer(editor_client, question, opened_form(editor_client, question), typed)

    assert page.status_code == 200
    text = visible_text(page.content.decode())
    assert "The answer is saved, but it was not sent: the mail server failed (" in text
    assert "Press “Save and send answer” to try again." in text
    assert "Not yet." in text  # the "Emailed to the reader" line
    question.refresh_from_db()
    assert (question.answer, question.answer_sent_at, question.answer_sent_by) == (
        typed,
        None,
        None,
    )

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    again = send_answer(editor_client, question, opened_form(editor_client, question), typed)

    assert f"The answer was sent to {READER}." in visible_text(again.content.decode())
    assert [typed in email.body for email in mail.outbox] == [True]
