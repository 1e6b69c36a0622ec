"""What a reader sends with no connection is kept on the phone and arrives exactly once."""

import concurrent.futures
import json
import os
import re
import time
import urllib.error
import urllib.request
import uuid

import pytest

from config import gunicorn as gunicorn_settings
from tests.browser.steps import (
    PRESS_GUARD_MS,
    open_app,
    outbox_items,
    publish_edit,
    wait_until_outbox_empty,
    wake_worker_for_background_sync,
)

DYSTONIA = "dystonia-and-medical-cannabis"
SPASMS = "severe-or-persistent-muscle-spasms"
# The writes a test server takes at once: its threads less one (frontend/busy.py).
WRITES_AT_ONCE = gunicorn_settings.threads - 1
SAVED = "Saved, it will be sent when you are back online."
UNREACHABLE = "We could not reach the guide just now; we will keep trying."
# Watched for this long, a message waiting with no connection may be tried at most this often
# (at most 5 tries a minute; OUTBOX_WATCH_MS=60000 measures a whole minute).
WATCH_MS = int(os.environ.get("OUTBOX_WATCH_MS", "20000"))
MOST_TRIES_WATCHED = 5


def rows(server, table: str, columns: str = "*") -> list[tuple]:
    return server.query(f"SELECT {columns} FROM submissions_{table}")  # noqa: S608


