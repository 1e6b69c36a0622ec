"""The app under gunicorn with production settings, over real HTTP: HTTPS enforced behind a
proxy, cookies that never leave HTTPS, and one rate limit shared by every worker."""

import http.client
import json
import re
import urllib.parse
import uuid
from http.cookies import SimpleCookie

import pytest

# As a TLS-terminating proxy on this machine would forward a reader's HTTPS request.
VIA_HTTPS = {"X-Forwarded-Proto": "https"}


def request(server, method, path, *, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()


def cookie_attributes(headers, name: str) -> dict:
    for header in headers.get_all("Set-Cookie") or []:
        cookie = SimpleCookie(header)
        if name in cookie:
            morsel = cookie[name]
            return {
                "secure": bool(morsel["secure"]),
                "httponly": bool(morsel["httponly"]),
                "samesite": morsel["samesite"],
                "path": morsel["path"],
                "domain": morsel["domain"],
            }
    raise AssertionError(f"No {name} cookie was set")


@pytest.fixture
def production_server(start_server):
    return start_server(
        settings={"DJANGO_HTTPS": "true", "DJANGO_NUM_PROXIES": "1"}, probe_headers=VIA_HTTPS
    )


def test_plain_http_is_redirected_to_https(production_server):
    status, headers, _ = request(production_server, "GET", "/ask/")

    assert status == 301
    assert headers["Location"] == f"https://127.0.0.1:{production_server.port}/ask/"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"


def test_https_responses_tell_browsers_to_stay_on_https_for_a_year(production_server):
    status, headers, _ = request(production_server, "GET", "/", headers=VIA_HTTPS)

    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "upgrade-insecure-requests" in headers["Content-Security-Policy"]


def test_session_and_csrf_cookies_are_host_only_secure_httponly_and_same_site(production_server):
    production_server.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        "User.objects.create_superuser('ada', 'ada@example.org', 'a-long-admin-password')",
    )
    status, headers, html = request(production_server, "GET", "/admin/login/", headers=VIA_HTTPS)
    assert status == 200
    csrf_cookie = SimpleCookie(headers["Set-Cookie"])["__Host-csrftoken"].value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]

    status, signed_in, _ = request(
        production_server,
        "POST",
        "/admin/login/",
        headers={
            **VIA_HTTPS,
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"__Host-csrftoken={csrf_cookie}",
            "Referer": f"https://127.0.0.1:{production_server.port}/admin/login/",
        },
        body=urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": "ada",
                "password": "a-long-admin-password",
                "next": "/admin/",
            }
        ),
    )

    assert status == 302
    # __Host-: Secure, path "/" and no Domain, so no other host under the domain can set them.
    expected = {"secure": True, "httponly": True, "samesite": "Lax", "path": "/", "domain": ""}
    assert cookie_attributes(headers, "__Host-csrftoken") == expected
    assert cookie_attributes(signed_in, "__Host-sessionid") == expected


def test_a_bogus_host_gets_400_in_the_sites_look_without_a_traceback(production_server):
    status, _, html = request(
        production_server, "GET", "/", headers={**VIA_HTTPS, "Host": "attacker.example"}
    )

    assert status == 400
    assert "Something was wrong with that request" in html
    assert "Traceback" not in html
    assert "attacker.example" not in html


def test_an_unknown_page_gets_404_in_the_sites_look(production_server):
    status, headers, html = request(production_server, "GET", "/no-such-page/", headers=VIA_HTTPS)

    assert status == 404
    assert "Page not found" in html
    assert "Traceback" not in html
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def ask(server) -> int:
    status, _, _ = request(
        server,
        "POST",
        "/api/v1/questions/",
        headers={"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())},
        body=json.dumps({"text": "Is this normal?", "consent": True}),
    )
    return status


@pytest.mark.every_database
def test_every_worker_and_server_counts_against_one_rate_limit(
    seeded_databases, start_server, tmp_path
):
    """Two app servers (separate processes, as workers are) on one database, three questions
    an hour from one address: once three have arrived anywhere, both servers refuse more."""
    database = seeded_databases.copy(tmp_path)
    first, second = (
        start_server(database_url=database, settings={"DJANGO_SUBMISSION_RATE": "3/hour"})
        for _ in range(2)
    )

    statuses = [ask(first), ask(second), ask(first), ask(second), ask(first)]

    assert statuses == [201, 201, 201, 429, 429]


PUBLIC_PATHS = [
    "/",
    "/conditions/dystonia-and-medical-cannabis/",
    "/conditions/severe-or-persistent-muscle-spasms/",
    "/search/?q=spasm",
    "/api/v1/conditions/",
    "/api/v1/offline-manifest/",
]


def public_bytes(server) -> dict[str, tuple[int, str]]:
    return {path: request(server, "GET", path)[::2] for path in PUBLIC_PATHS}


@pytest.mark.every_database
def test_an_online_backup_taken_while_serving_restores_identical_pages(
    seeded_databases, start_server, tmp_path
):
    """The README's backup commands, run against a live server: SQLite's online backup, or
    pg_dump and pg_restore when the suite runs on PostgreSQL."""
    live = start_server()
    assert ask(live) == 201
    before = public_bytes(live)

    restored = start_server(
        database_url=seeded_databases.backup_and_restore(live.database_url, tmp_path)
    )
    after = public_bytes(restored)
    questions = restored.query("SELECT text FROM submissions_question")

    assert after == before
    assert all(status == 200 for status, _ in after.values())
    assert questions == [("Is this normal?",)]


def test_the_api_docs_work_under_the_content_security_policy(server_pages, app_server):
    """Swagger UI comes from this server and runs with no inline style or script; the fixture
    fails the test if chromium refused anything under the policy."""
    server_pages.goto(app_server.url + "/api/v1/docs/")
    server_pages.wait_for_selector(".opblock-summary-path")

    paths = server_pages.locator(".opblock-summary-path").all_text_contents()
    assert "/api/v1/conditions/{slug}/" in paths
    assert "/api/v1/questions/" in paths
