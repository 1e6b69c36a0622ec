"""Without JavaScript, the feedback and comment forms on a condition page work as plain forms:
CSRF-checked, stored once, and bad input named by field with nothing stored."""

import warnings
from urllib.parse import urlencode

import pytest
from django.test import Client

from submissions.models import Comment, Feedback, Question
from tests.forms import form_data
from tests.html_text import elements, visible_text

DYSTONIA = "dystonia-and-medical-cannabis"
PAGE = f"/conditions/{DYSTONIA}/"


def page_form(html: str, css_class: str) -> dict:
    """The fields of the page's form with this class, as the browser would send them."""
    start = html.index(f'class="stacked-form {css_class}"')
    form_html = html[html.rindex("<form", 0, start) : html.index("</form>", start) + 7]
    return form_data(form_html)


@pytest.fixture
def reader(seeded):
    return Client(enforce_csrf_checks=True)


def test_the_shared_page_carries_no_token_and_no_key(reader):
    html = reader.get(PAGE).content.decode()
    for css_class in ("feedback-form", "comment-form"):
        fields = page_form(html, css_class)
        assert "csrfmiddlewaretoken" not in fields
        assert fields["idempotency_key"] == ""
    assert "Set-Cookie" not in reader.get(PAGE).headers


def test_the_shared_page_renders_without_a_csrf_warning_in_development(reader, settings):
    settings.DEBUG = True
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        html = reader.get(PAGE).content.decode()
    assert "csrfmiddlewaretoken" not in page_form(html, "comment-form")


SAME_ORIGIN = [{"HTTP_ORIGIN": "http://testserver"}, {"HTTP_SEC_FETCH_SITE": "same-origin"}]
CROSS_SITE = [
    {"HTTP_ORIGIN": "https://elsewhere.example", "HTTP_SEC_FETCH_SITE": "cross-site"},
    {"HTTP_ORIGIN": "https://elsewhere.example"},
    {"HTTP_SEC_FETCH_SITE": "cross-site"},
    {"HTTP_SEC_FETCH_SITE": "same-site"},
]


@pytest.mark.parametrize("headers", SAME_ORIGIN)
def test_feedback_sent_from_this_site_is_stored_at_the_first_press_and_once(reader, headers):
    fields = page_form(reader.get(PAGE).content.decode(), "feedback-form")
    fields.update(comment="Clear, thank you.", helpful="no")

    sent = reader.post(f"{PAGE}feedback/", fields, follow=True, **headers)
    reader.post(f"{PAGE}feedback/", fields, **headers)  # a double press

    assert sent.redirect_chain == [(f"{PAGE}feedback/sent/", 302)]
    assert "Thank you for your feedback." in visible_text(sent.content.decode())
    feedback = Feedback.objects.get()
    assert (feedback.helpful, feedback.comment) == (False, "Clear, thank you.")


def test_the_same_answer_on_two_pages_is_two_votes(reader):
    """Forms without a key get one made from the sender and what they sent; the page is part of
    it, so a plain "Yes" on one condition and then on another both count."""
    other = "/conditions/severe-or-persistent-muscle-spasms/"
    for page in (PAGE, other):
        fields = page_form(reader.get(page).content.decode(), "feedback-form")
        fields.update(helpful="yes")
        sent = reader.post(f"{page}feedback/", fields, HTTP_ORIGIN="http://testserver")
        assert sent.status_code == 302

    assert sorted(Feedback.objects.values_list("condition__slug", flat=True)) == sorted(
        [DYSTONIA, other.split("/")[2]]
    )


def test_a_form_from_a_page_saved_as_a_file_is_confirmed_not_refused(reader):
    fields = page_form(reader.get(PAGE).content.decode(), "comment-form")
    fields.update(text="Thank you", name="Ann", email="ann@example.com")

    response = reader.post(f"{PAGE}comments/", fields, HTTP_ORIGIN="null")

    assert response.status_code == 200
    assert "Thank you" in response.content.decode()  # what the reader wrote is kept
    assert not Comment.objects.exists()


