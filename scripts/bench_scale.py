"""The import, worker-memory and profile parts of docs/benchmarks.md (`make bench`)."""

IMPORT_GOAL_S = 120  # 20,000 conditions imported within two minutes (issue 22)

READ_NOTES = """\
**Where a read's time goes** (each request through Django's WSGI handler as gunicorn calls it,
in one process, no network; seed content; quiet machine): the static file 275 µs, the condition
page 629 µs, the API detail 659 µs; their views alone 142 µs and 203 µs. The view is one SQL
query for the page's current revisions, the body kept in the worker's cache and the conditional
response. The other 300 µs or so are the fifteen middleware below whitenoise (sessions, locale,
CSRF, authentication, two-factor, staff sessions, messages, django-axes and the app's own) and
resolving the address among the language-prefixed patterns (12 % of the page's time in
cProfile). Above whitenoise, paid by both, django-csp builds the policy twice a response (17 %).
Reaching 80 % would take answering the public reads before most of Django runs (a fast path
below whitenoise adding exactly the headers the middleware would) and a view of well under
100 µs. Not done: each read still asks the database for the page's newest revision, which is
what keeps every reader's copy current the moment a publish lands.
"""

SEARCH_NOTES = """\
**Where a search's time goes.** Every copy of the seed holds "spasm", so each search here
matches every condition: the worst case. At 2,000 conditions, of about 35 ms on a quiet machine:
ranking 6 ms of SQL, the 50 results' best sentences 10 ms, loading their payloads 5 ms, the
template 9 ms. At 20,000 the ranking SQL alone takes 90–140 ms: FTS5 finds the 20,000 rows in
13 ms, bm25 scores them all (43 ms more), each one's title length from its publication 25 ms
more, and the two tiers' column-filtered matches and the sort the rest. A search matching a few
hundred pages ranks in a few milliseconds. Not done: a title length stored with the search
entry, and ranking only the names' tier when it alone fills the page.
"""

PROFILE_NOTES = """\
## Profile notes: importing conditions

Sampled with py-spy (`py-spy record --idle --format raw`, the importing process's main thread) on
copies of the seed conditions, as the benchmark makes them, on this machine.

**Before the bulk path** (every condition saved as an editor's save is, then published one at a
time): 2,000 conditions took 113 CPU s, about 26 SQL statements a condition, and publishing read
every published copy's links for each new one, a time growing with the square of the import.

**The bulk path** (`conditions/bulk.py`): rows, links, the history and the published copies are
written with a few statements per batch of 500. Its pages are built from the rows just written,
in memory (`conditions/bulk_pages.py`): nothing is read back. Building them (DRF's serializer,
Markdown, the marked terms, fingerprints, the history's serialized data) made 60 % of the import's
time, so each batch is built in a forked worker process (one per processor) while the importing
process writes the batches before it. A worker's queries are refused.

What the importing process does at 20,000 conditions, share of its time: Django's bulk inserts
45 % (compiling each value into SQL, 26 %, costs more than SQLite running it, 15 %), the search
index's entries and vocabulary 16 %, the history's versions 25 % of which most is their insert,
checking the document (DRF's validation) 11 %, the rows of sections and sources 7 %. The draft
revisions were written by Django's `bulk_update`, a CASE of every row's value, 11 % of the time
alone; they are now one UPDATE run for each. Before the workers, 20,000 conditions took 184 CPU s
(339 s wall on this machine while other work shared it).
"""


def import_lines(imports: dict) -> list[str]:
    lines = [
        "## Importing conditions",
        "",
        "`import_conditions` of copies of the seed conditions into a database holding the seed "
        "(wall time, and CPU time of the importing process and its workers: the machine may be "
        "shared). All or nothing, every check of the file kept. Goal: 20,000 conditions within "
        "2 minutes.",
        "",
        "| conditions after | imported | wall | CPU | goal |",
        "|---|---|---|---|---|",
    ]
    for size, measured in imports.items():
        goal = ""
        if size >= 20_000:
            goal = f"{'met' if measured['seconds'] <= IMPORT_GOAL_S else '**missed**'}"
        lines.append(
            f"| {size:,} | {measured['imported']:,} | {measured['seconds']:.0f} s "
            f"| {measured['cpu']:.0f} s | {goal} |"
        )
    return [*lines, ""]


def memory_lines(memory: dict) -> list[str]:
    lines = [
        "## Worker memory",
        "",
        "One gunicorn worker (as `make serve` runs it, `--workers 1`) reads condition pages, each "
        "once, four at a time; its resident memory (VmRSS) after one page and after them all. "
        "Where reading every page would take too long, every n-th page is read.",
        "",
        "| conditions | pages read | after one page | after reading them | per page read | time |",
        "|---|---|---|---|---|---|",
    ]
    for size, m in memory.items():
        per_page = (m["after_mib"] - m["before_mib"]) * 1024 / max(m["read"], 1)
        lines.append(
            f"| {size:,} | {m['read']:,} of {m['pages']:,} | {m['before_mib']:.0f} MiB "
            f"| {m['after_mib']:.0f} MiB | {per_page:.0f} KiB | {m['seconds']:.0f} s |"
        )
    return [*lines, ""]
