// Guidance kept in other languages: each kept language's copy, its own `since` version, what is
// due, what a page is told, and what the clean-up keeps.
import assert from "node:assert/strict";
import { test } from "node:test";

import { unclaimedKeys } from "../../frontend/service_worker/cleanup.js";
import {
  EMPTY_COPY,
  allEntries,
  carriedOver,
  copyOf,
  dueLanguages,
  entryFor,
  keptLanguages,
  languagesStatus,
  ownEntries,
  withCopy,
  withoutLanguage,
} from "../../frontend/service_worker/languages.js";
import { precacheKey } from "../../frontend/service_worker/state.js";
import { answeredEntries, isCheckDue } from "../../frontend/service_worker/sync.js";

const ORIGIN = "https://guide.example";
const isCondition = (url) => url.startsWith("/api/v1/offline-search/conditions/");

// A German reader's phone that keeps English too.
const state = () => ({
  entries: {
    "/static/app.js": { revision: "s1", bytes: 5 },
    "/de/conditions/krampf/": { revision: "k1", bytes: 30 },
    "/api/v1/offline-search/conditions/krampf/?lang=de": { revision: "kd1", bytes: 7 },
  },
  version: "de-v1",
  behind: {},
  checkedAt: 1000,
  complete: true,
  languages: {
    en: {
      entries: {
        "/conditions/cramp/": { revision: "c1", bytes: 20 },
        "/api/v1/offline-search/conditions/cramp/": { revision: "ce1", bytes: 6 },
      },
      version: "en-v1",
      behind: {},
      checkedAt: 500,
      complete: true,
    },
  },
});

test("each kept language has its own copy with its own since version; the reader's is the state", () => {
  const phone = state();
  assert.deepEqual(keptLanguages(phone), ["en"]);
  assert.equal(copyOf(phone, "de", "de").version, "de-v1");
  assert.equal(copyOf(phone, "en", "de").version, "en-v1");
  assert.equal(copyOf(phone, "fr", "de"), null);
  assert.equal(copyOf(null, "en", "de"), null);
});

test("a delta for one language is applied to that language's copy only", () => {
  const phone = state();
  const answer = {
    version: "en-v2",
    since: "en-v1",
    changed: [{ url: "/conditions/spasm/", revision: "p1", bytes: 9 }],
    removed: ["/conditions/cramp/"],
  };
  const entries = answeredEntries(answer, copyOf(phone, "en", "de"));
  assert.deepEqual(entries.map((entry) => entry.url).sort(), [
    "/api/v1/offline-search/conditions/cramp/",
    "/conditions/spasm/",
  ]);
  const after = withCopy(phone, "en", "de", { ...phone.languages.en, version: "en-v2" });
  assert.equal(after.languages.en.version, "en-v2");
  assert.equal(after.version, "de-v1"); // the reader's own copy keeps its version
});

test("another language keeps only what the reader's copy does not: the app's files are shared", () => {
  const manifest = [
    { url: "/static/app.js", revision: "s1", bytes: 5 },
    { url: "/conditions/cramp/", revision: "c1", bytes: 20 },
  ];
  assert.deepEqual(ownEntries(manifest, state().entries), [manifest[1]]);
});

test("a copy dropped while it was synced stays dropped; a chosen one is added", () => {
  const dropped = withoutLanguage(state(), "en", "de");
  assert.deepEqual(keptLanguages(dropped), []);
  assert.equal(withCopy(dropped, "en", "de", EMPTY_COPY), dropped);
  const chosen = withCopy(dropped, "en", "de", EMPTY_COPY, { choose: true });
  assert.deepEqual(keptLanguages(chosen), ["en"]);
});

test("the reader's own language is never dropped", () => {
  const phone = state();
  assert.equal(withoutLanguage(phone, "de", "de"), phone);
  assert.equal(Object.keys(withoutLanguage(phone, "de", "de").entries).length, 3);
});

test("a saved page is found in any kept language's copy", () => {
  const phone = state();
  assert.equal(entryFor(phone, "/conditions/cramp/").revision, "c1");
  assert.equal(entryFor(phone, "/de/conditions/krampf/").revision, "k1");
  assert.equal(entryFor(phone, "/conditions/other/"), undefined);
  assert.equal(Object.keys(allEntries(phone)).length, 5);
});

