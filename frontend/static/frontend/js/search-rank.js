/* The server's search (conditions/search/engine.py and sqlite.py) over the saved copy's search
entries: every group of words must match; conditions whose names hold them all come first
(the shortest title first), then those whose names and headings do, then the rest, each by
FTS5's bm25 with the server's weights (names 10, headings 4, text 1); when nothing matches, a
typo in a word of 5 letters or more is corrected. Each result has the sentence that shows why,
its searched words marked, and the section it is in (snippets.py). */

import {
  WORD,
  corrected,
  groups,
  key,
  searchedWords,
  stem,
  vocabularyWords,
  words,
} from "./search-words.js";

export const RESULTS_SHOWN = 50;
const WEIGHTS = [10, 4, 1]; // names, headings, text
const K1 = 1.2;
const B = 0.75;
const SENTENCE_END = /(?<=[.!?…])\s+/u;

/* How many entries buildIndex has read in this page (or Node process): a saved index read back
adds none (offline-search.js keeps it per version of the saved copy). */
export const built = { parsed: 0 };

/* The names, headings and text of an entry, as the server's SearchEntry columns. */
export function columnTexts(entry) {
  const sections = entry.sections || [];
  return [
    (entry.names || []).join("\n"),
    sections.map((section) => section[0]).join("\n"),
    [...(entry.head || []), ...(entry.related || []), ...sections.map((s) => s[2])].join("\n"),
  ];
}

/* What ranking reads of the saved entries in `language` (the page's, whose stemmer it uses),
made once: each entry's columns as keys (in order, and counted), and the words typos are
corrected to, with how many conditions use each. `parsed` counts the entries read. */
export function buildIndex(entries, names = [], language = "en") {
  const counts = new Map();
  entries = entries.filter((entry) => (entry.language || "en") === language);
  built.parsed += entries.length;
  let tokens = 0;
  const docs = entries.map((entry) => {
    const columns = columnTexts(entry).map((text) => text.match(WORD) || []);
    for (const word of vocabularyWords(new Set(columns.flat()))) {
      counts.set(word, (counts.get(word) || 0) + 1);
    }
    const keys = columns.map((column) => column.map((word) => key(word, language)));
    const size = keys.reduce((total, column) => total + column.length, 0);
    tokens += size;
    const counted = keys.map((column) => {
      const times = new Map();
      column.forEach((word) => times.set(word, (times.get(word) || 0) + 1));
      return times;
    });
    return { entry, columns: keys, counted, size, titleLength: [...entry.title].length };
  });
  return { docs, counts, names, language, averageSize: docs.length ? tokens / docs.length : 0 };
}

/* How many times the phrase (keys side by side) is in column `c` of a document. */
function occurrences(doc, c, phrase) {
  const first = doc.counted[c].get(phrase[0]) || 0;
  if (phrase.length === 1 || !first) {
    return first;
  }
  const column = doc.columns[c];
  let count = 0;
  for (let at = 0; at + phrase.length <= column.length; at += 1) {
    if (phrase.every((word, i) => column[at + i] === word)) count += 1;
  }
  return count;
}

/* The query's phrases in FTS5's order: an alternative of one word, or one that must stand side
by side, is one phrase; other alternatives are each of their words. Each alternative lists its
phrases' numbers. */
export function phrasesOf(found, language = "en") {
  const phrases = [];
  const query = found.map((group) =>
    group.map(([alternative, together]) => {
      const parts = together || alternative.length === 1 ? [alternative] : alternative.map((w) => [w]);
      return parts.map((part) => phrases.push(part.map((word) => key(word, language))) - 1);
    }),
  );
  return { phrases, query };
}

/* Which alternatives match when only `columns` (their numbers) are read: per alternative,
whether all of its phrases are there. */
function matched(query, counts, columns) {
  const there = (phrase) => columns.some((column) => counts[phrase][column] > 0);
  return query.map((group) => group.map((alternative) => alternative.every(there)));
}

const allMatch = (groupsMatched) => groupsMatched.every((group) => group.some(Boolean));

