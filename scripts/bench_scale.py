"""The import, worker-memory and profile parts of docs/benchmarks.md (`make bench`)."""

IMPORT_GOAL_S = 120  # 20,000 conditions imported within two minutes (issue 22)

PROFILE_NOTES = """\
## Profile notes: importing conditions

cProfile of `conditions_import` on copies of the seed conditions (as the benchmark makes them),
on this machine while other work shared it, CPU seconds of the importing process.

**Before** (every condition saved as an editor's save is, then published one at a time):
2,000 conditions took 113 CPU s (475 s of wall time with the machine shared; 61 s in an earlier
quiet run); 500 took 45 CPU s under the profiler. Per condition about 26 SQL statements, and the
costs, top first:

1. Publishing each condition (`publication_store`): its published copy saved alone (with the
   comments receiver's three queries), then `_links_refresh`, which read `related_ids` of *every*
   published copy to find the pages listing the new one: a time growing with the square of the
   import (at 20,000, some 200 million list items read; not run to its end here).
2. Working out each draft's revision (`condition_saved`): `condition_payload` read each condition
   again with its sections, sources and links (5 queries) and ran the serializer alone, so DRF
   built its fields anew for every condition (3–4 ms each).
3. The history: reversion copies a revision's list of versions at each row it adds (hence one
   revision per hundred conditions), and serializes each row with a call of its own.
4. Markdown (markdown-it, then nh3): about 2 ms a condition, five to six texts each.
5. The rest: an author's and a reviewer's `get_or_create` per condition, a query for links per
   condition, the search index (already in batches).

**After** (`conditions/bulk.py`, for an import that creates conditions): rows, links, the
history and the published copies are written with a few statements per 500 conditions (a
bulk insert can carry fewer rows on SQLite: 999 parameters); each page is built once, in batches
of 500 read with one prefetching query, by one serializer for the batch; links are known from the
file, and pages saved before that the import links to are refreshed once at the end; authors are
read once per import. 2,000 conditions take 17–18 CPU s (from 113), 20,000 take 218 CPU s,
linear (wall time 42–109 s and 1,131 s with the machine shared by other work, load 8 to 18 on
its 2 cores). What is left, top first, at 20,000 (CPU s): building the pages with DRF's
serializer 125 (of which Markdown 42), the history 44, bulk inserts 34, filling the published
copies (fingerprints, terms) 21, the document's checks 16, the prefetching reads 13, the search
index 12, storing the drafts' revisions 10. Markdown and DRF's per-field work are now most of it;
caching Markdown by its text would make copies of the seed (the benchmark's data) look far
cheaper than real pages, so it is not done.
"""


def import_lines(imports: dict) -> list[str]:
    lines = [
        "## Importing conditions",
        "",
        "`import_conditions` of copies of the seed conditions into a database holding the seed "
        "(wall time, and CPU time of the importing process: the machine may be shared). All or "
        "nothing, every check of the file kept. Goal: 20,000 conditions within 2 minutes.",
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
