// Listen: sentences, voices and places on the page, the parts that need no page.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  LINE_BREAK,
  languageName,
  nextPassage,
  nextSentence,
  pickVoice,
  restorePlace,
  savedPlace,
  sectionStart,
  sentences,
} from "../../frontend/static/frontend/js/listen-text.js";

test("a passage is split into sentences that point back into its text", () => {
  const text = "\n  Spasms hurt.  Stretch gently,\n slowly. Ask Dr Rui if it lasts?\n";
  const found = sentences(text, "en");
  assert.deepEqual(
    found.map((sentence) => sentence.text),
    ["Spasms hurt.", "Stretch gently, slowly.", "Ask Dr Rui if it lasts?"],
  );
  for (const sentence of found) {
    assert.equal(text.slice(sentence.start, sentence.end).replace(/\s+/g, " "), sentence.text);
  }
  assert.deepEqual(sentences(" \n ", "en"), []);
  // A line break (<br>) ends a line of its own.
  const lines = sentences(`Alexandra Latour${LINE_BREAK}Medizinjournalistin`, "de");
  assert.deepEqual(lines.map((line) => line.text), ["Alexandra Latour", "Medizinjournalistin"]);
  assert.deepEqual(sentences("Ein Satz. Noch einer.", "not a tag!").length, 2);
});

const voice = (name, lang, localService, isDefault = false) => ({
  name,
  lang,
  localService,
  default: isDefault,
});

test("each language gets a voice of its own, the phone's own first", () => {
  const voices = [
    voice("Online US", "en-US", false, true),
    voice("Online GB", "en-GB", false),
    voice("Phone US", "en_US", true),
    voice("Phone German", "de-DE", true),
  ];
  assert.equal(pickVoice(voices, "en-GB").name, "Phone US");
  assert.equal(pickVoice(voices, "de").name, "Phone German");
  assert.equal(pickVoice(voices.slice(0, 2), "en-GB").name, "Online GB");
  assert.equal(pickVoice(voices.slice(0, 2), "en").name, "Online US");
  assert.equal(pickVoice(voices, "fr"), null);
  assert.equal(pickVoice([], "en"), null);
  assert.equal(pickVoice([voice("English", "en", true)], "eng"), null);
});

test("languages are named in the reader's language", () => {
  assert.equal(languageName("de", "en"), "German");
  assert.equal(languageName("de-AT", "en"), "German");
  assert.equal(languageName("en", "de"), "Englisch");
});

const passage = (count) => ({ sentences: Array.from({ length: count }, () => ({})) });
const PAGE = [
  { title: "Title", passages: [passage(2), passage(1)] },
  { title: "Symptoms", passages: [passage(1)] },
  { title: "About Alexandra", passages: [passage(1), passage(2)] },
];

test("reading goes sentence by sentence through every passage and section, then ends", () => {
  const visited = [];
  for (let at = sectionStart(PAGE, 0); at; at = nextSentence(PAGE, at)) {
    visited.push([at.section, at.passage, at.sentence]);
  }
  assert.deepEqual(visited, [
    [0, 0, 0],
    [0, 0, 1],
    [0, 1, 0],
    [1, 0, 0],
    [2, 0, 0],
    [2, 1, 0],
    [2, 1, 1],
  ]);
  assert.deepEqual(nextPassage(PAGE, { section: 0, passage: 0, sentence: 1 }), {
    section: 0,
    passage: 1,
    sentence: 0,
  });
  assert.equal(nextPassage(PAGE, { section: 2, passage: 1, sentence: 0 }), null);
  assert.equal(sectionStart(PAGE, -1).section, 0);
  assert.equal(sectionStart(PAGE, 3).section, 2);
});

test("where reading stopped comes back by section title, even after the page changed", () => {
  const kept = savedPlace(PAGE, { section: 2, passage: 1, sentence: 1 });
  assert.deepEqual(kept, { section: 2, title: "About Alexandra", passage: 1 });
  assert.deepEqual(restorePlace(PAGE, kept), { section: 2, passage: 1, sentence: 0 });
  // A section was added before it: found by its title, from its start.
  const longer = [PAGE[0], { title: "Causes", passages: [passage(1)] }, ...PAGE.slice(1)];
  assert.deepEqual(restorePlace(longer, kept), { section: 3, passage: 0, sentence: 0 });
  // Fewer passages than before: the last one.
  assert.equal(restorePlace(PAGE, { ...kept, passage: 9 }).passage, 1);
  assert.equal(restorePlace(PAGE, { ...kept, title: "Gone" }), null);
  assert.equal(restorePlace(PAGE, { section: 0, title: "Title", passage: 0 }), null);
  assert.equal(restorePlace(PAGE, null), null);
  assert.equal(restorePlace(PAGE, "junk"), null);
});
