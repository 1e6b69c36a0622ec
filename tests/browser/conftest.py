"""Real-browser tests: the app runs as its own server process on 127.0.0.1 and Debian's chromium,
driven by Playwright, uses it as a patient's phone would.

Each server gets its own copy of a database holding the seed content, so a test may publish edits
without disturbing others. The server's request log shows what the service worker fetched.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.browser.app_server import ON_POSTGRES, AppServer, Databases, free_port
from tests.browser.steps import add_trust_showcase

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
# What `expect` waits for: a form sent, its redirect and the next page drawn took over
# Playwright's 5 s default on a CI run with both halves of `make test` sharing 2 cores.
expect.set_options(timeout=15_000)
BROWSER_TESTS = Path(__file__).parent
# The modules `make test` runs in its PostgreSQL half alone (see the Makefile), marked
# `postgres_half`, so that the halves take about as long as each other: those that drive the
# staff's pages (the admin, signing in), and the German reader's offline app.
POSTGRES_HALF = {
    "test_csp_reports.py",
    "test_editor_form.py",
    "test_editorial.py",
    "test_editors_desk.py",
    "test_lockout.py",
    "test_passkeys.py",
    "test_reporting_api.py",
    "test_sign_in_methods.py",
    "test_staff_sign_in.py",
    "test_translation_status.py",
    "test_translations.py",
    "test_offline_languages.py",
}


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
            if item.path.name in POSTGRES_HALF:
                item.add_marker(pytest.mark.postgres_half)


def csp_refusals(context) -> list[str]:
    """Every console message in which the browser reports refusing something under the page's
    Content-Security-Policy; each browser test asserts there were none."""
    refused = []
    context.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


@pytest.fixture(scope="session")
def seeded_databases(tmp_path_factory):
    """A database with the seed content, made the way `make run` makes it, to copy from."""
    databases = Databases(tmp_path_factory.mktemp("seeded"))
    template = AppServer(databases.workdir, databases.seed_url, port=0)
    template.manage("migrate", "--noinput")
    template.manage("load_seed_content")
    yield databases
    for server in databases.stopping:
        server.stop(quick=True)
    if ON_POSTGRES:
        databases.drop_all()


class ServerStarter:
    """Starts app servers for one test, each on its own copy of the seeded database unless told
    which database to use."""

    def __init__(self, databases: Databases, workdir: Path):
        self.databases = databases
        self.workdir = workdir
        self.started = []
        self.early = None

    def __call__(
        self, *, database_url=None, settings=None, workers=1, probe_headers=None
    ) -> AppServer:
        return self.server(database_url, settings, workers).start(probe_headers=probe_headers)

    def server(self, database_url=None, settings=None, workers=1) -> AppServer:
        server = AppServer(
            self.workdir,
            database_url or self.databases.copy(self.workdir),
            free_port(),
            settings=settings,
            workers=workers,
        )
        self.started.append(server)
        return server

    def spawn_app_server(self) -> None:
        """Start the test's `app_server` now and wait for it only when the test asks for it:
        gunicorn boots while chromium starts."""
        self.early = self.server().spawn()

    def app_server(self) -> AppServer:
        if self.early is None:
            return self()
        return self.early.wait_until_ready()


@pytest.fixture
def start_server(seeded_databases, tmp_path, request):
    """Starts app servers for one test (see ServerStarter) and stops them all after it."""
    starter = ServerStarter(seeded_databases, tmp_path)
    if "app_server" in request.fixturenames:
        starter.spawn_app_server()
    yield starter
    # The test is over and its browser closed: nothing is left to answer. Each server stops at
    # once (its port closes first), exiting while the next test starts; the session waits for it.
    for server in starter.started:
        server.signal_stop(quick=True)
    seeded_databases.stopping.extend(starter.started)


@pytest.fixture
def app_server(start_server):
    return start_server.app_server()


def serve_for_reading(seeded_databases, tmp_path_factory, prepare=None):
    """A server on its own copy of the seeded database for the tests of one module (on one
    pytest-xdist worker), stopped after them; `prepare(server)` runs once before it starts
    (content the module's tests read)."""
    workdir = tmp_path_factory.mktemp("reading")
    server = AppServer(workdir, seeded_databases.copy(workdir), free_port())
    if prepare:
        prepare(server)
    server.start()
    yield server
    server.signal_stop(quick=True)
    seeded_databases.stopping.append(server)


@pytest.fixture(scope="module")
def reading_server(seeded_databases, tmp_path_factory):
    """One server for the tests of a module that only read: booting a server is most of a
    browser test's set-up. Each test still has its own browser context or profile (a phone's
    service worker and offline copy live there, so installing the app and going offline is
    reading too).

    A test stays on `app_server`, a server of its own, when it changes what the server stores
    or remembers: publishing or importing content, sending a form (even one refused: the rate
    limit counts it), signing in, restarting the server or needing settings of its own; and
    whenever that is not certain. A search that finds nothing is counted (UnfoundSearch), which
    no page a reader sees shows: reading. A test counting the server's requests counts from a
    `log_mark()` taken in the test, never from the start of the log.

    Not certain, so on a server of its own: test_languages.py's German messages offline (its
    question waits in the phone's outbox, which could send it).
    """
    yield from serve_for_reading(seeded_databases, tmp_path_factory)


@pytest.fixture(scope="module")
def showcase_server(seeded_databases, tmp_path_factory):
    """`reading_server` with the trust showcase (steps.add_trust_showcase) published before it
    starts, for tests that read that page."""
    yield from serve_for_reading(seeded_databases, tmp_path_factory, add_trust_showcase)


@pytest.fixture(scope="session")
def playwright():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    with sync_playwright() as driver:
        yield driver


def open_phone_profile(playwright, profile: Path):
    """Chromium on a normal (not incognito) profile kept in `profile`, in a phone-sized window."""
    return playwright.chromium.launch_persistent_context(
        profile,
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport=PHONE,
        has_touch=True,
        service_workers="allow",
    )


def checked_phone(context):
    """Yield `context`, then close it and assert that every request its pages made went to
    127.0.0.1 (the service worker's own requests show in the server's log instead) and that the
    Content-Security-Policy refused nothing."""
    outside = []
    refused = csp_refusals(context)
    context.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(("http://127.0.0.1:", "data:", "blob:"))
            else outside.append(request.url)
        ),
    )
    yield context
    context.close()
    assert outside == [], f"Requests left 127.0.0.1: {outside}"
    assert refused == [], f"The Content-Security-Policy refused: {refused}"


