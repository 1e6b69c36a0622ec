// The service worker's sync decisions: what to fetch, what stays saved, what a reader is told.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  answeredEntries,
  behindAfter,
  entriesToFetch,
  isCheckDue,
  savedAfter,
  syncProblems,
  unseenAfter,
  updatedUrls,
} from "../../frontend/service_worker/sync.js";

const manifest = [
  { url: "/conditions/a/", revision: "a2", bytes: 20 },
  { url: "/conditions/b/", revision: "b1", bytes: 10 },
  { url: "/static/app.js", revision: "s1", bytes: 5 },
];
const saved = {
  "/conditions/a/": { revision: "a1", bytes: 18 },
  "/conditions/b/": { revision: "b1", bytes: 10 },
  "/static/app.js": { revision: "s1", bytes: 5 },
  "/conditions/gone/": { revision: "g1", bytes: 7 },
};
const urls = (entries) => entries.map((entry) => entry.url);

test("an entry whose revision changed is fetched again, an unchanged one is not", () => {
  assert.deepEqual(urls(entriesToFetch(manifest, saved, new Set())), ["/conditions/a/"]);
});

test("a new entry, and one the browser dropped from the cache, are fetched", () => {
  const added = [...manifest, { url: "/conditions/new/", revision: "n1", bytes: 3 }];
  const missing = new Set(["/static/app.js", "/conditions/new/"]); // new: not in the cache
  const fetched = entriesToFetch(added, saved, missing);
  assert.deepEqual(urls(fetched), ["/conditions/a/", "/static/app.js", "/conditions/new/"]);
});

test("an entry removed from the manifest is no longer saved", () => {
  const after = savedAfter(manifest, saved, new Set());
  assert.deepEqual(Object.keys(after).sort(), ["/conditions/a/", "/conditions/b/", "/static/app.js"]);
  assert.deepEqual(after["/conditions/a/"], { revision: "a2", bytes: 20 });
});

test("an entry that failed to fetch keeps its old copy; a new one that failed is not saved", () => {
  const added = [...manifest, { url: "/conditions/new/", revision: "n1", bytes: 3 }];
  const after = savedAfter(added, saved, new Set(["/conditions/a/", "/conditions/new/"]));
  assert.deepEqual(after["/conditions/a/"], { revision: "a1", bytes: 18 });
  assert.equal("/conditions/new/" in after, false);
});

test("updated pages are the saved ones fetched at a new revision, not new or failed ones", () => {
  const fetched = [
    { url: "/conditions/a/", revision: "a2" },
    { url: "/conditions/new/", revision: "n1" },
    { url: "/static/app.js", revision: "s1" }, // dropped by the browser, same revision
  ];
  assert.deepEqual(updatedUrls(fetched, saved, new Set()), ["/conditions/a/"]);
  assert.deepEqual(updatedUrls(fetched, saved, new Set(["/conditions/a/"])), []);
});

test("pages not yet read since an update are remembered until they are no longer saved", () => {
  const unseen = { "/conditions/b/": true, "/conditions/gone/": true };
  const entries = savedAfter(manifest, saved, new Set());
  assert.deepEqual(unseenAfter(unseen, ["/conditions/a/"], entries), {
    "/conditions/b/": true,
    "/conditions/a/": true,
  });
});

test("a check is due after the interval, when forced, or after the connection came back", () => {
  const state = { checkedAt: 1000 };
  const intervalMs = 300e3;
  assert.equal(isCheckDue(state, { at: 2000, intervalMs }), false);
  assert.equal(isCheckDue(state, { at: 1000 + intervalMs, intervalMs }), true);
  assert.equal(isCheckDue(state, { at: 2000, intervalMs, force: true }), true);
  assert.equal(isCheckDue(state, { at: 2000, intervalMs, offlineSince: 1500 }), true);
  // A check that succeeded after the connection went is enough.
  assert.equal(isCheckDue(state, { at: 2000, intervalMs, offlineSince: 500 }), false);
});

const byUrl = (entries) => Object.fromEntries(entries.map(({ url, ...entry }) => [url, entry]));

test("a delta is applied to the saved entries: changed ones replaced, new ones added", () => {
  const delta = {
    version: "v2",
    changed: [
      { url: "/conditions/a/", revision: "a3", bytes: 21 },
      { url: "/conditions/new/", revision: "n1", bytes: 3 },
    ],
    removed: ["/conditions/gone/"],
  };
  assert.deepEqual(byUrl(answeredEntries(delta, { entries: saved })), {
    "/conditions/a/": { revision: "a3", bytes: 21 },
    "/conditions/b/": { revision: "b1", bytes: 10 },
    "/static/app.js": { revision: "s1", bytes: 5 },
    "/conditions/new/": { revision: "n1", bytes: 3 },
  });
});

