"""The question, feedback and comment forms as a reader uses them in the browser, with
JavaScript and without: what the screen says, and what the database holds."""

import pytest

from tests.browser.steps import open_app, wait_until_outbox_empty
from tests.browser.test_outbox import DYSTONIA, rows, wait_for_rows


def ask(page, server, text: str) -> None:
    page.goto(f"{server.url}/ask/?condition={DYSTONIA}")
    page.fill("textarea[name=text]", text)
    page.fill("input[name=email]", "reader@example.com")
    page.check("input[name=consent]")
    page.click(".question-form button[type=submit]")


def test_after_asking_the_app_says_what_the_sent_page_says(phone, app_server, no_script_pages):
    ask(no_script_pages, app_server, "Asked without JavaScript.")
    no_script_pages.wait_for_url("**/ask/sent/")
    sent_page_says = no_script_pages.text_content("main h1 + p")

    page = open_app(phone, app_server)
    ask(page, app_server, "Asked with JavaScript.")
    app_says = page.wait_for_selector(".question-form + .form-result").text_content()

    assert app_says == sent_page_says
    assert "we will answer you there" in app_says
    assert "If your symptoms are getting worse, do not wait for our answer" in app_says
    wait_for_rows(app_server, {"question": 2})
    assert sorted(rows(app_server, "question", "text")) == [
        ("Asked with JavaScript.",),
        ("Asked without JavaScript.",),
    ]


def centre(page, selector: str) -> tuple[float, float]:
    """Where on the screen a finger would tap this element, scrolled into view."""
    page.locator(selector).scroll_into_view_if_needed()
    box = page.locator(selector).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


@pytest.mark.every_database
def test_one_page_view_gives_one_vote_however_often_it_is_tapped(phone, app_server):
    page = open_app(phone, app_server, f"/conditions/{DYSTONIA}/")
    page.locator(".feedback-form .helpful-answer").scroll_into_view_if_needed()
    no = centre(page, ".feedback-form button[value=no]")
    yes = centre(page, ".feedback-form button[value=yes]")
    mark = app_server.log_mark()

    page.touchscreen.tap(*no)
    page.touchscreen.tap(*yes)  # the other answer while the first is being sent
    result = page.wait_for_selector(".feedback-form + .form-result")
    wait_until_outbox_empty(page)
    page.touchscreen.tap(*no)  # a second tap once it was sent
    page.touchscreen.tap(*no)

    assert result.text_content() == "Thank you for your feedback."
    posts = app_server.requests_once(
        lambda found: len([r for r in found if r[0] == "POST"]) >= 2, mark
    )
    assert [r for r in posts if r[0] == "POST"] == [("POST", "/api/v1/feedback/", 201)]
    assert rows(app_server, "feedback", "helpful") == [(0,)]
    assert page.locator(".feedback-form button[type=submit]:enabled").count() == 0


def test_without_javascript_feedback_is_stored_at_the_first_press(no_script_pages, app_server):
    page = no_script_pages
    page.goto(f"{app_server.url}/conditions/{DYSTONIA}/")
    page.fill("#feedback_comment", "Clear, thank you.")
    page.click(".feedback-form button[value=no]")

    page.wait_for_url(f"**/conditions/{DYSTONIA}/feedback/sent/")
    assert page.text_content("h1") == "Thank you for your feedback."
    assert rows(app_server, "feedback", "helpful, comment") == [(0, "Clear, thank you.")]

    page.goto(f"{app_server.url}/conditions/{DYSTONIA}/")
    page.fill("#comment_text", "It helped my mother.")
    page.fill("#comment_name", "Ann")
    page.fill("#comment_email", "ann@example.com")
    page.click(".comment-form button[type=submit]")
    page.wait_for_url(f"**/conditions/{DYSTONIA}/comments/sent/")
    assert rows(app_server, "comment", "text") == [("It helped my mother.",)]
