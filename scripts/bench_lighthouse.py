"""A cheap phone's first load, for `make bench`: Lighthouse's mobile run (its default: a mid-range
phone's screen, a 4x slower processor and a slow 4G connection, simulated) against the home page
and every seed condition page, served as `make serve` serves them.

Lighthouse is the npm package pinned in scripts/lighthouse/package-lock.json, which `make bench`
installs with `npm ci`; it drives Debian's chromium (CHROME_PATH, /usr/bin/chromium by default).
Each page is measured RUNS times and the run with the median score is kept, as Lighthouse's own
advice on variability says.
"""

import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_server import PROJECT, SEED, fetch

LIGHTHOUSE = PROJECT / "scripts" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
RUNS = int(os.environ.get("BENCH_LIGHTHOUSE_RUNS", "3"))
GOAL = 0.98
WARM_UP = 12
TRIES = 3
PAGES = ["/", *(f"/conditions/{condition['slug']}/" for condition in SEED["conditions"])]


def lighthouse(url: str) -> dict:
    """One mobile performance run: its score and the metrics the score is made of. A run whose
    trace Lighthouse could not read (NO_NAVSTART, now and then on a busy machine) is run again."""
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: `make bench` installs it (scripts/lighthouse).")
    for _ in range(TRIES - 1):
        try:
            return one_run(url)
        except RuntimeError as error:
            print(error, "Trying again.", file=sys.stderr, flush=True)
    return one_run(url)


def one_run(url: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        output = Path(folder) / "report.json"
        run = subprocess.run(
            [str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json"]
            + [f"--output-path={output}", "--quiet", "--chrome-flags=--headless=new --no-sandbox"],
            env={**os.environ, "CHROME_PATH": CHROME},
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode:
            raise RuntimeError(f"Lighthouse failed on {url}:\n{run.stderr.strip()}")
        result = json.loads(output.read_text())
    audits = result["audits"]
    return {
        "score": result["categories"]["performance"]["score"],
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "si_ms": audits["speed-index"]["numericValue"],
        "version": result["lighthouseVersion"],
    }


def first_loads(port: int) -> list[dict]:
    """For each page, the run with the median score of RUNS, and every run's score."""
    rows = []
    load = os.getloadavg()[0]  # Lighthouse scales what it measures: a busy machine scores lower
    began = datetime.datetime.now(datetime.UTC)
    for path in PAGES:
        for _ in range(WARM_UP):  # every worker has rendered the page: the run measures the phone
            fetch(port, path)
        runs = sorted(
            (lighthouse(f"http://127.0.0.1:{port}{path}") for _ in range(RUNS)),
            key=lambda run: run["score"],
        )
        scores = [run["score"] for run in runs]
        rows.append(
            {"path": path, **runs[len(runs) // 2], "scores": scores, "load": load, "began": began}
        )
    return rows


def report_lines(rows: list[dict]) -> list[str]:
    lines = [
        "## A cheap phone's first load",
        "",
        f"Lighthouse {rows[0]['version']}'s mobile performance run (a mid-range phone, 4x slower "
        "processor, slow 4G, simulated) with Debian's chromium, against gunicorn as `make serve` "
        f"runs it, seed content, on {rows[0]['began']:%Y-%m-%d %H:%M} UTC "
        "(`make bench-lighthouse` measures this section alone again). Each page "
        f"{RUNS} times; the run with the median score is shown, then every run's score. Goal: "
        f"{GOAL} or more on every page. Lighthouse times the page's tasks on this machine and "
        "multiplies them by 4, so what else runs here lowers the score: the load average was "
        f"{rows[0]['load']:.1f} on {os.cpu_count()} cores as the runs began.",
        "",
        "| page | score | runs | first paint | largest paint | total blocking time "
        "| layout shift | speed index | goal |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        runs = ", ".join(f"{score:.2f}" for score in row["scores"])
        met = "met" if min(row["scores"]) >= GOAL else "**missed**"
        lines.append(
            f"| `{row['path']}` | {row['score']:.2f} | {runs} | {row['fcp_ms']:,.0f} ms "
            f"| {row['lcp_ms']:,.0f} ms | {row['tbt_ms']:,.0f} ms | {row['cls']:.3f} "
            f"| {row['si_ms']:,.0f} ms | {met} |"
        )
    return lines + [""]


SECTION = re.compile(r"^## A cheap phone's first load\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)


def with_section(document: str, lines: list[str]) -> str:
    """`document` (docs/benchmarks.md) with this section replaced, or added at its end."""
    section = "\n".join(lines) + "\n"
    if SECTION.search(document):
        return SECTION.sub(lambda _: section, document, count=1)
    return document.rstrip("\n") + "\n\n" + section