def wait_for_rows(server, counts: dict[str, int], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(len(rows(server, table)) == count for table, count in counts.items()):
            return
        time.sleep(0.2)
    found = {table: len(rows(server, table)) for table in counts}
    raise AssertionError(f"Expected {counts}, the database holds {found}")


def api_posts(server, since: int = 0, expected: int = 1) -> list[tuple[str, int]]:
    """The app's API posts since `since`, once at least `expected` are in the server's log."""

    def posts(requests):
        return [
            (path, status)
            for method, path, status in requests
            if method == "POST" and path.startswith("/api/v1/")
        ]

    return posts(server.requests_once(lambda found: len(posts(found)) >= expected, since))


@pytest.mark.every_database
def test_sent_offline_then_closed_arrives_exactly_once_when_back_online(phone, app_server):
    page = open_app(phone, app_server, f"/conditions/{DYSTONIA}/")
    phone.set_offline(True)

    page.goto(f"{app_server.url}/ask/?condition={DYSTONIA}")
    page.fill("textarea[name=text]", "Can I take it with my other medicines?")
    page.check("input[name=consent]")
    page.click(".question-form button[type=submit]")
    assert page.text_content(".form-result") == SAVED

    page.goto(f"{app_server.url}/conditions/{DYSTONIA}/")
    page.fill("#feedback_comment", "Please say more about side effects.")
    page.click(".feedback-form button[value=no]")
    assert page.text_content(".feedback-form + .form-result") == SAVED
    assert len(outbox_items(page)) == 2
    page.close()
    assert (rows(app_server, "question"), rows(app_server, "feedback")) == ([], [])

    phone.set_offline(False)
    page = phone.new_page()
    page.goto(app_server.url + "/")

    wait_for_rows(app_server, {"question": 1, "feedback": 1})
    wait_until_outbox_empty(page)
    page.reload()
    page.wait_for_selector("html[data-outbox-checked=yes]")  # a second start: nothing left
    wait_for_rows(app_server, {"question": 1, "feedback": 1})
    assert rows(app_server, "question", "text") == [("Can I take it with my other medicines?",)]
    assert rows(app_server, "feedback", "helpful, comment") == [
        (0, "Please say more about side effects.")
    ]
    assert sorted(api_posts(app_server, expected=2)) == [
        ("/api/v1/feedback/", 201),
        ("/api/v1/questions/", 201),
    ]


def test_a_message_the_server_refuses_later_is_shown_not_retried(phone, app_server):
    page = open_app(phone, app_server, f"/conditions/{SPASMS}/")
    phone.set_offline(True)
    page.fill("#comment_text", "My cramps stopped with stretching.")
    page.fill("#comment_name", "Ann")
    page.fill("#comment_email", "ann@example.com")
    page.click(".comment-form button[type=submit]")
    assert page.text_content(".comment-form + .form-result") == SAVED
    # Meanwhile the page is taken off the site: the comment can no longer be accepted.
    publish_edit(app_server, SPASMS, lambda condition: condition.update(status="draft"))

    mark = app_server.log_mark()
    phone.set_offline(False)
    page.goto(app_server.url + "/")
    notice = page.wait_for_selector("[id^=outbox-failed-]")

    text = notice.text_content()
    assert "could not be sent: Choose one of the conditions in the list." in text
    assert "My cramps stopped with stretching." in text
    assert api_posts(app_server, mark) == [("/api/v1/comments/", 400)]
    page.reload()
    page.wait_for_selector("[id^=outbox-failed-]")
    page.wait_for_selector("html[data-outbox-checked=yes]")
    assert api_posts(app_server, mark) == [("/api/v1/comments/", 400)]  # not sent again

    page.click("[id^=outbox-failed-] button")
    wait_until_outbox_empty(page)
    page.reload()
    assert page.locator("[id^=outbox-failed-]").count() == 0
    assert rows(app_server, "comment") == []


def test_online_errors_show_by_the_field_and_the_text_stays(phone, app_server):
    page = open_app(phone, app_server, f"/conditions/{DYSTONIA}/")
    page.fill("#comment_text", "Thank you for this page.")
    page.fill("#comment_name", "Ann")
    page.fill("#comment_email", "ann@")
    page.click(".comment-form button[type=submit]")

    page.wait_for_selector("#comment_email_error")
    assert page.text_content("#comment_email_error") == (
        "Enter an email address such as name@example.com."
    )
    assert page.input_value("#comment_text") == "Thank you for this page."
    assert outbox_items(page) == []

    page.fill("#comment_email", "ann@example.com")
    # Sooner, the same button takes it for a shaky first press.
    page.wait_for_timeout(PRESS_GUARD_MS)
    page.click(".comment-form button[type=submit]")
    page.wait_for_selector(".comment-form + .form-result")
    assert page.text_content(".comment-form + .form-result") == (
        "Thank you. Your comment will appear here once our team has read it."
    )
    assert page.locator("#comment_email_error").count() == 0
    assert rows(app_server, "comment", "name, email, status") == [
        ("Ann", "ann@example.com", "pending")
    ]


@pytest.fixture
def strict_server(start_server):
    """The app allowing one submission every three seconds from each address."""
    return start_server(settings={"DJANGO_SUBMISSION_RATE": "1/3s"})


def test_a_message_the_server_cannot_take_yet_is_sent_when_due(phone, strict_server):
    page = open_app(phone, strict_server, f"/conditions/{DYSTONIA}/")
    page.click(".feedback-form button[value=yes]")
    page.wait_for_selector(".feedback-form + .form-result")
    page.fill("#comment_text", "Sent a moment too soon.")
    page.fill("#comment_name", "Ann")
    page.fill("#comment_email", "ann@example.com")
    page.click(".comment-form button[type=submit]")

    result = page.wait_for_selector(".comment-form + .form-result")
    assert result.text_content() == "Saved, it will be sent automatically in a few minutes."
    wait_for_rows(strict_server, {"feedback": 1, "comment": 1})
    assert page.wait_for_selector("#outbox-sent").text_content() == (
        "Sent: your comment. Thank you."
    )
    assert api_posts(strict_server, expected=3) == [
        ("/api/v1/feedback/", 201),
        ("/api/v1/comments/", 429),
        ("/api/v1/comments/", 201),
    ]


def post_json(server, path: str, body: dict, key: str) -> int:
    request = urllib.request.Request(  # noqa: S310
        server.url + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Idempotency-Key": key},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.every_database
def test_concurrent_duplicates_store_one_row_and_no_request_fails(app_server):
    body = {"condition": DYSTONIA, "helpful": True, "comment": "Sent twice at once."}
    key = str(uuid.uuid4())
    # At most as many at once as the server takes writes (its threads less one, frontend/busy.py):
    # one more waits a quarter of a second for a slot, then is told busy, which on a loaded
    # machine made this test fail with a 503 the app means to send.
    with concurrent.futures.ThreadPoolExecutor(max_workers=WRITES_AT_ONCE) as pool:
        duplicates = list(
            pool.map(lambda _: post_json(app_server, "/api/v1/feedback/", body, key), range(8))
        )
        others = list(
            pool.map(
                lambda n: post_json(
                    app_server,
                    "/api/v1/feedback/",
                    {**body, "comment": f"Other {n}"},
                    str(uuid.uuid4()),
                ),
                range(8),
            )
        )

    assert duplicates == [201] * 8
    assert others == [201] * 8
    assert len(rows(app_server, "feedback")) == 9


def count_posts(phone) -> list[str]:
    """Every POST the pages and the service worker start, whether or not it reaches the server."""
    posts = []
    phone.on(
        "request",
        lambda request: posts.append(request.url) if request.method == "POST" else None,
    )
    return posts


def test_with_no_connection_a_waiting_message_is_tried_a_few_times_not_in_a_storm(
    phone, app_server
):
    page = open_app(phone, app_server, f"/conditions/{DYSTONIA}/")
    posts = count_posts(phone)
    phone.set_offline(True)
    page.click(".feedback-form button[value=no]")
    assert page.text_content(".feedback-form + .form-result") == SAVED

    page.wait_for_timeout(WATCH_MS)  # the period over which the tries are counted

    print(f"{len(posts)} tries to send in {WATCH_MS} ms with no connection")
    assert 1 <= len(posts) <= MOST_TRIES_WATCHED, f"{len(posts)} tries in {WATCH_MS} ms"
    assert "will be sent when you are back online" in page.text_content("#outbox-waiting")
    phone.set_offline(False)
    wait_for_rows(app_server, {"feedback": 1})
    page.wait_for_selector("#outbox-sent")
    assert page.locator("#outbox-waiting").count() == 0


def test_a_first_try_that_finds_no_connection_after_reconnecting_is_tried_again_soon(
    phone, app_server
):
    """The online event can come before the connection carries anything: that first try must
    not leave the message waiting for the next doubled wait (here 40 s)."""
    page = open_app(phone, app_server, f"/conditions/{DYSTONIA}/")
    phone.set_offline(True)
    page.click(".feedback-form button[value=no]")
    page.wait_for_timeout(16_000)  # tries at 0, 5 and 15 s: the next wait is 40 s
    refused = []

    def first_refused(route):
        if refused:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort("internetdisconnected")

    phone.route("**/api/v1/feedback/", first_refused)
    phone.set_offline(False)

    # Waiting in the browser: the route above answers only while Playwright's loop runs.
    page.wait_for_selector("#outbox-sent", timeout=12_000)
    assert len(refused) == 1
    wait_for_rows(app_server, {"feedback": 1})


def test_a_server_that_cannot_be_reached_while_online_is_not_called_offline(phone, app_server):
    page = open_app(phone, app_server, f"/conditions/{DYSTONIA}/")
    posts = count_posts(phone)
    phone.route("**/api/v1/feedback/", lambda route: route.abort("connectionrefused"))
    page.click(".feedback-form button[value=yes]")

    result = page.wait_for_selector(".feedback-form + .form-result")
    assert result.text_content() == UNREACHABLE
    notice = page.wait_for_selector("#outbox-waiting")
    assert UNREACHABLE in notice.text_content()
    assert "back online" not in notice.text_content()
    page.wait_for_timeout(WATCH_MS)  # the period over which the tries are counted
    assert 1 <= len(posts) <= MOST_TRIES_WATCHED, f"{len(posts)} tries in {WATCH_MS} ms"

    phone.unroute("**/api/v1/feedback/")
    page.click("#outbox-waiting button")  # "Send now"
    wait_for_rows(app_server, {"feedback": 1})
    assert page.wait_for_selector("#outbox-sent").text_content() == (
        "Sent: your feedback. Thank you."
    )
    assert api_posts(app_server) == [("/api/v1/feedback/", 201)]


def test_a_message_the_worker_sent_with_the_app_closed_is_reported_once(phone, app_server):
    page = open_app(phone, app_server, "/")
    phone.set_offline(True)
    page.goto(f"{app_server.url}/ask/?condition={DYSTONIA}")
    page.fill("textarea[name=text]", "Does it help at night?")
    page.check("input[name=consent]")
    page.click(".question-form button[type=submit]")
    assert page.text_content(".form-result") == SAVED
    page.close()

    phone.set_offline(False)
    wake_worker_for_background_sync(phone, app_server)
    wait_for_rows(app_server, {"question": 1})

    page = phone.new_page()
    page.goto(f"{app_server.url}/conditions/{SPASMS}/")
    notice = page.wait_for_selector("#outbox-sent-away").text_content()
    title = app_server.get_json(f"/api/v1/conditions/{DYSTONIA}/")["title"]
    sent_while_away = (
        f"Sent while you were away: your question about “{re.escape(title)}”, "
        r"\d{1,2} [A-Z][a-z]+ \d{2}:\d{2}\.$"
    )
    assert re.match(sent_while_away, notice), notice
    assert "Does it help at night?" not in notice

    page.goto(f"{app_server.url}/conditions/{DYSTONIA}/")
    page.wait_for_selector("html[data-outbox-checked=yes]")
    assert page.locator("#outbox-sent-away").count() == 0
    assert rows(app_server, "question", "text") == [("Does it help at night?",)]
