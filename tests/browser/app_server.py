"""A server process for the browser tests: the app as it runs for real, on 127.0.0.1."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
REQUEST_LINE = re.compile(r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3})')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AppServer:
    """`manage.py runserver` with debug off, on its own database file and port."""

    def __init__(self, workdir: Path, database: Path, port: int, release: str = "1", settings=None):
        self.settings = settings or {}  # extra DJANGO_* environment variables
        self.workdir = workdir
        self.database = database
        self.port = port
        self.release = release
        self.log_path = workdir / f"server-{port}-{release}.log"
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict:
        return {
            **os.environ,
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "browser-tests-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"sqlite:///{self.database}",
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

    def start(self) -> "AppServer":
        log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=PROJECT,
            env=self.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/offline/", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError(f"The server did not start:\n{self.log_path.read_text()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def restart(self, *, release: str) -> None:
        """Deploy a new version of the app on the same address and database."""
        self.stop()
        self.release = release
        self.start()

    def get_json(self, path: str) -> dict:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:  # noqa: S310
            return json.load(response)

    def log_mark(self) -> int:
        return len(self.requests())

    def requests(self, since: int = 0) -> list[tuple[str, str, int]]:
        """(method, path, status) of every request the server answered, in order."""
        lines = self.log_path.read_text().splitlines()
        found = [REQUEST_LINE.search(line) for line in lines]
        hits = [(m["method"], m["path"], int(m["status"])) for m in found if m]
        return hits[since:]
