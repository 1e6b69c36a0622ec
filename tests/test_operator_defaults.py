"""What an operator meets running the app: a private database file, signing in that lands in the
admin, and a plain-HTTP test server that `make deploy` and `make serve` accept."""

import os
import stat
import subprocess
import sys

import pytest
from django.contrib.auth.models import User

from tests.test_production import PRODUCTION, PROJECT


def test_a_new_sqlite_database_is_readable_by_its_owner_only(tmp_path):
    database = tmp_path / "guide.sqlite3"
    result = subprocess.run(
        ["sh", "-c", 'umask 022 && exec "$0" manage.py migrate --noinput', sys.executable],
        cwd=PROJECT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    made = [path for path in tmp_path.iterdir() if path.name.startswith("guide.sqlite3")]
    assert database in made
    assert {path.name: stat.S_IMODE(path.stat().st_mode) for path in made} == {
        path.name: 0o600 for path in made
    }


@pytest.mark.parametrize("next_page", ["", "https://elsewhere.example/"])
def test_signing_in_with_an_empty_or_foreign_next_lands_in_the_admin(client, db, next_page):
    User.objects.create_user("ola", password="a-long-enough-password", is_staff=True)

    response = client.post(
        f"/admin/login/?next={next_page}",
        {"username": "ola", "password": "a-long-enough-password", "next": next_page},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def deploy_check(**environment: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        ["scripts/deploy-check"],
        cwd=PROJECT,
        env={**env, "PYTHON": sys.executable, **PRODUCTION, **environment},
        capture_output=True,
        text=True,
        check=False,
    )


def test_make_serve_accepts_a_plain_http_test_server_and_says_so():
    result = deploy_check(DJANGO_HTTPS="false")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "plain HTTP, for a test server only" in result.stderr


def test_make_serve_still_refuses_anything_else_on_plain_http():
    result = deploy_check(DJANGO_HTTPS="false", DJANGO_DEBUG="true")

    assert result.returncode != 0
    assert "security.W018" in result.stdout + result.stderr


def test_make_serve_refuses_plain_http_unless_asked_for():
    result = deploy_check(DJANGO_HSTS_SECONDS="0")

    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stdout + result.stderr
