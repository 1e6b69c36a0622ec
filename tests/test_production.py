"""What a clinic's server needs: settings that refuse to run unsafely, security headers on every
response, locked-out logins, error pages in the site's look, and backups that restore exactly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client

from submissions.limits import SubmissionRateThrottle
from tests.headers import csp_directives
from tests.html_text import visible_text
from tests.staff import staff_client

PROJECT = Path(__file__).resolve().parents[1]
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "q7Zp2" * 10,
    "DJANGO_ALLOWED_HOSTS": "guide.example.org",
    "DATABASE_URL": "sqlite:////tmp/never-opened.sqlite3",
}
READER_PATHS = [
    "/",
    "/conditions/severe-or-persistent-muscle-spasms/",
    "/search/?q=spasm",
    "/ask/",
    "/offline/",
    "/sw.js",
    "/manifest.webmanifest",
    "/api/v1/conditions/",
    "/api/v1/offline-manifest/",
    "/no-such-page/",
    "/admin/login/",
]


def page_text(response) -> str:
    return visible_text(response.content.decode())


def manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_deploy_check_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_fails_when_https_is_switched_off():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, DJANGO_HTTPS="false"
    )

    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr
    assert "SESSION_COOKIE_SECURE" in result.stderr


@pytest.mark.parametrize(
    ("https", "names"),
    [("true", "__Host-sessionid __Host-csrftoken"), ("false", "sessionid csrftoken")],
)
def test_cookies_carry_the_host_prefix_over_https_only(https, names):
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_PATH,"
        " s.CSRF_COOKIE_PATH, s.SESSION_COOKIE_DOMAIN, s.CSRF_COOKIE_DOMAIN)",
        **PRODUCTION,
        DJANGO_HTTPS=https,
    )

    secure = "True" if https == "true" else "False"
    assert result.stdout.splitlines()[-1].split() == [
        *names.split(),
        secure,
        secure,
        "/",
        "/",
        "None",
        "None",
    ]


@pytest.mark.parametrize(
    "secret",
    [
        None,
        "",
        "changeme",
        "x" * 60,
        "development-only-secret-key-never-use-in-production",
        "django-insecure-" + "k3Jh9s" * 8,
    ],
)
def test_with_debug_off_the_app_refuses_to_start_without_a_real_secret_key(secret):
    environment = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}
    if secret is not None:
        environment["DJANGO_SECRET_KEY"] = secret

    result = manage("check", **environment)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("path", READER_PATHS)
def test_every_response_carries_the_security_headers(client, seeded, path):
    response = client.get(path)

    policy = csp_directives(response)
    assert policy["default-src"] == "'none'"
    assert "object-src" not in policy  # default-src 'none' covers it, and frames and fonts
    assert "frame-src" not in policy
    assert policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    if response["Content-Type"].startswith(("application/json", "application/manifest+json")):
        assert policy["form-action"] == "'none'"  # the rest: tests/test_headers.py
    else:
        assert policy["script-src"] == "'self'"
        assert policy["style-src"] == "'self'"
        assert policy["img-src"] == "'self'"
        assert policy["form-action"] == "'self'"
        assert policy["worker-src"] == "'self'"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_static_files_carry_the_headers_and_are_cached_for_good_compressed(client):
    from django.templatetags.static import static

    url = static("frontend/css/app.css")
    plain = client.get(url)
    brotli = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip")
    gzip = client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert plain["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "script-src 'self'" in plain["Content-Security-Policy"]
    assert brotli["Content-Encoding"] == "br"
    assert gzip["Content-Encoding"] == "gzip"
    assert (
        int(brotli["Content-Length"]) < int(gzip["Content-Length"]) < int(plain["Content-Length"])
    )


@pytest.mark.parametrize(
    ("path", "cache_control"),
    [
        ("/", "public, no-cache"),
        ("/conditions/severe-or-persistent-muscle-spasms/", "public, no-cache"),
        ("/search/?q=spasm", "public, no-cache"),
        ("/offline/", "public, no-cache"),
        ("/sw.js", "public, no-cache"),
        ("/manifest.webmanifest", "public, no-cache"),
        ("/api/v1/offline-manifest/", "public, no-cache"),
        # Carries a CSRF token for this reader: never kept by a CDN.
        ("/ask/", "private, no-cache"),
    ],
)
def test_pages_and_the_app_shell_are_revalidated_before_reuse(client, seeded, path, cache_control):
    assert client.get(path)["Cache-Control"] == cache_control


def test_the_admin_is_never_cached(client):
    assert "no-store" in client.get("/admin/login/")["Cache-Control"]


def test_only_the_admins_preview_may_be_framed_and_only_by_the_admin(editor_client, seeded):
    from conditions.models import Condition

    condition = Condition.objects.get(slug="dystonia-and-medical-cannabis")
    preview = editor_client.get(f"/admin/conditions/condition/{condition.pk}/preview/page/")
    change = editor_client.get(f"/admin/conditions/condition/{condition.pk}/change/")

    screen = editor_client.get(f"/admin/conditions/condition/{condition.pk}/preview/")

    assert preview.status_code == 200
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'none'" in change["Content-Security-Policy"]
    # Only the preview screen may hold a frame, and only of this origin.
    assert "frame-src 'self'" in screen["Content-Security-Policy"]
    assert "frame-src" not in change["Content-Security-Policy"]


def test_only_the_api_docs_may_show_data_images(client):
    docs = client.get("/api/v1/docs/")
    home = client.get("/offline/")

    assert "img-src 'self' data:" in docs["Content-Security-Policy"]
    assert "img-src 'self';" in home["Content-Security-Policy"]


def test_a_request_for_another_host_gets_400_in_the_sites_look(client, seeded):
    response = client.get("/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    text = page_text(response)
    assert "Something was wrong with that request" in text
    assert "Spasm & Dystonia Guide" in text
    assert "Traceback" not in response.content.decode()


def test_a_page_without_permission_gets_403_in_the_sites_look(editor_client):
    response = editor_client.get("/admin/auth/user/")

    assert response.status_code == 403
    assert "You cannot open this page" in page_text(response)


def test_an_expired_admin_form_gets_403_that_says_what_to_do(db):
    response = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "edith", "password": "anything"}
    )

    assert response.status_code == 403
    text = page_text(response)
    assert "Please send the form again" in text
    assert "Nothing was saved" in text


@pytest.mark.urls("tests.raising_urls")
def test_a_server_error_gets_500_in_the_sites_look_and_no_traceback(db):
    client = Client(raise_request_exception=False)

    page = client.get("/failing/")
    api = client.get("/api/v1/failing/")

    assert page.status_code == 500
    assert "Something went wrong on our side" in page_text(page)
    assert "Spasm & Dystonia Guide" in page_text(page)
    assert "a bug the reader must never see" not in page.content.decode()
    assert "Traceback" not in page.content.decode()
    assert api.status_code == 500
    assert api.json() == {"detail": "Something went wrong on our side. Please try again later."}


def test_admin_logins_are_locked_out_after_five_wrong_passwords(editor):
    editor.set_password("the-right-password")
    editor.save()
    client = Client()

    answers = [
        client.post("/admin/login/", {"username": "edith", "password": f"wrong-{n}"})
        for n in range(5)
    ]
    locked = client.post("/admin/login/", {"username": "edith", "password": "the-right-password"})
    other_user = client.post("/admin/login/", {"username": "rui", "password": "wrong"})

    assert [answer.status_code for answer in answers[:4]] == [200] * 4
    assert answers[4].status_code == 429
    assert locked.status_code == 429
    assert "Signing in is paused" in page_text(locked)
    assert "_auth_user_id" not in client.session
    # The lock is for that username from that address, so nobody can lock a colleague out
    # everywhere.
    assert other_user.status_code == 200


def test_a_right_password_before_the_limit_clears_the_failures(editor):
    editor.set_password("the-right-password")
    editor.save()
    client = Client()
    for n in range(4):
        client.post("/admin/login/", {"username": "edith", "password": f"wrong-{n}"})

    signed_in = client.post(
        "/admin/login/", {"username": "edith", "password": "the-right-password"}
    )
    client.logout()
    after = [
        client.post("/admin/login/", {"username": "edith", "password": f"again-{n}"})
        for n in range(4)
    ]

    assert signed_in.status_code == 302
    assert [answer.status_code for answer in after] == [200] * 4


@pytest.mark.parametrize(
    ("rate", "allowed"),
    [("30/hour", (30, 3600)), ("1/5s", (1, 5)), ("10/15m", (10, 900)), ("2/day", (2, 86400))],
)
def test_submission_rates_may_name_a_number_of_periods(rate, allowed):
    assert SubmissionRateThrottle().parse_rate(rate) == allowed


def test_a_submission_rate_that_is_not_a_rate_is_refused_by_name():
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SUBMISSION_RATE '30/fortnight'"):
        SubmissionRateThrottle().parse_rate("30/fortnight")


def test_the_rate_limit_counters_live_in_the_shared_database_cache(settings):
    from django.core.cache import caches

    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert type(caches["pages"]).__name__ == "LocMemCache"


@pytest.mark.django_db(transaction=True)
def test_a_backup_loaded_into_an_empty_database_serves_identical_pages(tmp_path):
    """dumpdata of a populated database, loaded into an emptied one, gives the same bytes on
    every public address, the same answers in the API and the same history in the admin."""
    from django.contrib.auth.models import User
    from django.contrib.contenttypes.models import ContentType

    from submissions.models import Comment
    from submissions.services import comment_moderate

    # Earlier tests that flushed the database left content type ids in this process's cache.
    ContentType.objects.clear_cache()
    call_command("load_seed_content", verbosity=0)
    condition_slug = "dystonia-and-medical-cannabis"
    from conditions.models import Condition

    condition = Condition.objects.get(slug=condition_slug)
    moderator = User.objects.create_superuser("admin", "admin@example.org", "a-password")
    comment = Comment.objects.create(
        condition=condition,
        name="Ann",
        email="ann@example.com",
        text="This helped me.",
        idempotency_key="6f9619ff-8b86-d011-b42d-00c04fc964ff",
        request_hash="x",
    )
    comment_moderate(comments=[comment], status=Comment.Status.APPROVED, by=moderator)
    paths = [
        "/",
        f"/conditions/{condition_slug}/",
        "/conditions/severe-or-persistent-muscle-spasms/",
        "/search/?q=dystonia",
        "/api/v1/conditions/",
        f"/api/v1/conditions/{condition_slug}/",
        "/api/v1/offline-manifest/",
    ]

    def snapshot():
        from django.core.cache import caches

        caches["pages"].clear()
        reader = Client()
        return {path: (reader.get(path).content, reader.get(path).get("ETag")) for path in paths}

    before = snapshot()
    history_before = staff_client(moderator)
    history_url = f"/admin/conditions/condition/{condition.pk}/history/"
    history = page_text(history_before.get(history_url))
    backup = tmp_path / "backup.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        "--exclude=contenttypes",
        "--exclude=auth.permission",
        "--exclude=sessions",
        "--exclude=axes",
        f"--output={backup}",
        verbosity=0,
    )

    call_command("flush", interactive=False, verbosity=0)
    ContentType.objects.clear_cache()  # as a new process restoring the backup would start
    assert Client().get(f"/conditions/{condition_slug}/").status_code == 404
    call_command("loaddata", str(backup), verbosity=0)

    assert snapshot() == before
    restored = staff_client(User.objects.get(username="admin"))
    assert page_text(restored.get(history_url)) == history
