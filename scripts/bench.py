"""`make bench`: what a reader's phone and a small server pay, measured in one run.

Writes docs/benchmarks.md: gunicorn's throughput on the public reads next to whitenoise serving a
static file of the same bytes from the same server, SQL queries per request at 2, 200 and 2000
conditions, and the bytes on the wire for a first visit, the first offline download (seed content
and 500 conditions) and the sync after one condition is edited.

Runs the app as `make serve` does (gunicorn, debug off) on throwaway SQLite databases filled through
the real import command with copies of the seed conditions, so every page has a realistic size.
"""

import datetime
import http.client
import json
import os
import platform
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
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


def grow(database: Path, count: int, first: int) -> float:
    """Import `count` more conditions; returns the seconds the import took."""
    document = database.with_suffix(".import.json")
    document.write_text(json.dumps(copies_of_the_seed(count, first)))
    started = time.perf_counter()
    manage(database, "import_conditions", str(document))
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(port: int, path: str, encodings: str = PHONE_ENCODINGS, headers=None):
    """(status, headers, body as sent on the wire, header bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
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
def serving(database: Path, log: Path):
    """gunicorn as `make serve` runs it, with its default number of workers."""
    port = free_port()
    with log.open("a") as output:
        process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "--config", "config/gunicorn.py"]
            + ["--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "config.wsgi"],
            cwd=PROJECT,
            env=environment(database),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if fetch(port, "/offline/")[0] == 200:
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn did not start:\n{log.read_text()}") from None
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def wrk(port: int, path: str) -> dict:
    result = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s"]
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


def throughput(database: Path, log: Path) -> list[dict]:
    with serving(database, log) as port:
        twins = static_twins(port)
    rows = []
    try:
        with serving(database, log) as port:  # whitenoise finds the twins when it starts
            for name, path in READS.items():
                for _ in range(2):  # warm every worker's page cache and connection
                    fetch(port, path)
                app = wrk(port, path)
                static = wrk(port, twins[name])
                size = len(fetch(port, path)[2])
                assert size == len(fetch(port, twins[name])[2]), f"{name}: twin differs in size"
                rows.append(
                    {"name": name, "path": path, "bytes": size, "app": app, "static": static}
                )
    finally:
        shutil.rmtree(STATIC_TWINS, ignore_errors=True)
    return rows


def query_counts(database: Path) -> dict:
    """SQL statements per request, counted inside a fresh process on `database`."""
    output = subprocess.run(
        [PYTHON, __file__, "--count-queries"],
        cwd=PROJECT,
        env=environment(database),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


def count_queries_here() -> None:
    """Run in a child process: settings come from its environment."""
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, path in {
        "list": LIST,
        "detail": DETAIL,
        "page (first render)": PAGE,
        "page (rendered before)": PAGE,
        "offline manifest": MANIFEST,
    }.items():
        if name == "page (first render)":
            caches["pages"].clear()
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        assert status == 200, f"{path} answered {status}"
        counts[name] = len(queries.captured_queries)
    print(json.dumps(counts))


def first_visit(port: int) -> dict:
    _, _, html, html_headers = fetch(port, PAGE)
    _, _, plain, _ = fetch(port, PAGE, encodings="identity")
    css_path = re.search(rb'<link rel="stylesheet" href="([^"]+)"', plain)[1].decode()
    _, _, css, css_headers = fetch(port, css_path)
    return {
        "html": len(html),
        "html_plain": len(plain),
        "css": len(css),
        "headers": html_headers + css_headers,
    }


def offline_download(port: int) -> dict:
    _, _, manifest_sent, _ = fetch(port, MANIFEST)
    _, _, manifest_plain, _ = fetch(port, MANIFEST, encodings="identity")
    manifest = json.loads(manifest_plain)
    sent = len(manifest_sent) + len(fetch(port, "/sw.js")[2])
    for entry in manifest["entries"]:
        status, _, body, _ = fetch(port, entry["url"])
        assert status == 200, f"{entry['url']} answered {status}"
        sent += len(body)
    return {
        "entries": len(manifest["entries"]),
        "plain": manifest["total_bytes"],
        "sent": sent,
        "manifest": len(manifest_sent),
    }


EDIT = """
from conditions.models import Condition
from conditions.services import condition_saved, publication_store
condition = Condition.objects.get(slug={slug!r})
section = condition.sections.first()
section.body += " Edited for the benchmark."
section.save()
condition_saved(condition=condition)
publication_store(condition=condition)
"""


def sync_after_edit(database: Path, port: int, slug: str) -> dict:
    _, headers, _, _ = fetch(port, MANIFEST)
    _, _, before_plain, _ = fetch(port, MANIFEST, encodings="identity")
    before = {(e["url"], e["revision"]) for e in json.loads(before_plain)["entries"]}
    manage(database, "shell", "-c", EDIT.format(slug=slug))
    status, _, manifest_sent, _ = fetch(port, MANIFEST, headers={"If-None-Match": headers["ETag"]})
    assert status == 200, "the manifest did not change after an edit"
    _, _, after_plain, _ = fetch(port, MANIFEST, encodings="identity")
    after = {(e["url"], e["revision"]) for e in json.loads(after_plain)["entries"]}
    changed = sorted(url for url, revision in after - before)
    sent = len(manifest_sent) + sum(len(fetch(port, url)[2]) for url in changed)
    return {"changed": changed, "sent": sent, "manifest": len(manifest_sent)}


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        int(line.split()[1]) // 1024 // 1024
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    import django
    import gunicorn

    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": f"{memory} GiB",
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": f"{gunicorn.__version__}, {2 * os.cpu_count() + 1} sync workers",
        "wrk": (wrk_version.split("[")[0].strip() or "wrk")
        + f", 2 threads, {CONNECTIONS} connections, {SECONDS} s per address",
        "database": "SQLite (WAL), as `make run` sets it up",
    }


def kb(size: int) -> str:
    return f"{size:,} B ({size / 1024:.1f} KB)"


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def report(*, started, machine_info, rows, queries, visit, downloads, sync, build_times) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {started:%Y-%m-%d %H:%M} UTC in "
        f"{(datetime.datetime.now(datetime.UTC) - started).seconds} s. "
        "Timings vary from run to run and machine to machine; counts and bytes do not.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in machine_info.items()),
        "",
        "## Throughput of the public reads against a static file of the same bytes",
        "",
        "The same gunicorn serves both: the app's answer, and whitenoise serving a static file "
        "holding exactly the bytes the app sent (compressed the same way). Seed content. "
        "Goal: every read at 50% or more of the static file's requests per second, no errors.",
        "",
        "| read | bytes sent | app req/s | p50 | p95 | static req/s | p50 | p95 "
        "| ratio | errors | goal |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        app, static = row["app"], row["static"]
        ratio = app["rps"] / static["rps"]
        errors = app["errors"] + static["errors"]
        lines.append(
            f"| {row['name']} (`{row['path']}`) | {row['bytes']:,} | {app['rps']:,.0f} "
            f"| {app['p50_ms']:.1f} ms | {app['p95_ms']:.1f} ms | {static['rps']:,.0f} "
            f"| {static['p50_ms']:.1f} ms | {static['p95_ms']:.1f} ms | {ratio:.0%} | {errors} "
            f"| {verdict(ratio >= 0.5 and errors == 0)} |"
        )
    names = list(next(iter(queries.values())))
    first_paint = visit["html"] + visit["css"] + visit["headers"]
    changed = ", ".join(f"`{url}`" for url in sync["changed"])
    lines += [
        "",
        "## SQL queries per request",
        "",
        "Counted in a fresh process on each database. Goal: the same small number at every size.",
        "",
        "| conditions | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
        *(
            f"| {size:,} | " + " | ".join(str(counts[name]) for name in names) + " |"
            for size, counts in queries.items()
        ),
        "",
        f"Same at every size: {verdict(len({json.dumps(c) for c in queries.values()}) == 1)}. "
        "Filling the databases through `import_conditions`: "
        + ", ".join(f"{n:,} conditions in {s:.0f} s" for n, s in build_times.items())
        + ".",
        "",
        "## Bytes on the wire",
        "",
        "As a phone's browser receives them (`Accept-Encoding: br, gzip`), bodies only unless "
        "said otherwise.",
        "",
        "| what | bytes | goal |",
        "|---|---|---|",
        f"| condition page HTML (`{PAGE}`), {visit['html_plain']:,} B before compression "
        f"| {kb(visit['html'])} | |",
        f"| its stylesheet, the only other thing the first paint waits for "
        f"| {kb(visit['css'])} | |",
        f"| first visit: both, with their response headers | {kb(first_paint)} "
        f"| 14 KB, one round trip: {verdict(first_paint <= ONE_ROUND_TRIP)} |",
    ]
    for label, download in downloads.items():
        lines.append(
            f"| first offline download, {label}: {download['entries']} entries, the manifest and "
            f"the service worker ({download['plain']:,} B before compression) "
            f"| {kb(download['sent'])} | |"
        )
    expected = sorted([f"/conditions/{sync['slug']}/", f"/api/v1/conditions/{sync['slug']}/"])
    lines += [
        f"| sync after one condition of 500 is edited: the manifest ({sync['manifest']:,} B) "
        f"and {len(sync['changed'])} changed entries ({changed}) "
        f"| {kb(sync['sent'])} | that condition's entries and the manifest, nothing else: "
        f"{verdict(sync['changed'] == expected)} |",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make bench` installs Debian's wrk package.")
    started = datetime.datetime.now(datetime.UTC)
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        work = Path(folder)
        log = work / "gunicorn.log"
        seed = work / "seed.sqlite3"
        manage(seed, "migrate", "--noinput")
        manage(seed, "load_seed_content")
        manage(seed, "collectstatic", "--noinput", "--verbosity", "0")

        print("Throughput against the static file ...", flush=True)
        rows = throughput(seed, log)

        print("Databases of 200, 500 and 2000 conditions ...", flush=True)
        build_times = {}
        at_200 = database_copy(seed, work / "200.sqlite3")
        build_times[200] = grow(at_200, 198, first=1)
        at_500 = database_copy(at_200, work / "500.sqlite3")
        build_times[500] = grow(at_500, 300, first=199)
        at_2000 = database_copy(at_500, work / "2000.sqlite3")
        build_times[2000] = grow(at_2000, 1500, first=499)

        print("SQL per request ...", flush=True)
        queries = {2: query_counts(seed), 200: query_counts(at_200), 2000: query_counts(at_2000)}

        print("Bytes on the wire ...", flush=True)
        with serving(seed, log) as port:
            visit = first_visit(port)
            downloads = {"seed content": offline_download(port)}
        with serving(at_500, log) as port:
            downloads["500 conditions"] = offline_download(port)
            edited = f"{SLUG}-200"
            sync = {**sync_after_edit(at_500, port, edited), "slug": edited}

        text = report(
            started=started,
            machine_info=machine(),
            rows=rows,
            queries=queries,
            visit=visit,
            downloads=downloads,
            sync=sync,
            build_times=build_times,
        )
    target = PROJECT / "docs" / "benchmarks.md"
    target.parent.mkdir(exist_ok=True)
    target.write_text(text)
    print(text)
    print(f"Written to {target.relative_to(PROJECT)}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--count-queries"]:
        count_queries_here()
    else:
        main()