test("each copy is due by its own last check; the language just switched to at once", () => {
  const phone = state();
  const intervalMs = 1000;
  const isDue = (at) => (copy, options) => isCheckDue(copy, { ...options, at, intervalMs });
  // English was last checked at 500, German at 1000: at 1600 only English is due.
  assert.deepEqual(dueLanguages(phone, { own: "de", isDue: isDue(1600) }), ["en"]);
  assert.deepEqual(dueLanguages(phone, { own: "de", isDue: isDue(1200) }), []);
  // A German reader who switches to English: its copy is checked at once, German is not.
  const switched = { ...phone, readingLanguage: "de", languages: { en: { ...phone.languages.en, checkedAt: 1100 } } };
  assert.deepEqual(dueLanguages(switched, { own: "de", reading: "en", isDue: isDue(1200) }), ["en"]);
  assert.deepEqual(dueLanguages(switched, { own: "de", reading: "de", isDue: isDue(1200) }), []);
  // Everything due at once: the reader's own first.
  assert.deepEqual(dueLanguages(phone, { own: "de", isDue: isDue(5000) }), ["de", "en"]);
});

test("a page is told each other language: kept with its pages and size, or what it would take", () => {
  const phone = state();
  const told = languagesStatus(phone, {
    own: "de",
    languages: ["en", "de", "ar"],
    measured: { ar: 1234 },
    isCondition,
  });
  assert.deepEqual(told, [
    { language: "en", kept: true, complete: true, conditions: 1, bytes: 26 },
    { language: "ar", kept: false, bytes: 1234 },
  ]);
  const unmeasured = languagesStatus(withoutLanguage(phone, "en", "de"), {
    own: "de",
    languages: ["en", "de"],
    measured: {},
    isCondition,
  });
  assert.deepEqual(unmeasured, [{ language: "en", kept: false, bytes: null }]);
});

test("the clean-up keeps a kept language's responses and deletes a dropped one's", () => {
  const key = (url, revision) => precacheKey(url, revision, ORIGIN);
  const cached = [key("/static/app.js", "s1"), key("/conditions/cramp/", "c1")];
  assert.deepEqual(unclaimedKeys(cached, [state()], ORIGIN), []);
  const dropped = withoutLanguage(state(), "en", "de");
  assert.deepEqual(unclaimedKeys(cached, [dropped], ORIGIN), [key("/conditions/cramp/", "c1")]);
});

test("a language the site no longer has is not checked: no phantom copy of the reader's own", () => {
  const phone = { ...state(), languages: { ...state().languages, fr: { ...EMPTY_COPY } } };
  const due = () => true;
  assert.deepEqual(dueLanguages(phone, { own: "de", isDue: due, known: ["en", "de"] }), ["de", "en"]);
  assert.deepEqual(dueLanguages(phone, { own: "de", isDue: due }), ["de", "en", "fr"]);
});

test("a new version takes the languages over from the version in charge only", () => {
  // The version in charge dropped English; a stale state (an install that failed, a version
  // that was installing meanwhile) still holds it.
  const inCharge = { ...state(), languages: {}, createdAt: 2, activatedAt: 10, unseen: {} };
  const stale = { ...state(), complete: false, createdAt: 5, unseen: { "/de/x/": true } };
  const older = { ...state(), createdAt: 1, activatedAt: 3, unseen: {} };
  for (const states of [[inCharge, stale, older], [stale, older, inCharge]]) {
    const carried = carriedOver(states, { own: "de", known: ["de", "en"] });
    assert.deepEqual(carried.languages, {});
    assert.deepEqual(carried.unseen, { "/de/x/": true });
  }
  // Before activations were stamped: the latest state saved completely.
  const complete = { ...state(), createdAt: 4, unseen: {} };
  const carried = carriedOver([complete, stale], { own: "de", known: ["de", "en"] });
  assert.deepEqual(Object.keys(carried.languages), ["en"]);
  assert.deepEqual(carriedOver([], { own: "de", known: ["de"] }), { unseen: {}, languages: {} });
});

test("choosing another language keeps the copy of the one before as another, less what is shared", () => {
  // An English phone (English kept... as its own) whose reader chose German, which it kept too.
  const english = {
    entries: { "/static/app.js": { revision: "s1", bytes: 5 }, "/conditions/cramp/": { revision: "c1", bytes: 20 } },
    behind: {},
    version: "en-v1",
    complete: true,
    checkedAt: 700,
    language: "en",
    activatedAt: 1,
    languages: { de: state().entries, fr: { ...EMPTY_COPY } },
  };
  const germanEntries = { "/static/app.js": { revision: "s1", bytes: 5 } };
  const carried = carriedOver([english], { own: "de", known: ["de", "en"], entries: germanEntries });
  assert.deepEqual(carried.languages, {
    en: {
      entries: { "/conditions/cramp/": { revision: "c1", bytes: 20 } },
      behind: {},
      version: "en-v1",
      complete: true,
      checkedAt: 700,
    },
  });
});
