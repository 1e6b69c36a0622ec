"""`make bench`: what a reader's phone and a small server pay, measured in one run.

Writes docs/benchmarks.md: gunicorn's throughput on the public reads next to whitenoise serving a
static file of the same bytes from the same server, SQL queries per request at 2, 200 and 2000
conditions, and the bytes on the wire for a first visit, the first offline download (seed content
and 500 conditions) and the sync after one condition is edited (500 and 2000 conditions).

Runs the app as `make serve` does (gunicorn, debug off) on throwaway SQLite databases filled through
the real import command with copies of the seed conditions, so every page has a realistic size.
"""

import datetime
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_lighthouse import first_loads, with_section
from bench_lighthouse import report_lines as first_load_lines
from bench_memory import worker_memory
from bench_report import machine, report
from bench_server import (
    DETAIL,
    LIST,
    MANIFEST,
    PAGE,
    PROJECT,
    PYTHON,
    READS,
    ROUNDS,
    SEARCH_RUNS,
    SLUG,
    STATIC_TWINS,
    database_copy,
    environment,
    fetch,
    grow,
    manage,
    serving,
    static_twins,
    wrk,
)


def alternating(port: int, path: str, twin: str) -> tuple[dict, dict]:
    """The app's answer and its static twin, in ROUNDS turns each (app, twin, app, twin...):
    each side's median round, with the errors of every round. A moment the machine is busy
    (it is a shared VM) then weighs on one round of one side, not on the whole figure."""
    runs = {path: [], twin: []}
    for _ in range(ROUNDS):
        for address in runs:
            runs[address].append(wrk(port, address))
    medians = []
    for rounds in runs.values():
        median = sorted(rounds, key=lambda run: run["rps"])[len(rounds) // 2]
        medians.append({**median, "errors": sum(run["errors"] for run in rounds)})
    return medians[0], medians[1]


def throughput(database: Path, log: Path) -> list[dict]:
    with serving(database, log) as port:
        twins = static_twins(port)
    rows = []
    try:
        with serving(database, log) as port:  # whitenoise finds the twins when it starts
            for name, path in READS.items():
                # Every worker renders the page once and opens its connection: with requests
                # one after another, one worker may answer them all.
                wrk(port, path, seconds=2)
                wrk(port, twins[name], seconds=2)
                app, static = alternating(port, path, twins[name])
                size = len(fetch(port, path)[2])
                assert size == len(fetch(port, twins[name])[2]), f"{name}: twin differs in size"
                rows.append(
                    {"name": name, "path": path, "bytes": size, "app": app, "static": static}
                )
    finally:
        shutil.rmtree(STATIC_TWINS, ignore_errors=True)
    return rows


# Searches a reader makes: a word every copy of the seed holds, two words, and a typo corrected.
SEARCHES = {
    "search": "/search/?q=spasm",
    "search, two words": "/search/?q=muscle+spasms",
    "search, typo corrected": "/search/?q=dystnia",
}
# Condition pages one worker reads for its memory: every page up to this many, else every n-th.
PAGES_READ = int(os.environ.get("BENCH_PAGES_READ", "2000"))


def query_counts(database: Path) -> dict:
    """SQL statements per request, counted inside a fresh process on `database`, and the p95
    time of each search there (server side: the view, its queries and its template)."""
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

    from frontend.models import MeasuredEntry

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, path in {
        "list": LIST,
        "detail": DETAIL,
        "page (first render)": PAGE,
        "page (rendered before)": PAGE,
        "offline manifest": MANIFEST,
        **SEARCHES,
    }.items():
        if name == "page (first render)":
            caches["pages"].clear()
        if name == "offline manifest":  # as right after a deploy: no size measured yet
            MeasuredEntry.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        assert status == 200, f"{path} answered {status}"
        counts[name] = len(queries.captured_queries)
    # The searches take turns, ROUNDS times: a moment the VM is busy weighs on one round of one
    # search, and each search's figure is the median of its rounds' p95s.
    p95s = {name: [] for name in SEARCHES}
    for _ in range(ROUNDS):
        for name, path in SEARCHES.items():
            times = []
            for _ in range(SEARCH_RUNS):
                started = time.perf_counter()
                client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            p95s[name].append(sorted(times)[int(0.95 * SEARCH_RUNS) - 1])
    search_p95_ms = {name: sorted(values)[ROUNDS // 2] for name, values in p95s.items()}
    print(json.dumps({"queries": counts, "search_p95_ms": search_p95_ms}))


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


def download_kind(url: str) -> str:
    """What an entry of the offline manifest is, for the first download's breakdown."""
    if "/offline-search/conditions/" in url:
        return "search entries"
    if re.search(r"/conditions/[^/]+/$", url):
        return "condition pages (each its copy, less the page parts)"
    if url.startswith("/static/"):
        return "the app's static files"
    if "/offline-parts/" in url:
        return "the page parts, once"
    return "the other pages, the catalogue and the terms' names"


def offline_download(port: int) -> dict:
    """Every entry as the phone fetches it (a condition page as its copy, the entry's `source`),
    compressed as served, with the manifest and the service worker."""
    _, _, manifest_sent, _ = fetch(port, MANIFEST, timeout=600)
    _, _, manifest_plain, _ = fetch(port, MANIFEST, encodings="identity", timeout=600)
    manifest = json.loads(manifest_plain)
    worker = len(fetch(port, "/sw.js")[2])
    kinds = {"the offline manifest": len(manifest_sent), "the service worker": worker}
    for entry in manifest["entries"]:
        status, _, body, _ = fetch(port, entry.get("source", entry["url"]))
        assert status == 200, f"{entry['url']} answered {status}"
        kind = download_kind(entry["url"])
        kinds[kind] = kinds.get(kind, 0) + len(body)
    return {
        "entries": len(manifest["entries"]),
        "plain": manifest["total_bytes"],
        "sent": sum(kinds.values()),
        "manifest": len(manifest_sent),
        "kinds": kinds,
    }


# One section edited and put on the site, as an import of the changed file would.
EDIT = """
from conditions.drafts import condition_save, publication_match_status
from conditions.models import Condition
condition = Condition.objects.get(slug={slug!r})
sections = [{{"id": pk}} for pk in condition.sections.values_list("pk", flat=True)]
sections[0]["body"] = condition.sections.first().body + " Edited for the benchmark."
condition_save(
    condition=condition,
    sections=sections,
    by=None,
    comment="Edited for the benchmark.",
)
publication_match_status(condition=condition)
"""


def sync_after_edit(database: Path, port: int, slug: str) -> dict:
    """What a phone holding the manifest's version before one edit downloads to catch up: what
    changed since (`?since=`), then the changed entries; and the 304 of the check after that."""
    _, _, before_plain, _ = fetch(port, MANIFEST, encodings="identity")
    before = json.loads(before_plain)
    _, _, whole_sent, _ = fetch(port, MANIFEST)
    manage(database, "shell", "-c", EDIT.format(slug=slug))
    version = before["version"]
    status, _, delta_sent, delta_headers = fetch(port, f"{MANIFEST}?since={version}")
    assert status == 200, f"what changed since the edit answered {status}"
    delta = json.loads(fetch(port, f"{MANIFEST}?since={version}", encodings="identity")[2])
    changed = sorted(entry["url"] for entry in delta["changed"])
    entries = sum(len(fetch(port, e.get("source", e["url"]))[2]) for e in delta["changed"])
    unchanged = fetch(port, f"{MANIFEST}?since={delta['version']}")
    with sqlite3.connect(database) as db:
        [(kept, stored)] = db.execute(
            "SELECT count(*), max(length(revisions)) FROM frontend_offlinemanifestversion"
        ).fetchall()
    return {
        "changed": changed,
        "removed": delta["removed"],
        "delta": len(delta_sent) + delta_headers,
        "entries": entries,
        "sent": len(delta_sent) + delta_headers + entries,
        "whole": len(whole_sent),
        "unchanged": (unchanged[0], len(unchanged[2]) + unchanged[3]),
        "kept": kept,
        "stored": stored,
        # What a phone holding every entry keeps, as the manifest states it (estimates included).
        "holds": (len(before["entries"]), before["total_bytes"]),
    }


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

        print("Databases of 200, 500, 2,000 and 20,000 conditions ...", flush=True)
        build_times = {}
        at_200 = database_copy(seed, work / "200.sqlite3")
        build_times[200] = grow(at_200, 198, first=1)
        at_500 = database_copy(at_200, work / "500.sqlite3")
        build_times[500] = grow(at_500, 300, first=199)
        # The two largest in one import each, as an operator would load them.
        at_2000 = database_copy(seed, work / "2000.sqlite3")
        build_times[2000] = grow(at_2000, 1998, first=1)
        at_20000 = database_copy(seed, work / "20000.sqlite3")
        build_times[20000] = grow(at_20000, 19998, first=1)

        print("SQL per request ...", flush=True)
        measured = {
            2: query_counts(seed),
            200: query_counts(at_200),
            2000: query_counts(at_2000),
            20000: query_counts(at_20000),
        }
        print(json.dumps({"imports": build_times, "measured": measured}), flush=True)
        queries = {size: m["queries"] for size, m in measured.items()}
        searches = {size: m["search_p95_ms"] for size, m in measured.items()}

        print("Worker memory ...", flush=True)
        memory = {
            size: worker_memory(database, log, step=-(-size // PAGES_READ))
            for size, database in ((2000, at_2000), (20000, at_20000))
        }

        print(json.dumps({"memory": memory}), flush=True)  # kept in the log if a later part fails
        print("Bytes on the wire ...", flush=True)
        with serving(seed, log) as port:
            visit = first_visit(port)
            downloads = {"seed content": offline_download(port)}
            print("Lighthouse: a cheap phone's first load ...", flush=True)
            phone = first_loads(port)
        edited = f"{SLUG}-200"
        syncs = {}
        with serving(at_500, log) as port:
            downloads["500 conditions"] = offline_download(port)
            syncs[500] = {**sync_after_edit(at_500, port, edited), "slug": edited}
        with serving(at_2000, log) as port:
            syncs[2000] = {**sync_after_edit(at_2000, port, edited), "slug": edited}
        with serving(at_20000, log) as port:
            syncs[20000] = {**sync_after_edit(at_20000, port, edited), "slug": edited}

        text = report(
            started=started,
            machine_info=machine(),
            rows=rows,
            queries=queries,
            visit=visit,
            downloads=downloads,
            syncs=syncs,
            searches=searches,
            build_times=build_times,
            memory=memory,
        )
    write(with_section(text, first_load_lines(phone)))


def write(text: str) -> None:
    target = PROJECT / "docs" / "benchmarks.md"
    target.parent.mkdir(exist_ok=True)
    target.write_text(text)
    print(text)
    print(f"Written to {target.relative_to(PROJECT)}")


def only_lighthouse() -> None:
    """`scripts/bench.py --only lighthouse`: the first-load section alone, measured again and put
    in place of its old figures; the rest of docs/benchmarks.md stays as the last full run wrote
    it."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        seed = Path(folder) / "seed.sqlite3"
        manage(seed, "migrate", "--noinput")
        manage(seed, "load_seed_content")
        manage(seed, "collectstatic", "--noinput", "--verbosity", "0")
        with serving(seed, Path(folder) / "gunicorn.log") as port:
            phone = first_loads(port)
    target = PROJECT / "docs" / "benchmarks.md"
    write(with_section(target.read_text() if target.exists() else "", first_load_lines(phone)))


if __name__ == "__main__":
    if sys.argv[1:] == ["--count-queries"]:
        count_queries_here()
    elif sys.argv[1:] == ["--only", "lighthouse"]:
        only_lighthouse()
    else:
        main()
