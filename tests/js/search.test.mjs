// The installed app's search: the server's stemmer, typos, other names, ranking and the marked
// sentence, as plain functions (the agreement with the server is tests/test_search_agreement.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { bestMatch, buildIndex, ranked, search } from "../../frontend/static/frontend/js/search-rank.js";
import { stemEnglish } from "../../frontend/static/frontend/js/search-stem.js";
import { stemGerman } from "../../frontend/static/frontend/js/search-stem-german.js";
import {
  corrected,
  groups,
  key,
  withinOneEdit,
} from "../../frontend/static/frontend/js/search-words.js";

const STEMS = JSON.parse(readFileSync(new URL("./fixtures/english-stems.json", import.meta.url)));
const GERMAN_STEMS = JSON.parse(readFileSync(new URL("./fixtures/german-stems.json", import.meta.url)));

test("every word stems as the server's Snowball stemmer stems it", () => {
  // The fixture is the Python stemmer's (tests/test_search_entries.py keeps it so).
  const wrong = Object.entries(STEMS).filter(([word, stem]) => stemEnglish(word) !== stem);
  assert.deepEqual(wrong.map(([word, stem]) => [word, stem, stemEnglish(word)]), []);
  assert.ok(Object.keys(STEMS).length > 500);
  assert.equal(stemEnglish("spasming"), "spasm");
});

test("every German word stems as the server's German Snowball stemmer stems it", () => {
  // The fixture is the Python stemmer's (scripts/german_stems.py; tests/test_search_entries.py).
  const wrong = Object.entries(GERMAN_STEMS).filter(([word, stem]) => stemGerman(word) !== stem);
  assert.deepEqual(wrong.map(([word, stem]) => [word, stem, stemGerman(word)]), []);
  assert.ok(Object.keys(GERMAN_STEMS).length >= 200);
  for (const word of ["krampf", "krämpfe", "krämpfen", "krampfes"]) assert.equal(stemGerman(word), "krampf");
  assert.equal(stemGerman("lähmungen"), "lahmung");
  assert.equal(stemGerman("muskeln"), stemGerman("muskel"));
});

test("accents are left out as the server's index leaves them out: Krämpfe is Krampf", () => {
  assert.equal(key("Krämpfe"), key("Krampf"));
  assert.equal(key("Spasms"), "spasm");
});

test("one wrong, missing, extra or swapped letter is one edit; two are not", () => {
  assert.ok(withinOneEdit("dystnia", "dystonia"));
  assert.ok(withinOneEdit("dystoina", "dystonia"));
  assert.ok(withinOneEdit("dystoniaa", "dystonia"));
  assert.ok(withinOneEdit("dystonja", "dystonia"));
  assert.equal(withinOneEdit("dsytnia", "dystonia"), false);
  assert.equal(withinOneEdit("dyst", "dystonia"), false);
});

test("an unknown word of 5 letters or more becomes the most used known word one edit away", () => {
  const counts = new Map([["tremor", 1], ["tumor", 1], ["spasm", 3], ["spasms", 2]]);
  assert.deepEqual(corrected(["spasmm", "tremorr", "tremo", "neck"], counts), ["spasm", "tremor", "tremor", "neck"]);
  assert.deepEqual(corrected(["spasm", "xyzzyq"], counts), ["spasm", "xyzzyq"]);
  assert.deepEqual(corrected(["tumr"], counts), ["tumr"]); // 4 letters: left as typed
});

test("a term's name is widened to its other names, as phrases, compared by stem", () => {
  const names = [[["botulinum", "toxin"], ["botox"]], [["tremor"], ["shaking"]]];
  assert.deepEqual(groups(["botox", "neck"], names), [
    [[["botox"], false], [["botulinum", "toxin"], true]],
    [[["neck"], false]],
  ]);
  assert.deepEqual(groups(["tremors"], names), [[[["tremors"], false], [["shaking"], true]]]);
  assert.deepEqual(groups(["botulinum", "toxins"], names), [
    [[["botulinum", "toxins"], false], [["botox"], true]],
  ]);
});

let ids = 0;
function entry(title, { names = [], head = [], sections = [] } = {}) {
  ids += 1;
  return { id: ids, slug: title.toLowerCase().replace(/ /g, "-"), title, url: `/${ids}/`,
    names: [title, ...names], head, related: [], sections };
}

test("names come first (the shortest title first), then headings, then text by bm25", () => {
  const entries = [
    entry("A page about cramps", { head: ["Sometimes a spasm comes at night."] }),
    entry("B page about cramps", { sections: [["When a spasm starts", "s", "It hurts."]] }),
    entry("Cramp and muscle spasm guide", { head: ["About cramps."] }),
    entry("Spasm", { head: ["About them."] }),
    entry("D unrelated", { head: ["Nothing to see."] }),
  ];
  const found = ranked(buildIndex(entries), [[[["spasms"], false]]]);
  assert.deepEqual(found.map((e) => e.title), [
    "Spasm", "Cramp and muscle spasm guide", "B page about cramps", "A page about cramps",
  ]);
});

test("more matches rank higher in the same place", () => {
  const entries = [
    entry("A once", { head: ["Blinking is one sign among many other signs here."] }),
    entry("B often", { head: ["Blinking, blinking and more blinking."] }),
  ];
  assert.deepEqual(search(buildIndex(entries), "blinking").results.map((r) => r.entry.title), ["B often", "A once"]);
});

test("the sentence with most searched words is marked, with its section", () => {
  const found = bestMatch(entry("Dystonia", {
    head: ["About dystonia."],
    sections: [["Treatment", "treatment", "Rest helps. Botulinum toxin injections help most. Toxins."]],
  }), ["botox", "botulinum", "toxin"]);
  assert.equal(found.anchor, "treatment");
  assert.equal(found.heading, "Treatment");
  assert.deepEqual(found.parts, [
    { text: "Botulinum", marked: true }, { text: " ", marked: false },
    { text: "toxin", marked: true }, { text: " injections help most.", marked: false },
  ]);
  assert.equal(bestMatch(entry("Spasm"), ["spasm"]), null); // only the names hold it
});

test("nothing found as typed: the typo is corrected and said", () => {
  const index = buildIndex([entry("Cervical dystonia"), entry("Tremor", { head: ["Shaking hands."] })]);
  const found = search(index, "dystnia");
  assert.equal(found.suggestion, "dystonia");
  assert.deepEqual(found.results.map((r) => r.entry.title), ["Cervical dystonia"]);
  assert.equal(search(index, "dystonia").suggestion, "");
  assert.equal(search(index, "zzzzzzz").count, 0);
  assert.equal(search(index, "   ").count, 0);
});

test("other names find each other's pages", () => {
  const names = [[["tremor"], ["shaking"]]];
  const index = buildIndex([entry("Tremor"), entry("Hands", { head: ["Shaking hands."] })], names);
  assert.deepEqual(search(index, "shaking").results.map((r) => r.entry.title), ["Tremor", "Hands"]);
});
