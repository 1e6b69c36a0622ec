import fcntl
import hashlib
import os
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}"


DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def pytest_collection_modifyitems(items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "redis_cache_url" in fixtures:
            item.add_marker(pytest.mark.redis)
        if not (fixtures & DATABASE_FIXTURES or item.get_closest_marker("django_db")):
            item.add_marker(pytest.mark.no_database)


@pytest.fixture
def redis_cache_url():
    """A cache URL on the test Redis with a key prefix of this test's own: pytest-xdist workers,
    and the two halves of `make test`, share the server. The test's keys are deleted after it;
    the server is never flushed."""
    import redis

    server = os.environ.get("GUIDE_TEST_REDIS_URL", "")
    how = (
        "`make test-postgres` starts it; or run `scripts/test-redis` and set "
        "GUIDE_TEST_REDIS_URL to the URL it prints"
    )
    if not server:
        pytest.fail(f"This test needs the test Redis and GUIDE_TEST_REDIS_URL is not set: {how}.")
    client = redis.Redis.from_url(server, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.fail(f"The test Redis at {server} does not answer ({error}): {how}.")
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    yield f"{server}?key_prefix={prefix}"
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


def static_sources_fingerprint() -> str:
    """Changes whenever a static file any app or package provides is added, removed or changed."""
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in sorted(finder.list([]), key=lambda found: found[0]):
            state = os.stat(storage.path(path))
            digest.update(f"{path}\0{state.st_size}\0{state.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@pytest.fixture(scope="session", autouse=True)
def collected_static(django_db_blocker):
    """Pages reference hashed static files, as in production. Collecting (and compressing) them
    takes a minute, so it happens only when a static file changed since the last collection,
    and by one pytest-xdist worker while the others wait for it."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage

    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    stamp = root / ".collected-from"
    fingerprint = static_sources_fingerprint()
    manifest = root / "staticfiles.json"
    with (root / ".collecting").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (manifest.exists() and stamp.exists() and stamp.read_text() == fingerprint):
            call_command("collectstatic", interactive=False, verbosity=0)
            stamp.write_text(fingerprint)
    # This process may have read the manifest before another worker wrote it, and computed what
    # depends on the served files (the app's version, its files' sizes, pages) from the sources,
    # as a test module that calls the app while being collected does.
    staticfiles_storage.hashed_files, staticfiles_storage.manifest_hash = (
        staticfiles_storage.load_manifest()
    )
    forget_what_depends_on_static_files()


@pytest.fixture(scope="session", autouse=True)
def compiled_messages():
    """Pages in other languages read the compiled message files, which `make` compiles from the
    committed .po files; a test run started by hand compiles any that are missing or older."""
    from django.conf import settings

    for locale_dir in settings.LOCALE_PATHS:
        for po in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
            mo = po.with_suffix(".mo")
            with (po.parent / ".compiling").open("w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                    call_command("compilemessages", locale=[po.parent.parent.name], verbosity=0)
    from django.utils.translation import trans_real

    trans_real._translations = {}  # read again from the files just compiled


def forget_what_depends_on_static_files():
    from django.core.cache import caches

    from frontend.pages import app_shell_files, app_version
    from frontend.pwa import service_worker_script

    for computed in (app_shell_files, app_version, service_worker_script):
        computed.cache_clear()
    caches["pages"].clear()


@pytest.fixture(scope="session", autouse=True)
def test_process_settings():
    """What the test process itself changes, never the servers the browser tests start (they run
    as production does):

    - a fast password hasher: production's takes most of a second, and the staff fixtures make
      dozens of accounts;
    - whitenoise finding each static file when asked for it: every test client builds its own
      middleware, and whitenoise would otherwise read the whole static folder each time (a fifth
      of the CPU time of a test that renders pages). It serves the same files with the same
      headers either way.
    """
    from django.test.utils import override_settings

    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        WHITENOISE_AUTOREFRESH=True,
    ):
        yield


@pytest.fixture
def seeded(db):
    """The two seed documents, loaded the way `make run` loads them."""
    call_command("load_seed_content", verbosity=0)


def _staff(username: str, group: str, **names):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password="not-used", is_staff=True, **names)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    """A member of the Editor group the migrations create."""
    return _staff("edith", "Editor", first_name="Edith", last_name="Editor")


@pytest.fixture
def reviewer(db):
    """A member of the Clinical reviewer group, shown to patients with credentials."""
    from conditions.models import Author

    user = _staff("rui", "Clinical reviewer", first_name="Rui", last_name="Reviewer")
    Author.objects.create(
        name="Dr Rui Reviewer", credentials="MD, Consultant Neurologist", user=user
    )
    return user


@pytest.fixture
def editor_client(editor):
    """The editor signed in to the admin, second factor passed (tests/staff.py)."""
    from tests.staff import staff_client

    return staff_client(editor)


@pytest.fixture
def reviewer_client(reviewer):
    from tests.staff import staff_client

    return staff_client(reviewer)


@pytest.fixture(autouse=True)
def english_until_asked():
    """Each test starts in the site's language: a request to a /de/ page activates German in
    this thread, and the next test's messages would otherwise come out in German."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with no rendered pages in memory, as after a restart. The rate-limit
    counters live in a database table, rolled back with the rest of each test's writes."""
    from django.core.cache import caches

    caches["pages"].clear()
    yield
    caches["pages"].clear()
