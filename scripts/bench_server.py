"""Running the app for `make bench`: throwaway SQLite databases filled through the real import
command, gunicorn as `make serve` runs it, wrk, and fetching as a phone's browser does."""

import http.client
import json
import os
import re
import resource
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
# Each public read and its static twin are measured in ROUNDS alternating turns of SECONDS.
SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SEARCH_RUNS = 40  # searches of each kind in each of ROUNDS rounds
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
SEED = json.loads((PROJECT / "fixtures" / "seed_conditions.json").read_text())
SLUG = "severe-or-persistent-muscle-spasms"
PAGE = f"/conditions/{SLUG}/"
DETAIL = f"/api/v1/conditions/{SLUG}/"
LIST = "/api/v1/conditions/"
MANIFEST = "/api/v1/offline-manifest/"
READS = {"condition page": PAGE, "API detail": DETAIL, "offline manifest": MANIFEST}
STATIC_TWINS = PROJECT / "staticfiles" / "bench"
ONE_ROUND_TRIP = 14 * 1024  # ten TCP segments: what a new connection delivers before any ACK
PHONE_ENCODINGS = "br, gzip"


def environment(database: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        "DJANGO_SECRET_KEY": "benchmark-only-" + "r4nd0m-k3y" * 6,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONUNBUFFERED": "1",
    }


def manage(database: Path, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=PROJECT,
        env=environment(database),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def copies_of_the_seed(count: int, first: int) -> dict:
    """`count` conditions copied from the seed content under new slugs and titles."""
    conditions = []
    for number in range(first, first + count):
        source = SEED["conditions"][number % len(SEED["conditions"])]
        conditions.append(
            {
                **source,
                "slug": f"{source['slug']}-{number}",
                "title": f"{source['title']} ({number})",
                "related": [],
            }
        )
    return {**SEED, "conditions": conditions}


def database_copy(source: Path, target: Path) -> Path:
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)
    return target


def grow(database: Path, count: int, first: int) -> dict:
    """Import `count` more conditions: how many, the seconds the import took, and the CPU
    seconds of its process (the machine may be shared)."""
    document = database.with_suffix(".import.json")
    document.write_text(json.dumps(copies_of_the_seed(count, first)))
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    manage(database, "import_conditions", str(document))
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    document.unlink()
    return {
        "imported": count,
        "seconds": seconds,
        "cpu": after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime,
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(port: int, path: str, encodings: str = PHONE_ENCODINGS, headers=None, timeout=30):
    """(status, headers, body as sent on the wire, header bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": encodings, **(headers or {})})
        response = connection.getresponse()
        body = response.read()
        header_bytes = len(f"HTTP/1.1 {response.status} {response.reason}\r\n") + sum(
            len(f"{name}: {value}\r\n") for name, value in response.getheaders()
        )
        return response.status, response.headers, body, header_bytes + 2
    finally:
        connection.close()


@contextmanager
def serving(database: Path, log: Path, *, workers: int | None = None, master: list | None = None):
    """gunicorn as `make serve` runs it, with its default number of workers unless `workers`
    says; the master's process id is appended to `master` when given."""
    port = free_port()
    with log.open("a") as output:
        process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "--config", "config/gunicorn.py"]
            + ["--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "config.wsgi"]
            + (["--workers", str(workers)] if workers else []),
            cwd=PROJECT,
            env=environment(database),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 180  # five workers booting on a busy machine
        while True:
            try:
                if fetch(port, "/offline/")[0] == 200:
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn did not start:\n{log.read_text()}") from None
                time.sleep(0.2)
        if master is not None:
            master.append(process.pid)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def wrk(port: int, path: str, seconds: int = SECONDS) -> dict:
    result = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s"]
        + ["-s", str(PROJECT / "scripts" / "wrk_report.lua"), f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    report["rps"] = report["requests"] / report["seconds"]
    return report


def static_twins(port: int) -> dict[str, str]:
    """For each public read, a static file holding exactly the bytes the app sends for it
    (compressed the same way), for whitenoise to serve from the same server."""
    shutil.rmtree(STATIC_TWINS, ignore_errors=True)
    STATIC_TWINS.mkdir(parents=True)
    twins = {}
    for name, path in READS.items():
        _, _, plain, _ = fetch(port, path, encodings="identity")
        _, headers, sent, _ = fetch(port, path)
        file_name = re.sub(r"\W+", "-", name) + ".html"
        (STATIC_TWINS / file_name).write_bytes(plain)
        encoding = headers.get("Content-Encoding")
        if encoding in {"gzip", "br"}:
            (STATIC_TWINS / f"{file_name}.{'gz' if encoding == 'gzip' else 'br'}").write_bytes(sent)
        twins[name] = f"/static/bench/{file_name}"
    return twins