/* Matching conditions, best first, each with its counts, as the server's RANKED_SQL. */
export function ranked(index, found) {
  const { phrases, query } = phrasesOf(found, index.language);
  const hits = [];
  const rows = phrases.map(() => 0); // rows holding each phrase: FTS5 counts the whole table
  for (const doc of index.docs) {
    const counts = phrases.map((phrase) => [0, 1, 2].map((c) => occurrences(doc, c, phrase)));
    counts.forEach((inColumns, i) => {
      rows[i] += inColumns.some((n) => n > 0) ? 1 : 0;
    });
    const anywhere = matched(query, counts, [0, 1, 2]);
    if (allMatch(anywhere)) {
      hits.push({ doc, counts, anywhere });
    }
  }
  const total = index.docs.length;
  const idf = rows.map((hit) => {
    const value = Math.log((total - hit + 0.5) / (hit + 0.5));
    return value <= 0 ? 1e-6 : value;
  });
  for (const hit of hits) {
    hit.tier = allMatch(matched(query, hit.counts, [0])) ? 0 : allMatch(matched(query, hit.counts, [0, 1])) ? 1 : 2;
    // Only the phrases of alternatives that matched count, as FTS5's instances.
    const counted = new Set();
    query.forEach((group, g) => group.forEach((alternative, a) => {
      if (hit.anywhere[g][a]) alternative.forEach((phrase) => counted.add(phrase));
    }));
    let score = 0;
    for (let i = 0; i < phrases.length; i += 1) {
      const frequency = counted.has(i) ? hit.counts[i].reduce((sum, n, c) => sum + n * WEIGHTS[c], 0) : 0;
      score += idf[i] * ((frequency * (K1 + 1)) /
        (frequency + K1 * (1 - B + (B * hit.doc.size) / index.averageSize)));
    }
    hit.score = -1 * score;
  }
  return hits.sort((a, b) =>
    a.tier - b.tier ||
    (a.tier === 0 ? a.doc.titleLength - b.doc.titleLength : 0) ||
    a.score - b.score ||
    a.doc.titleLength - b.doc.titleLength ||
    a.doc.entry.id - b.doc.entry.id,
  ).map((hit) => hit.doc.entry);
}

function commonPrefix(a, b) {
  let at = 0;
  while (at < a.length && a[at] === b[at]) at += 1;
  return a.slice(0, at);
}

/* A sentence as plain parts, the words of these stems marked. */
export function markedParts(sentence, stems, language = "en") {
  const parts = [];
  let done = 0;
  for (const found of sentence.matchAll(WORD)) {
    if (stems.has(stem(found[0], language))) {
      parts.push({ text: sentence.slice(done, found.index), marked: false });
      parts.push({ text: found[0], marked: true });
      done = found.index + found[0].length;
    }
  }
  parts.push({ text: sentence.slice(done), marked: false });
  return parts.filter((part) => part.text);
}

/* The first sentence holding the most of `searched` and where it is; null if only the names
hold them (snippets.best_match). */
export function bestMatch(entry, searched, language = "en") {
  const stemOf = (word) => stem(word, language);
  const stems = new Set(searched.map(stemOf));
  const starts = searched.map((word) => commonPrefix(word, stemOf(word)) || word);
  const score = (sentence) => {
    const candidates = words(sentence).filter((word) => starts.some((start) => word.startsWith(start)));
    return new Set(candidates.map(stemOf).filter((found) => stems.has(found))).size;
  };
  const places = (entry.head || []).map((text) => ["", "", text]).concat(entry.sections || []);
  let best = null;
  let bestScore = 0;
  for (const [heading, anchor, text] of places) {
    for (const sentence of text.split(SENTENCE_END)) {
      const found = score(sentence);
      if (found > bestScore) {
        best = { sentence, heading, anchor };
        bestScore = found;
        if (found === stems.size) break;
      }
    }
    if (bestScore === stems.size) break;
  }
  return best && { parts: markedParts(best.sentence, stems, language), heading: best.heading, anchor: best.anchor };
}

/* The saved copy searched as the server searches (engine.search): {query, count, suggestion,
results: [{entry, match}]}. */
export function search(index, query) {
  query = query.trim();
  const typed = [...new Set(words(query))];
  if (!typed.length) {
    return { query, count: 0, suggestion: "", results: [] };
  }
  let searched = groups(typed, index.names, index.language);
  let found = ranked(index, searched);
  let suggestion = "";
  if (!found.length) {
    const fixed = corrected(typed, index.counts);
    if (fixed.some((word, i) => word !== typed[i])) {
      const widened = groups(fixed, index.names, index.language);
      found = ranked(index, widened);
      if (found.length) {
        searched = widened;
        suggestion = fixed.join(" ");
      }
    }
  }
  const marked = searchedWords(searched);
  return {
    query,
    count: found.length,
    suggestion,
    results: found.slice(0, RESULTS_SHOWN).map((entry) => ({ entry, match: bestMatch(entry, marked, index.language) })),
  };
}
