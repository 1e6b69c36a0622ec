"""docs/benchmarks.md from what `make bench` measured."""

import datetime
import os
import platform
import subprocess
from pathlib import Path

from bench_scale import PROFILE_NOTES, READ_NOTES, SEARCH_NOTES, import_lines, memory_lines
from bench_server import CONNECTIONS, ONE_ROUND_TRIP, PAGE, ROUNDS, SEARCH_RUNS, SECONDS

SEARCH_GOAL_MS = 50
READ_GOAL = 0.8  # of the static file's requests per second (issue 22)


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
        + f", 2 threads, {CONNECTIONS} connections, {ROUNDS} turns of {SECONDS} s per address",
        "database": "SQLite (WAL), as `make run` sets it up",
    }


def kb(size: int) -> str:
    return f"{size:,} B ({size / 1024:.1f} KB)"


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def report(
    *, started, machine_info, rows, queries, visit, downloads, syncs, searches, build_times, memory
) -> str:
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
        "holding exactly the bytes the app sent (compressed the same way), in turns (app, "
        f"static, app, static...; {ROUNDS} each), each side's median turn shown. Seed content. "
        f"Goal: every read at {READ_GOAL:.0%} or more of the static file's requests per second, "
        "no errors.",
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
            f"| {verdict(ratio >= READ_GOAL and errors == 0)} |"
        )
    lines += ["", READ_NOTES]
    names = list(next(iter(queries.values())))
    first_paint = visit["html"] + visit["css"] + visit["headers"]
    lines += [
        "",
        "## SQL queries per request",
        "",
        "Counted in a fresh process on each database. Goal: the same small number at every size.",
        "",
        "| conditions | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
        *(
            f"| {size:,} | " + " | ".join(str(counts.get(name, "–")) for name in names) + " |"
            for size, counts in queries.items()
        ),
        "",
        f"Same at every size: {verdict(same_everywhere(queries))}. The offline manifest's is a "
        "check right after a deploy, no size measured yet: it measures (renders) at most 100 "
        "conditions' pages and the pages listing them, writes the sizes down and estimates the "
        "others'.",
        "",
        *import_lines(build_times),
        *memory_lines(memory),
        "## Search time",
        "",
        "p95 of the search page's server-side time (view, SQL and template, in the process that "
        f"counted the queries): the median of {ROUNDS} rounds' p95s, each round "
        f"{SEARCH_RUNS} searches of each kind, the kinds taking turns. Goal: under 50 ms.",
        "",
        "| conditions | " + " | ".join(searches[next(iter(searches))]) + " | goal |",
        "|---|" + "---|" * (len(searches[next(iter(searches))]) + 1),
        *(
            f"| {size:,} | "
            + " | ".join(f"{ms:.1f} ms" for ms in times.values())
            + f" | {verdict(max(times.values()) < SEARCH_GOAL_MS)} |"
            for size, times in searches.items()
        ),
        "",
        SEARCH_NOTES,
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
        goal = ""
        if label == "500 conditions":
            goal = f"1.2 MB (1,200,000 B): {verdict(download['sent'] <= 1_200_000)}"
        lines.append(
            f"| first offline download, {label}: {download['entries']} entries, the manifest and "
            f"the service worker ({download['plain']:,} B before compression) "
            f"| {kb(download['sent'])} | {goal} |"
        )
        for kind, sent in download.get("kinds", {}).items():
            lines.append(f"| &nbsp;&nbsp;of which {kind} | {sent:,} B | |")
    for size, sync in syncs.items():
        lines.append(sync_line(size, sync))
    last = syncs[max(syncs)]
    lines += [
        "",
        f"A phone holding the newest version checks with `?since=`: a `304` of "
        f"{last['unchanged'][1]:,} B with its headers ({verdict(last['unchanged'][0] == 304)}). "
        f"The versions phones were sent are kept for such checks ({last['kept']} after this run, "
        f"the newest `GUIDE_OFFLINE_VERSIONS_KEPT` at most, 50 by default): one of "
        f"{max(syncs):,} conditions takes {last['stored']:,} B in the database. A phone holding "
        f"every page of {max(syncs):,} conditions keeps {last['holds'][0]:,} entries, "
        f"{last['holds'][1] / 1024**2:,.0f} MB uncompressed as the manifest states it (most "
        "of them estimated in proportion to the pages measured).",
        "",
        PROFILE_NOTES,
    ]
    return "\n".join(lines)


def same_everywhere(queries: dict) -> bool:
    """Each request's count is the same at every size where it was counted."""
    names = {name for counts in queries.values() for name in counts}
    return all(
        len({counts[name] for counts in queries.values() if name in counts}) == 1 for name in names
    )


SYNC_GOAL = 3 * 1024  # besides the edited condition's own entries


def sync_line(size: int, sync: dict) -> str:
    """One edit among `size` conditions: what the phone downloads to catch up."""
    changed = ", ".join(f"`{url}`" for url in sync["changed"])
    slug = sync["slug"]
    expected = sorted([f"/conditions/{slug}/", f"/api/v1/offline-search/conditions/{slug}/"])
    met = sync["changed"] == expected and not sync["removed"] and sync["delta"] < SYNC_GOAL
    return (
        f"| sync after one condition of {size:,} is edited: what changed since the phone's "
        f"version ({sync['delta']:,} B with its headers; the whole manifest is "
        f"{sync['whole']:,} B) and {len(sync['changed'])} changed entries ({changed}, "
        f"{sync['entries']:,} B) | {kb(sync['sent'])} | that condition's entries and under 3 KB "
        f"besides: {verdict(met)} |"
    )
