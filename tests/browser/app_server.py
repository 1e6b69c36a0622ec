"""A server process for the browser tests: the app as it runs for real, on 127.0.0.1."""

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psycopg
from psycopg import sql

PROJECT = Path(__file__).resolve().parents[2]
# The suite's own database: SQLite unless DATABASE_URL names a PostgreSQL server (`make test`
# runs the suite once on each), and the servers the browser tests start use the same kind.
SUITE_DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SUITE_DATABASE_URL.startswith(("postgres://", "postgresql://"))
REQUEST_LINE = re.compile(r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3})')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Databases:
    """A database holding the seed content, and a private copy of it for each server: SQLite
    files, or on PostgreSQL databases created from the seeded one as a template."""

    # One per pytest-xdist worker (gw0, gw1, ...): a template cannot be copied while in use.
    SEED = "browser_seed_" + os.environ.get("PYTEST_XDIST_WORKER", "main")

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.created = []
        self.stopping = []  # servers told to stop, to wait for before the databases go
        if ON_POSTGRES:
            self.seed_url = self._create(self.SEED)
        else:
            self.seed_url = f"sqlite:///{workdir / 'seed.sqlite3'}"

    def copy(self, directory: Path) -> str:
        if ON_POSTGRES:
            return self._create(f"browser_{uuid.uuid4().hex[:12]}", template=self.SEED)
        database = directory / f"db-{uuid.uuid4().hex[:12]}.sqlite3"
        shutil.copy(self.seed_url.removeprefix("sqlite:///"), database)
        return f"sqlite:///{database}"

    def backup_and_restore(self, url: str, directory: Path) -> str:
        """Back up a database while its server runs, as the README says, and restore the backup
        as a new database; returns the new one's URL."""
        if not ON_POSTGRES:
            restored = directory / f"restored-{uuid.uuid4().hex[:12]}.sqlite3"
            with (
                sqlite3.connect(url.removeprefix("sqlite:///")) as live,
                sqlite3.connect(restored) as backup,
            ):
                live.backup(backup)
            return f"sqlite:///{restored}"
        dump = directory / "guide.dump"
        subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", url], check=True)
        restored_url = self._create(f"browser_{uuid.uuid4().hex[:12]}")
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={restored_url}", str(dump)], check=True
        )
        return restored_url

    def drop_all(self) -> None:
        with self._server() as server:
            for name in self.created:
                server.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )

    def _server(self):
        return psycopg.connect(_with_database(SUITE_DATABASE_URL, "postgres"), autocommit=True)

    def _create(self, name: str, template: str | None = None) -> str:
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        with self._server() as server:
            server.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            server.execute(statement)
        self.created.append(name)
        return _with_database(SUITE_DATABASE_URL, name)


def _with_database(url: str, name: str) -> str:
    return urllib.parse.urlsplit(url)._replace(path=f"/{name}").geturl()


class AppServer:
    """The app under gunicorn as `make serve` runs it (debug off), on its own database file and
    port, over plain HTTP on 127.0.0.1; over HTTPS when `tls` names a certificate and its key
    (gunicorn's own TLS, as in tests/browser/test_reporting_api.py).

    One worker process (with its threads) unless a test asks for more: each process loads the
    whole app, which is most of a server's start. What separate processes share (the rate limit,
    the database) is tested with several workers or servers."""

    def __init__(
        self, workdir: Path, database_url: str, port: int, release="1", settings=None, workers=1
    ):
        self.settings = settings or {}  # extra DJANGO_* environment variables
        self.workers = workers
        self.workdir = workdir
        self.database_url = database_url
        self.port = port
        self.release = release
        self.log_path = workdir / f"server-{port}-{release}.log"
        self.process = None
        self.probe_headers = {}
        self.tls: tuple[Path, Path] | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def environment(self) -> dict:
        return {
            **os.environ,
            "DJANGO_DEBUG": "false",
            "DJANGO_HTTPS": "false",
            "DJANGO_SECRET_KEY": "browser-tests-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": self.database_url,
            "DJANGO_APP_RELEASE": self.release,
            "PYTHONUNBUFFERED": "1",
            **self.settings,
        }

    def manage(self, *args: str, input_text: str | None = None) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT,
            env=self.environment(),
            input=input_text,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def start(self, probe_headers: dict | None = None) -> "AppServer":
        """Start gunicorn and wait until it answers; `probe_headers` as a proxy would send (kept
        for restarts)."""
        return self.spawn(probe_headers).wait_until_ready()

    def spawn(self, probe_headers: dict | None = None) -> "AppServer":
        """Start gunicorn without waiting for it: `wait_until_ready` before using it."""
        if probe_headers is not None:
            self.probe_headers = probe_headers
        log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "config/gunicorn.py",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                *(
                    ["--certfile", str(self.tls[0]), "--keyfile", str(self.tls[1])]
                    if self.tls
                    else []
                ),
                "config.wsgi",
            ],
            cwd=PROJECT,
            env=self.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        return self

    def wait_until_ready(self) -> "AppServer":
        deadline = time.monotonic() + 30
        # Over HTTPS, trusting the test's own certificate (and nothing else).
        trust = ssl.create_default_context(cafile=self.tls[0]) if self.tls else None
        # Checking that our process still runs: another server on a reused port would answer too.
        while time.monotonic() < deadline and self.process.poll() is None:
            probe = urllib.request.Request(self.url + "/offline/", headers=self.probe_headers)  # noqa: S310
            try:
                with urllib.request.urlopen(probe, timeout=2, context=trust) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise AssertionError(f"The server did not start:\n{self.log_path.read_text()}")

    def stop(self, *, quick: bool = False) -> None:
        """Stop the server as a deploy does, letting requests in progress finish; `quick` when
        nothing is left to answer (the test is over), without waiting for idle workers to notice.
        """
        self.signal_stop(quick=quick)
        if self.process:
            self.process.wait(timeout=20)

    def signal_stop(self, *, quick: bool = False) -> None:
        """Tell the server to stop, without waiting for it: gunicorn stops gracefully on SIGTERM
        (a worker notices within a second), at once on SIGQUIT."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT if quick else signal.SIGTERM)

    def restart(self, *, release: str) -> None:
        """Deploy a new version of the app on the same address and database."""
        self.stop()
        self.release = release
        self.start()

    def get_json(self, path: str) -> dict:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:  # noqa: S310
            return json.load(response)

    def query(self, statement: str) -> list[tuple]:
        """Rows straight from the server's database, as an operator would look."""
        if self.database_url.startswith("sqlite:///"):
            with sqlite3.connect(self.database_url.removeprefix("sqlite:///")) as database:
                return database.execute(statement).fetchall()
        with psycopg.connect(self.database_url) as database:
            return database.execute(statement).fetchall()

    def log_mark(self) -> int:
        return len(self.requests())

    def requests(self, since: int = 0) -> list[tuple[str, str, int]]:
        """(method, path, status) of every request the server answered, in order."""
        lines = self.log_path.read_text().splitlines()
        found = [REQUEST_LINE.search(line) for line in lines]
        hits = [(m["method"], m["path"], int(m["status"])) for m in found if m]
        return hits[since:]

    def requests_once(self, ready, since: int = 0, timeout: float = 5.0) -> list[tuple]:
        """requests(since) as soon as `ready` holds for them: gunicorn logs a request just after
        answering it, so the browser may have acted on an answer not yet in the log. Returns
        them as they are at the timeout otherwise, for the caller's assertion to name."""
        deadline = time.monotonic() + timeout
        while not ready(found := self.requests(since)) and time.monotonic() < deadline:
            time.sleep(0.05)
        return found
