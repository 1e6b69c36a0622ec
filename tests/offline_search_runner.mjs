// The installed app's search run by Node on entries given as JSON on stdin
// ({entries, names, queries, language}); prints each query's result slugs, best first, as JSON.
import { readFileSync } from "node:fs";

import { buildIndex, search } from "../frontend/static/frontend/js/search-rank.js";

const { entries, names, queries, language } = JSON.parse(readFileSync(0, "utf8"));
const index = buildIndex(entries, names, language);
const answers = {};
for (const query of queries) {
  const found = search(index, query);
  answers[query] = { slugs: found.results.map((r) => r.entry.slug), suggestion: found.suggestion };
}
process.stdout.write(JSON.stringify(answers));
