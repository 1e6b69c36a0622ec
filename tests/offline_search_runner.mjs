// The installed app's search run by Node on entries given as JSON on stdin
// ({entries, pages, names, queries, language}: the compact entries and the pages they name, by
// URL, read back together as the worker does); prints each query's result slugs, best first, as
// JSON.
import { readFileSync } from "node:fs";

import { expandEntry } from "../frontend/service_worker/search-entry.js";
import { buildIndex, search } from "../frontend/static/frontend/js/search-rank.js";

const { entries, pages, names, queries, language } = JSON.parse(readFileSync(0, "utf8"));
const index = buildIndex(
  entries.map((entry) => expandEntry(entry, pages[entry.url] ?? "")),
  names,
  language,
);
const answers = {};
for (const query of queries) {
  const found = search(index, query);
  answers[query] = { slugs: found.results.map((r) => r.entry.slug), suggestion: found.suggestion };
}
process.stdout.write(JSON.stringify(answers));
