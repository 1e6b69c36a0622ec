// The service worker's clean-up: which responses and which versions' states may be deleted.
import assert from "node:assert/strict";
import { test } from "node:test";

import { retiredStateKeys, unclaimedKeys } from "../../frontend/service_worker/cleanup.js";
import { entriesNotIn } from "../../frontend/service_worker/precache.js";
import { precacheKey } from "../../frontend/service_worker/state.js";

const ORIGIN = "https://guide.example";
const key = (url, revision) => precacheKey(url, revision, ORIGIN);

test("a response keeps its URL and revision in its precache key", () => {
  assert.equal(key("/conditions/a/", "r1"), `${ORIGIN}/conditions/a/?__guide_revision=r1`);
  assert.equal(key("/search/?q=x", "r2"), `${ORIGIN}/search/?q=x&__guide_revision=r2`);
});

test("a response no version claims is deleted; one at an older revision too", () => {
  const inUse = { entries: { "/conditions/a/": { revision: "a2" } } };
  const cached = [key("/conditions/a/", "a1"), key("/conditions/a/", "a2"), key("/gone/", "g1")];
  assert.deepEqual(unclaimedKeys(cached, [inUse], ORIGIN), [
    key("/conditions/a/", "a1"),
    key("/gone/", "g1"),
  ]);
});

test("a response claimed by a waiting version is not deleted by the version in use", () => {
  const inUse = { entries: { "/static/app.1.js": { revision: "1" } } };
  const waiting = { entries: { "/static/app.2.js": { revision: "2" } } };
  const cached = [key("/static/app.1.js", "1"), key("/static/app.2.js", "2")];
  assert.deepEqual(unclaimedKeys(cached, [inUse, waiting], ORIGIN), []);
  assert.deepEqual(unclaimedKeys(cached, [inUse], ORIGIN), [key("/static/app.2.js", "2")]);
});

test("a response a sync is still fetching (pending) is not deleted", () => {
  const syncing = {
    entries: { "/conditions/a/": { revision: "a1" } },
    pending: { "/conditions/a/": { revision: "a2" } },
  };
  const cached = [key("/conditions/a/", "a1"), key("/conditions/a/", "a2")];
  assert.deepEqual(unclaimedKeys(cached, [syncing], ORIGIN), []);
});

test("on activation older versions' states go, a newer one installing keeps its own", () => {
  const own = { createdAt: 200 };
  const stored = [
    ["state/old", { createdAt: 100 }],
    ["state/own", own],
    ["state/newer", { createdAt: 300 }],
    ["state/unknown", {}],
  ];
  assert.deepEqual(retiredStateKeys(stored, "state/own", own), ["state/old", "state/unknown"]);
});

test("only entries missing from the precache at their revision are fetched on install", () => {
  const entries = [
    { url: "/a/", revision: "1" },
    { url: "/b/", revision: "2" },
  ];
  const cached = [key("/a/", "1"), key("/b/", "1")];
  assert.deepEqual(entriesNotIn(cached, entries, ORIGIN), [{ url: "/b/", revision: "2" }]);
});