@pytest.mark.parametrize("headers", SAME_ORIGIN)
def test_a_comment_sent_from_this_site_is_stored_at_the_first_press(reader, headers):
    fields = page_form(reader.get(PAGE).content.decode(), "comment-form")
    fields.update(text="It helped my mother.", name="Ann", email="ann@example.com")

    response = reader.post(f"{PAGE}comments/", fields, **headers)

    assert response.status_code == 302
    assert Comment.objects.get().text == "It helped my mother."


def test_two_readers_sending_the_same_vote_are_two_votes(seeded):
    fields = page_form(Client().get(PAGE).content.decode(), "feedback-form")
    fields.update(helpful="yes")
    for address in ("192.0.2.1", "192.0.2.2"):
        Client(enforce_csrf_checks=True, REMOTE_ADDR=address).post(
            f"{PAGE}feedback/", fields, HTTP_ORIGIN="http://testserver"
        )
    assert Feedback.objects.count() == 2


@pytest.mark.parametrize("headers", CROSS_SITE)
@pytest.mark.parametrize(
    ("path", "form"), [("feedback/", "feedback-form"), ("comments/", "comment-form")]
)
def test_a_post_from_another_site_is_refused_and_stores_nothing(reader, headers, path, form):
    fields = page_form(reader.get(PAGE).content.decode(), form)
    fields.update(helpful="yes", text="Buy now", name="Spam", email="spam@example.com")

    response = reader.post(f"{PAGE}{path}", fields, **headers)

    assert response.status_code == 403
    text = visible_text(response.content.decode())
    assert "This form was sent from another website" in text
    assert "Nothing was stored" in text
    assert "site-header" in response.content.decode()
    assert (Feedback.objects.count(), Comment.objects.count()) == (0, 0)


def test_feedback_from_a_browser_that_says_nothing_of_its_origin_is_confirmed_then_stored_once(
    reader,
):
    fields = page_form(reader.get(PAGE).content.decode(), "feedback-form")
    fields.update(comment="Clear, thank you.", helpful="yes")

    confirm = reader.post(f"{PAGE}feedback/", fields)

    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Please check your message and send it again" in visible_text(html)
    assert "You answered: yes, it helped" in visible_text(html)
    assert "Clear, thank you." in html
    assert Feedback.objects.count() == 0

    confirmed = {**page_form(html, "feedback-form"), "helpful": "yes"}
    sent = reader.post(f"{PAGE}feedback/", confirmed, follow=True)
    assert sent.redirect_chain == [(f"{PAGE}feedback/sent/", 302)]
    assert "Thank you for your feedback." in visible_text(sent.content.decode())
    # A double tap, or Back and send again: the same form stores nothing new.
    reader.post(f"{PAGE}feedback/", confirmed)
    feedback = Feedback.objects.get()
    assert (feedback.condition.slug, feedback.helpful, feedback.comment) == (
        DYSTONIA,
        True,
        "Clear, thank you.",
    )


def test_a_comment_is_stored_pending_and_not_shown_until_approved(client, seeded):
    fields = page_form(client.get(f"{PAGE}comments/").content.decode(), "comment-form")
    fields.update(text="This helped my mother.", name="Ann", email="ann@example.com")

    response = client.post(f"{PAGE}comments/", fields, follow=True)

    assert response.redirect_chain == [(f"{PAGE}comments/sent/", 302)]
    comment = Comment.objects.get()
    assert (comment.name, comment.email, comment.status) == ("Ann", "ann@example.com", "pending")
    assert "This helped my mother." not in client.get(PAGE).content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"text": ""}, "text", "Please write your comment."),
        ({"name": ""}, "name", "Please give a name to show with your comment."),
        ({"email": ""}, "email", "Please give your email address. It is never published."),
        ({"email": "ann@"}, "email", "Enter an email address such as name@example.com."),
        ({"text": "x" * 2001}, "text", "at most 2000 characters"),
    ],
)
def test_bad_comment_input_is_named_by_field_and_stores_nothing(
    client, seeded, changes, field, message
):
    fields = page_form(client.get(f"{PAGE}comments/").content.decode(), "comment-form")
    fields.update({"text": "Fine", "name": "Ann", "email": "ann@example.com", **changes})

    response = client.post(f"{PAGE}comments/", fields)

    assert response.status_code == 400
    html = response.content.decode()
    errors = [a["id"] for tag, a in elements(html) if a.get("class") == "form-error"]
    assert errors == [f"id_{field}_error"]
    assert message in visible_text(html)
    assert fields["text"][:100] in html  # what the reader typed is kept
    assert Comment.objects.count() == 0


