"""The app under gunicorn, as `make serve` runs it, against what a public server meets: slow
clients, simultaneous posts from one address, and a long write holding the database."""

import json
import socket
import sqlite3
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.browser.app_server import ON_POSTGRES
from tests.browser.test_production_server import request

# Locks, limits and concurrent writes behave differently on each database.
pytestmark = pytest.mark.every_database

PAGE = "/conditions/dystonia-and-medical-cannabis/"


def question(server, *, key=None, text="Is this normal?"):
    status, headers, body = request(
        server,
        "POST",
        "/api/v1/questions/",
        headers={
            "Content-Type": "application/json",
            "Idempotency-Key": key or str(uuid.uuid4()),
        },
        body=json.dumps({"text": text, "consent": True}),
    )
    return status, headers, body


class SlowClient(threading.Thread):
    """Sends the start of a request at once and the rest a byte at a time, as a phone on a bad
    connection (or an attacker) would, until told to stop."""

    def __init__(self, port: int, start: str, rest: str):
        super().__init__(daemon=True)
        self.port = port
        self.start_bytes = start.encode()
        self.raw = rest.encode()
        self.stopped = threading.Event()
        self.connected = threading.Event()
        self.sent_all = False

    def run(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as connection:
            connection.sendall(self.start_bytes)
            self.connected.set()
            for byte in self.raw:
                if self.stopped.wait(0.3):
                    return
                connection.sendall(bytes([byte]))
            self.sent_all = True


def test_slow_clients_do_not_hold_up_other_readers(start_server):
    """Three slow clients on one worker process: each holds one of its threads, and a reader is
    answered by the thread left (a process answering one request at a time froze)."""
    server = start_server(workers=1)
    body = json.dumps({"text": "Slowly typed", "consent": True})
    headers = (
        "POST /api/v1/questions/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Content-Type: application/json\r\nIdempotency-Key: {uuid.uuid4()}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    slow = [
        SlowClient(server.port, f"GET {PAGE} HTTP/1.1\r\n", "Host: 127.0.0.1\r\nX-Slow: 1\r\n\r\n"),
        SlowClient(server.port, f"GET {PAGE} HTTP/1.1\r\n", "Host: 127.0.0.1\r\nX-Slow: 2\r\n\r\n"),
        SlowClient(server.port, headers, body),
    ]
    for client in slow:
        client.start()
        client.connected.wait(5)
    threading.Event().wait(1)  # every slow client has started sending

    try:
        status, _, page = request(server, "GET", PAGE)
        still_sending = [not client.sent_all for client in slow]
    finally:
        for client in slow:
            client.stopped.set()

    assert status == 200
    assert "Dystonia" in page
    assert still_sending == [True, True, True]
    assert "WORKER TIMEOUT" not in server.log_path.read_text()


def test_simultaneous_posts_from_one_address_never_pass_the_limit(start_server):
    """40 posts at once, each sent again after a 503 ("busy") as the outbox does: exactly the
    limit is stored."""
    server = start_server(settings={"DJANGO_SUBMISSION_RATE": "10/hour"})
    ready = threading.Barrier(40)

    def post(number):
        key = str(uuid.uuid4())
        ready.wait()
        while (status := question(server, key=key, text=f"Question {number}")[0]) == 503:
            threading.Event().wait(0.05)
        return status

    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(post, range(40)))

    assert sorted(statuses) == [201] * 10 + [429] * 30
    assert server.query("SELECT COUNT(*) FROM submissions_question") == [(10,)]


@pytest.mark.skipif(ON_POSTGRES, reason="PostgreSQL locks rows, not the whole database")
def test_a_long_write_neither_stalls_reads_nor_fails_a_post(start_server):
    """Someone holds SQLite's write lock (a long import, say): pages are still read at once, and
    a post is told to come back (503 with Retry-After) instead of failing or waiting for ever."""
    server = start_server(workers=2)
    writer = sqlite3.connect(server.database_url.removeprefix("sqlite:///"), timeout=1)
    writer.execute("BEGIN IMMEDIATE")
    key = str(uuid.uuid4())
    try:
        with ThreadPoolExecutor(max_workers=7) as pool:
            posts = [pool.submit(question, server) for _ in range(6)]
            threading.Event().wait(0.5)  # the posts are waiting for the lock, or told busy
            page_status = request(server, "GET", PAGE)[0]
            posts_waiting_when_page_came = sum(not post.done() for post in posts)
            refused = [post.result() for post in posts]
        status, headers, body = question(server, key=key)
        lock_still_held = writer.in_transaction
    finally:
        writer.rollback()
        writer.close()

    assert page_status == 200
    assert posts_waiting_when_page_came > 0  # the page did not wait for them
    assert lock_still_held
    assert [answer[0] for answer in refused] == [503] * 6
    assert status == 503
    assert int(headers["Retry-After"]) > 0
    assert "nothing was stored" in json.loads(body)["detail"]
    assert server.query("SELECT COUNT(*) FROM submissions_question") == [(0,)]
    # The outbox sends the same key again once the lock is gone.
    assert question(server, key=key)[0] == 201
    assert server.query("SELECT COUNT(*) FROM submissions_question") == [(1,)]
