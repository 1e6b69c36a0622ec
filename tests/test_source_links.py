"""`manage.py check_source_links` against a real HTTP server on this machine (never outside it),
and the admin's list of broken links."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from conditions.models import Condition
from conditions.source_links import SourceLink
from tests.factories import make_condition

HOLD_SECONDS = 0.3  # how long a request waits to see whether a third arrives beside it


class Sources(BaseHTTPRequestHandler):
    """A web server of sources: working, missing, failing, moved, slow and HEAD-refusing pages.

    Requests to /hold/… wait (briefly) beside each other, so the most in flight at once shows
    how many the command checks at a time."""

    def do_HEAD(self):
        self.answer(with_body=False)

    def do_GET(self):
        self.answer(with_body=True)

    def answer(self, *, with_body: bool):
        server = self.server
        server.requests.append((self.command, self.path))
        if self.path.startswith("/hold/"):
            with server.flight:
                server.in_flight += 1
                server.most_in_flight = max(server.most_in_flight, server.in_flight)
                server.flight.notify_all()
                server.flight.wait_for(lambda: server.in_flight > 2, timeout=HOLD_SECONDS)
                server.in_flight -= 1  # before answering: the next request may follow at once
            return self.reply(200, with_body)
        if self.path == "/slow":
            server.released.wait(timeout=10)
            return self.reply(200, with_body)
        if self.path == "/no-head":
            return self.reply(405 if self.command == "HEAD" else 200, with_body)
        if self.path == "/moved":
            return self.reply(301, with_body, location="/ok")
        if self.path.startswith("/loop/"):
            number = int(self.path.rsplit("/", 1)[1])
            return self.reply(302, with_body, location=f"/loop/{number + 1}")
        if self.path == "/file":
            return self.reply(302, with_body, location="file:///etc/passwd")
        statuses = {"/ok": 200, "/missing": 404, "/failing": 500}
        return self.reply(statuses.get(self.path, 404), with_body)

    def reply(self, status: int, with_body: bool, location: str | None = None):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def sources():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Sources)
    server.daemon_threads = True
    server.requests, server.in_flight, server.most_in_flight = [], 0, 0
    server.flight, server.released = threading.Condition(), threading.Event()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.released.set()
    server.shutdown()
    server.server_close()


def cite(server, *paths, **fields) -> Condition:
    return make_condition(
        sources=[(f"Source {path}", server.url + path) for path in paths], **fields
    )


def check(*args) -> str:
    out = StringIO()
    call_command("check_source_links", *args, stdout=out)
    return out.getvalue()


def found(server, path: str) -> tuple:
    link = SourceLink.objects.get(url=server.url + path)
    return link.status, link.error, link.final_url.removeprefix(server.url), link.is_broken


@pytest.mark.django_db
def test_each_published_address_is_recorded_with_what_its_check_found(sources):
    cite(sources, "/ok", "/missing", "/failing", "/moved", "/no-head", "/slow")

    out = check("--timeout", "0.5")

    assert found(sources, "/ok") == (200, "", "", False)
    assert found(sources, "/missing") == (404, "", "", True)
    assert found(sources, "/failing") == (500, "", "", True)
    assert found(sources, "/moved") == (200, "", "/ok", False)
    assert found(sources, "/no-head") == (200, "", "", False)
    assert found(sources, "/slow") == (None, "No answer within 0.5 s", "", True)
    assert SourceLink.objects.filter(checked_at__isnull=True).count() == 0
    assert out.splitlines() == [
        f"Broken: {sources.url}/failing (HTTP 500)",
        f"Broken: {sources.url}/missing (HTTP 404)",
        f"Broken: {sources.url}/slow (No answer within 0.5 s)",
        "Checked 6 source addresses: 3 working, 3 broken.",
    ]
    # HEAD first; GET only where HEAD was refused; a redirect is followed with HEAD.
    assert ("GET", "/ok") not in sources.requests
    assert ("HEAD", "/ok") in sources.requests
    assert [r for r in sources.requests if r[1] == "/no-head"] == [
        ("HEAD", "/no-head"),
        ("GET", "/no-head"),
    ]
    assert ("GET", "/missing") in sources.requests  # a server may refuse only HEAD


@pytest.mark.django_db
@override_settings(SOURCE_LINK_MAX_REDIRECTS=3)
def test_redirects_are_followed_up_to_the_limit_and_only_to_web_addresses(sources):
    cite(sources, "/loop/1", "/file")

    check()

    assert found(sources, "/loop/1") == (302, "More than 3 redirects", "", True)
    assert ("HEAD", "/loop/4") in sources.requests
    assert ("HEAD", "/loop/5") not in sources.requests
    status, error, _, broken = found(sources, "/file")
    assert (status, error, broken) == (302, "Redirected to file:///etc/passwd", True)


@pytest.mark.django_db
def test_no_more_addresses_are_checked_at_once_than_the_workers(sources):
    cite(sources, *(f"/hold/{number}" for number in range(4)))

    out = check("--workers", "2")

    assert sources.most_in_flight == 2
    assert out.endswith("Checked 4 source addresses: 4 working, 0 broken.\n")


@pytest.mark.django_db
def test_only_published_addresses_are_checked_each_once_and_old_ones_forgotten(sources):
    first = cite(sources, "/ok", "/missing")
    cite(sources, "/ok")
    cite(sources, "/failing", status=Condition.Status.DRAFT)
    SourceLink.objects.create(url=sources.url + "/no-longer-cited", status=404)

    check()

    assert sorted(SourceLink.objects.values_list("url", flat=True)) == [
        sources.url + "/missing",
        sources.url + "/ok",
    ]
    assert sources.requests.count(("HEAD", "/ok")) == 1
    ok = SourceLink.objects.get(url=sources.url + "/ok")
    assert ok.conditions.count() == 2
    assert list(SourceLink.objects.get(url=sources.url + "/missing").conditions.all()) == [first]


@pytest.mark.django_db
def test_bad_options_are_refused_with_a_message():
    with pytest.raises(CommandError, match="--workers at least 1"):
        check("--workers", "0")


@pytest.mark.django_db
def test_the_admin_filters_broken_links(sources, editor_client):
    page = cite(sources, "/ok", "/missing", "/slow", title="Writer’s cramp")
    check("--timeout", "0.5")

    everything = editor_client.get("/admin/conditions/sourcelink/").content.decode()
    broken = editor_client.get("/admin/conditions/sourcelink/?link=broken").content.decode()

    assert "Broken links" in everything
    assert f"{sources.url}/ok" in everything
    assert f"{sources.url}/ok" not in broken
    assert f"{sources.url}/missing" in broken and "No answer within 0.5 s" in broken
    assert "2 source links" in broken
    assert f'/admin/conditions/condition/{page.pk}/change/">Writer’s cramp</a>' in broken