@pytest.fixture
def phone(browser, start_server):
    """A phone that keeps the app open for the whole test: a browser context of its own (cookies,
    storage, service worker, caches) on the session's chromium, phone-sized, with touch. Opening
    one takes a fraction of the CPU a chromium of its own does. It closes before the test's
    servers stop (it depends on `start_server`), so no server waits for its connections.

    Take `phone_with_profile` instead when the test closes the app and opens it again (all a
    context holds goes when it closes), or asks whether the app can be installed (chromium says
    "in-incognito" of any such context). Everything else the app uses behaves as on a normal
    profile (checked with chromium 156): the service worker, Cache Storage, IndexedDB, Background
    Sync (`sync.register`, the DevTools sync event), and `navigator.storage`: `persist()` is
    refused on both and `estimate()` gives the same quota.
    """
    context = browser.new_context(viewport=PHONE, has_touch=True, service_workers="allow")
    yield from checked_phone(context)


@pytest.fixture
def phone_with_profile(playwright, tmp_path, start_server):
    """A chromium of its own on a normal (not incognito) profile kept in `tmp_path / "profile"`,
    in a phone-sized window with touch, checked as `phone` is. For the tests that close the app
    and open it again on the same profile (test_typed_text.reopen) and those that need the app
    installable; `phone` for all others (a launch costs about 2 CPU s more than a context)."""
    yield from checked_phone(open_phone_profile(playwright, tmp_path / "profile"))


@pytest.fixture(scope="session")
def browser(playwright):
    """One chromium for the session's incognito pages: each test has its own context (cookies,
    storage and cache of its own), opened and closed in a fraction of the time a launch takes."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def touch_page(browser, start_server):
    """A phone's touch screen on a first visit: no service worker yet, so the server answers."""
    context = browser.new_context(viewport=PHONE, has_touch=True, service_workers="block")
    refused = csp_refusals(context)
    yield context.new_page()
    context.close()
    assert refused == [], f"The Content-Security-Policy refused: {refused}"


@pytest.fixture
def no_script_pages(browser, start_server):
    """A phone with JavaScript switched off: every form is an ordinary form. Closed before the
    test's servers stop."""
    context = browser.new_context(viewport=PHONE, has_touch=True, java_script_enabled=False)
    refused = csp_refusals(context)
    yield context.new_page()
    context.close()
    assert refused == [], f"The Content-Security-Policy refused: {refused}"


@pytest.fixture
def server_pages(browser, request, start_server):
    """Pages exactly as the server renders them: scripts run, but no service worker. Closed
    before the test's servers stop.

    Light colours unless the test asks for "dark", or "forced" (high contrast, the light scheme
    underneath), through indirect parametrization.
    """
    colours = getattr(request, "param", "light")
    context = browser.new_context(
        viewport=PHONE,
        color_scheme="light" if colours == "forced" else colours,
        forced_colors="active" if colours == "forced" else "none",
        service_workers="block",
    )
    refused = csp_refusals(context)
    yield context.new_page()
    context.close()
    assert refused == [], f"The Content-Security-Policy refused: {refused}"