test("a whole manifest (the phone's version unknown to the server) is taken as it is", () => {
  const whole = { version: "v9", entries: manifest };
  assert.deepEqual(answeredEntries(whole, { entries: saved }), manifest);
});

test("nothing changed (a 304): the saved entries, and the ones still to fetch, stay wanted", () => {
  const state = { entries: saved, behind: { "/conditions/a/": { revision: "a2", bytes: 20 } } };
  const wanted = answeredEntries(null, state);
  assert.deepEqual(byUrl(wanted)["/conditions/a/"], { revision: "a2", bytes: 20 });
  assert.deepEqual(urls(entriesToFetch(wanted, saved, new Set())), ["/conditions/a/"]);
});

test("an entry that failed is fetched at the next check, whatever the server did meanwhile", () => {
  // Version 2 changed a from a1 to a2, but fetching it failed: a keeps its old copy, the phone
  // records version 2 and that a is behind it.
  const held = { "/conditions/a/": { revision: "a1", bytes: 18 } };
  const version2 = [{ url: "/conditions/a/", revision: "a2", bytes: 20 }];
  const failed = new Set(["/conditions/a/"]);
  const state = {
    entries: savedAfter(version2, held, failed),
    behind: behindAfter(version2, failed),
  };
  const delta3 = {
    version: "v3",
    changed: [
      { url: "/conditions/a/", revision: "a1", bytes: 18 },
      { url: "/conditions/c/", revision: "c1", bytes: 4 },
    ],
    removed: [],
  };
  // Version 3 put a back at a1 and added c: a's old copy is what it needs.
  const wanted = answeredEntries(delta3, state);
  const notCached = new Set(["/conditions/c/"]);
  assert.deepEqual(urls(entriesToFetch(wanted, state.entries, notCached)), ["/conditions/c/"]);
  assert.deepEqual(byUrl(wanted)["/conditions/a/"], { revision: "a1", bytes: 18 });

  // Had version 3 left a at a2, the delta would not name it: it is fetched all the same.
  const unchanged = { version: "v3", changed: [], removed: [] };
  const stillWanted = answeredEntries(unchanged, state);
  assert.deepEqual(urls(entriesToFetch(stillWanted, state.entries, new Set())), ["/conditions/a/"]);
});

test("after a failure midway the old copy stays readable and only the failures are behind", () => {
  const delta = {
    version: "v2",
    changed: [{ url: "/conditions/a/", revision: "a2", bytes: 20 }],
    removed: ["/conditions/gone/"],
  };
  const wanted = answeredEntries(delta, { entries: saved });
  const failed = new Set(["/conditions/a/"]);
  const kept = savedAfter(wanted, saved, failed);
  assert.deepEqual(kept["/conditions/a/"], { revision: "a1", bytes: 18 });
  assert.equal("/conditions/gone/" in kept, false);
  const behind = behindAfter(wanted, failed);
  assert.deepEqual(behind, { "/conditions/a/": { revision: "a2", bytes: 20 } });
  assert.deepEqual(behindAfter(wanted, new Set()), {});
});

test("keeping a language saves what the precache holds at that revision without fetching it", () => {
  // A page the phone's cache holds at the manifest's revision (a copy removed and chosen again,
  // or kept by the version before) is saved; one it lacks is fetched.
  const english = [
    { url: "/conditions/cramp/", revision: "c1", bytes: 20 },
    { url: "/conditions/spasm/", revision: "p1", bytes: 9 },
  ];
  const fetched = entriesToFetch(english, {}, new Set(["/conditions/spasm/"]));
  assert.deepEqual(urls(fetched), ["/conditions/spasm/"]);
  assert.deepEqual(Object.keys(savedAfter(english, {}, new Set())), urls(english));
});

test("a kept language that cannot be checked is told of that language only", () => {
  const english = { offline: true };
  assert.deepEqual(syncProblems(["de", "en"], { en: english }, "de"), {
    problem: null,
    languageProblems: { en: english },
  });
  // The reader's own failing, or every language due failing, is the sync's problem.
  assert.deepEqual(syncProblems(["de", "en"], { de: english }, "de").problem, english);
  const server = { serverError: true };
  assert.deepEqual(syncProblems(["en"], { en: server }, "de"), {
    problem: server,
    languageProblems: {},
  });
  assert.deepEqual(syncProblems(["de"], {}, "de"), { problem: null, languageProblems: {} });
});
