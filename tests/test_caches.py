"""The caches as an operator names them (DJANGO_CACHE_URL, DJANGO_PAGES_CACHE_URL), the rate
limit and the page cache on a real Redis, and a Redis that does not answer."""

import json
import subprocess
import sys
import uuid

import redis
from django.core.cache import caches
from django.test import override_settings

from config.caches import pages_cache, shared_cache
from submissions.models import Question
from tests.browser.app_server import PROJECT, free_port

DYSTONIA = "/conditions/dystonia-and-medical-cannabis/"


def test_a_redis_url_gives_djangos_redis_cache_with_its_prefix_and_timeouts():
    config = shared_cache("redis://cache.example:6379/2?key_prefix=guide&timeout=600")

    assert config == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.example:6379/2",
        "KEY_PREFIX": "guide",
        "TIMEOUT": 600,
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }


def test_pages_stay_in_each_workers_memory_unless_a_shared_cache_is_named():
    assert pages_cache("", release="7")["BACKEND"].endswith("LocMemCache")
    assert pages_cache("", release="7")["TIMEOUT"] is None

    shared = pages_cache("redis://cache.example:6379/3?key_prefix=guide", release="7")

    assert shared["BACKEND"] == "config.caches.PagesRedisCache"
    assert shared["KEY_PREFIX"] == "guide:pages:7"  # one release never serves another's
    assert shared["TIMEOUT"] == 24 * 3600


def test_the_settings_read_both_cache_urls_from_the_environment():
    """As a server starts: the settings module itself, in a process of its own."""
    script = (
        "import django, json; django.setup(); from django.core.cache import caches; "
        "print(json.dumps([type(caches[n]).__name__ for n in ('default', 'pages')]"
        " + [caches['default'].make_key('k'), caches['pages'].make_key('k')]))"
    )
    environment = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_CACHE_URL": "redis://127.0.0.1:1/0?key_prefix=clinic",
        "DJANGO_PAGES_CACHE_URL": "redis://127.0.0.1:1/1",
        "DJANGO_APP_RELEASE": "r9",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )

    assert json.loads(result.stdout) == [
        "RedisCache",
        "PagesRedisCache",
        "clinic:1:k",
        "pages:r9:1:k",
    ]


def ask(client, text="Is this normal?"):
    return client.post(
        "/api/v1/questions/",
        json.dumps({"text": text, "consent": True}),
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )


def test_while_redis_does_not_answer_pages_are_served_and_submissions_are_told_busy(seeded, client):
    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(
        CACHES={"default": shared_cache(nowhere), "pages": pages_cache(nowhere, release="")}
    ):
        page = client.get(DYSTONIA)
        sent = ask(client)

    assert page.status_code == 200
    assert "Dystonia" in page.content.decode()
    assert sent.status_code == 503
    assert sent["Retry-After"] == "10"
    assert Question.objects.count() == 0


def test_on_redis_the_rate_limit_counts_and_pages_are_kept_a_day(
    seeded, client, settings, redis_cache_url
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"submissions": "2/hour"},
    }
    prefix = redis_cache_url.rsplit("=", 1)[1]
    with override_settings(
        CACHES={
            "default": shared_cache(redis_cache_url),
            "pages": pages_cache(redis_cache_url, release="r1"),
        }
    ):
        statuses = [ask(client, f"Question {n}").status_code for n in range(3)]
        first, again = client.get(DYSTONIA), client.get(DYSTONIA)
        kept = caches["pages"].make_key("anything").rsplit(":", 2)[0]

    server = redis.Redis.from_url(redis_cache_url.split("?")[0])
    page_keys = list(server.scan_iter(match=f"{kept}:*"))
    assert statuses == [201, 201, 429]
    assert Question.objects.count() == 2
    assert list(server.scan_iter(match=f"{prefix}:1:throttle_submissions_*"))
    assert again.content == first.content
    assert page_keys
    assert all(0 < server.ttl(key) <= 24 * 3600 for key in page_keys)
