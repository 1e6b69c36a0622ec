"""A reader can ask the team a question with an ordinary form, and bad input stores nothing."""

import html
import re

import pytest
from django.test import Client

from conditions.models import Condition
from conditions.services import publication_remove
from submissions.models import Question
from tests.forms import form_data
from tests.html_text import elements, visible_text

DYSTONIA = "dystonia-and-medical-cannabis"


def test_ask_link_on_a_condition_page_preselects_that_condition(client, seeded):
    html = client.get(f"/conditions/{DYSTONIA}/").content.decode()
    ask_links = [a["href"] for tag, a in elements(html) if tag == "a" and "/ask/" in a["href"]]
    assert f"/ask/?condition={DYSTONIA}" in ask_links

    form = client.get(f"/ask/?condition={DYSTONIA}").content.decode()
    selected = [a.get("value") for tag, a in elements(form) if tag == "option" and "selected" in a]
    assert selected == [DYSTONIA]


def test_every_published_page_is_a_choice_by_its_title_escaped_in_title_order(client, db):
    """Thousands of conditions are listed: the options are written in one pass, not each from
    a template (11 s for 20,000, for every reader opening the form)."""
    from tests.bulk import make_conditions
    from tests.factories import make_condition

    make_conditions(150)
    make_condition(title='Tics & "jerks" <in> children', slug="tics")

    response = client.get("/ask/?condition=tics")

    options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', response.text)
    assert options[0] == ("", "", "Not about one condition")
    titles = [html.unescape(label) for _, _, label in options[1:]]
    assert len(titles) == 151 and titles == sorted(titles)
    assert [value for value, selected, _ in options if selected] == ["tics"]
    assert "Tics &amp; &quot;jerks&quot; &lt;in&gt; children" in response.text
    rendered = [template.name for template in response.templates]
    assert "django/forms/widgets/select_option.html" not in rendered


def test_unknown_condition_in_the_link_preselects_nothing(client, seeded):
    response = client.get("/ask/?condition=no-such-thing")
    assert response.status_code == 200
    html = response.content.decode()
    assert [a for tag, a in elements(html) if tag == "option" and "selected" in a] == []


def test_a_question_is_stored_once_and_the_reader_is_thanked(client, seeded):
    response = client.post(
        "/ask/",
        {
            "condition": DYSTONIA,
            "text": "Can CBD help with my neck?",
            "email": "reader@example.com",
            "consent": "on",
        },
        follow=True,
    )

    assert response.redirect_chain == [("/ask/sent/", 302)]
    assert "Thank you, your question was sent" in visible_text(response.content.decode())
    question = Question.objects.get()
    assert (question.text, question.email, question.condition.slug) == (
        "Can CBD help with my neck?",
        "reader@example.com",
        DYSTONIA,
    )
    assert question.status == Question.Status.NEW


def test_email_is_optional(client, seeded):
    client.post("/ask/", {"text": "A question without email", "consent": "on"})
    assert Question.objects.get().email == ""


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": ""}, "text", "Please write your question."),
        ({"text": "x" * 2001}, "text", "at most 2000 characters"),
        ({"email": "not-an-email"}, "email", "Enter an email address such as name@example.com."),
        ({"condition": "no-such-thing"}, "condition", "Choose one of the conditions in the list."),
        ({"consent": ""}, "consent", "Please tick this box so that we may store your question."),
    ],
)
def test_bad_input_is_named_by_field_and_stores_nothing(client, seeded, data, field, message):
    response = client.post("/ask/", {"text": "Fine question", "consent": "on", **data})

    assert response.status_code == 400
    html = response.content.decode()
    errors = [a["id"] for tag, a in elements(html) if a.get("class") == "form-error"]
    assert errors == [f"id_{field}_error"]
    assert message in visible_text(html)
    assert Question.objects.count() == 0


def test_what_the_reader_typed_is_kept_when_the_form_is_refused(client, seeded):
    html = client.post("/ask/", {"text": "My long careful question", "email": "bad"}).content
    assert "My long careful question" in html.decode()


def test_a_post_without_the_csrf_token_stores_nothing_and_asks_to_confirm(seeded):
    reader = Client(enforce_csrf_checks=True)
    response = reader.post("/ask/", {"text": "My careful question", "consent": "on"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Please check your message and send it again" in visible_text(html)
    assert "My careful question" in html
    assert Question.objects.count() == 0

    confirmed = form_data(html, None)
    assert reader.post("/ask/", confirmed).status_code == 302
    assert Question.objects.get().text == "My careful question"


def test_draft_conditions_cannot_be_chosen(client, seeded):
    publication_remove(condition=Condition.objects.get(slug=DYSTONIA))
    html = client.get("/ask/").content.decode()
    assert DYSTONIA not in html
