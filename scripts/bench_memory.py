"""Worker memory for `make bench`: one gunicorn worker reads condition pages, each once, and its
resident memory (VmRSS) is read from /proc before and after."""

import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench_server import PAGE, fetch, serving

CLIENTS = 4


def _rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))


def _worker(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    assert len(children) == 1, f"expected one worker, found {children}"
    return int(children[0])


def worker_memory(database: Path, log: Path, *, step: int = 1) -> dict:
    """Every `step`th condition page read once by one worker (`step` 1: every page)."""
    with sqlite3.connect(database) as db:
        slugs = [slug for (slug,) in db.execute("SELECT slug FROM conditions_publication")]
    read = slugs[::step]
    master = []
    with serving(database, log, workers=1, master=master) as port:
        fetch(port, PAGE)  # the app loaded and one page served
        worker = _worker(master[0])
        before = _rss_kib(worker)
        started = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as clients:
            statuses = list(clients.map(lambda slug: fetch(port, f"/conditions/{slug}/")[0], read))
        seconds = time.perf_counter() - started
        after = _rss_kib(worker)
    assert set(statuses) == {200}, f"pages answered {sorted(set(statuses))}"
    return {
        "pages": len(slugs),
        "read": len(read),
        "seconds": seconds,
        "before_mib": before / 1024,
        "after_mib": after / 1024,
    }