def test_feedback_without_an_answer_is_refused(client, seeded):
    fields = page_form(client.get(f"{PAGE}feedback/").content.decode(), "feedback-form")
    response = client.post(f"{PAGE}feedback/", {**fields, "comment": "Hmm"})
    assert response.status_code == 400
    assert "Please answer yes or no." in visible_text(response.content.decode())
    assert Feedback.objects.count() == 0


def test_a_filled_honeypot_stores_nothing(client, seeded):
    fields = page_form(client.get("/ask/").content.decode(), "question-form")
    fields.update(text="Buy now", consent="on", website="http://spam.example")
    response = client.post("/ask/", fields)
    assert response.status_code == 400
    assert "This field must be left empty." in visible_text(response.content.decode())
    assert Question.objects.count() == 0


def test_the_same_form_sent_again_with_changed_text_asks_before_storing(client, seeded):
    fields = page_form(client.get("/ask/").content.decode(), "question-form")
    client.post("/ask/", {**fields, "text": "First question", "consent": "on"})

    response = client.post("/ask/", {**fields, "text": "A second question", "consent": "on"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "This form was already sent, with different text." in visible_text(html)
    assert Question.objects.count() == 1
    resend = page_form(html, "question-form")
    assert resend["idempotency_key"] != fields["idempotency_key"]
    assert client.post("/ask/", resend).status_code == 302
    assert sorted(Question.objects.values_list("text", flat=True)) == [
        "A second question",
        "First question",
    ]


def test_an_oversized_form_gets_413_and_stores_nothing(client, seeded, settings):
    settings.SUBMISSION_MAX_BYTES = 1024
    response = client.post(f"{PAGE}comments/", {"text": "x" * 2000, "name": "A", "email": "a@b.c"})
    assert response.status_code == 413
    assert "too long to send" in visible_text(response.content.decode())
    assert Comment.objects.count() == 0


def test_over_the_rate_limit_the_form_says_how_long_to_wait_and_keeps_the_text(
    client, seeded, settings
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"submissions": "1/hour"},
    }
    fields = page_form(client.get("/ask/").content.decode(), "question-form")
    client.post("/ask/", {**fields, "text": "One", "consent": "on"})
    again = page_form(client.get("/ask/").content.decode(), "question-form")

    response = client.post("/ask/", {**again, "text": "My second question", "consent": "on"})

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Please wait" in visible_text(html)
    assert "My second question" in html
    assert Question.objects.count() == 1


def test_forms_for_unknown_or_unpublished_conditions_are_404(client, seeded):
    assert client.get("/conditions/no-such-thing/feedback/").status_code == 404
    assert client.post("/conditions/no-such-thing/comments/", {"text": "x"}).status_code == 404
    assert Comment.objects.count() == 0


def test_the_longest_question_in_any_script_fits_under_the_byte_limit(client, seeded):
    """A browser sends each of these characters as 12 bytes; 2000 of them must still arrive."""
    fields = page_form(client.get("/ask/").content.decode(), "question-form")
    body = urlencode({**fields, "text": "😀" * 2000, "consent": "on"})
    assert len(body) > 24_000

    response = client.post("/ask/", body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 302
    assert len(Question.objects.get().text) == 2000
