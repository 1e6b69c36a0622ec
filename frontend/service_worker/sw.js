/* The app's service worker. The server puts `const CONFIG = {...}` and the outbox
(static/frontend/js/outbox.js, `self.GuideOutbox`) above this line.

Precaching works as Workbox's does: every entry of the offline manifest is stored under its URL and
revision, only entries whose revision changed are fetched, and entries no version needs any more
are deleted. Unlike Workbox's build-time list, the manifest is read from the server, so published
edits arrive as deltas without a new worker. A new worker (a new app version) fills the cache
beside the old one, waits until the reader accepts the update, then removes what only the old
version used. */
"use strict";

const PRECACHE = "guide-precache-v1";
const STATE = "guide-state-v1";
const STATE_PREFIX = "/__guide__/state/";
const REVISION_PARAM = "__guide_revision";
const FETCH_CONCURRENCY = 6;

let stateCache = null; // this version's state, once read: {entries, unseen, checkedAt, ...}
let stateWrites = Promise.resolve();
let syncs = Promise.resolve();

class ServerError extends Error {}

function stateKey(version) {
  return new URL(STATE_PREFIX + version, self.location.origin).href;
}

function precacheKey(url, revision) {
  const key = new URL(url, self.location.origin);
  key.searchParams.set(REVISION_PARAM, revision);
  return key.href;
}

async function readState() {
  if (!stateCache) {
    const stored = await (await caches.open(STATE)).match(stateKey(CONFIG.version));
    stateCache = stored ? await stored.json() : null;
  }
  return stateCache;
}

function isRetired() {
  return self.serviceWorker?.state === "redundant";
}

function isWaiting() {
  return self.serviceWorker?.state === "installed";
}

async function writeState(state) {
  if (isRetired()) {
    return; // a newer version took over and removed this one's state; do not bring it back
  }
  const body = JSON.stringify(state);
  const headers = { "Content-Type": "application/json" };
  await (await caches.open(STATE)).put(stateKey(CONFIG.version), new Response(body, { headers }));
  stateCache = state;
}

/* Change the stored state one step at a time, so a sync and a page being opened never undo
each other's writes. `change` gets the current state and returns the new one. */
function updateState(change) {
  stateWrites = stateWrites
    .catch(() => {})
    .then(async () => writeState(change(await readState())));
  return stateWrites;
}

/* The server's manifest; a network failure throws TypeError, anything else ServerError. */
async function fetchManifest() {
  const response = await fetch(CONFIG.manifestUrl, { cache: "no-cache" });
  if (!response.ok) {
    throw new ServerError(`The offline manifest answered ${response.status}.`);
  }
  try {
    return await response.json();
  } catch (error) {
    throw new ServerError("The offline manifest is not JSON.");
  }
}

/* Refuse a response that is not what the manifest described: one rendered by another version of
the app (during a deploy), or content newer or older than the revision asked for. */
function checkResponse(entry, response) {
  if (!response.ok) {
    throw new Error(`${entry.url} answered ${response.status}.`);
  }
  const appVersion = response.headers.get("X-App-Version");
  if (appVersion && appVersion !== CONFIG.version) {
    throw new Error(`${entry.url} came from app version ${appVersion}.`);
  }
  // A compressed response carries the same revision as a weak ETag: W/"…".
  const etag = response.headers.get("ETag")?.replace(/^W\//, "");
  if (etag && !entry.url.startsWith(CONFIG.staticUrl) && etag !== `"${entry.revision}"`) {
    throw new Error(`${entry.url} is at revision ${etag}, not ${entry.revision}.`);
  }
}

/* Fetch entries into the precache, a few at a time; resolves to the entries that failed. */
async function precache(entries) {
  const cache = await caches.open(PRECACHE);
  const failed = [];
  const queue = [...entries];
  async function worker() {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      try {
        const response = await fetch(entry.url, { cache: "no-cache", redirect: "error" });
        checkResponse(entry, response);
        await cache.put(precacheKey(entry.url, entry.revision), response);
      } catch (error) {
        failed.push(entry);
      }
    }
  }
  await Promise.all(Array.from({ length: FETCH_CONCURRENCY }, worker));
  return failed;
}

async function missingFromCache(entries) {
  const cache = await caches.open(PRECACHE);
  const cached = new Set((await cache.keys()).map((request) => request.url));
  return entries.filter((entry) => !cached.has(precacheKey(entry.url, entry.revision)));
}

function entriesByUrl(entries) {
  return Object.fromEntries(
    entries.map((entry) => [entry.url, { revision: entry.revision, bytes: entry.bytes }]),
  );
}

/* Every version's stored state, as [request, state] pairs. Another version's worker may delete
one between keys() and match(); it is then left out. */
async function storedStates() {
  const stateStore = await caches.open(STATE);
  const states = [];
  for (const request of await stateStore.keys()) {
    const stored = await stateStore.match(request);
    if (stored) {
      states.push([request, await stored.json()]);
    }
  }
  return states;
}

/* Delete precached responses that no stored version refers to any more. The cache is listed
before the states are read: a version claims entries in its state before storing them (an
install its entries, a sync its pending ones), so every response listed here is already claimed
in the states read after. */
async function removeOutdated() {
  const cache = await caches.open(PRECACHE);
  const stored = await cache.keys();
  const wanted = new Set();
  for (const [, state] of await storedStates()) {
    for (const claimed of [state.entries, state.pending || {}]) {
      for (const [url, entry] of Object.entries(claimed)) {
        wanted.add(precacheKey(url, entry.revision));
      }
    }
  }
  for (const request of stored) {
    if (!wanted.has(request.url)) {
      await cache.delete(request);
    }
  }
}

/* A condition's API detail: its revision moves exactly when the guidance itself changes. */
function isConditionContent(url) {
  return url.startsWith(CONFIG.conditionsApiPrefix);
}

function status(state, extra = {}) {
  if (!state) {
    return { saved: false, ...extra };
  }
  const entries = Object.values(state.entries);
  return {
    saved: true,
    complete: state.complete,
    conditions: Object.keys(state.entries).filter(isConditionContent).length,
    bytes: entries.reduce((total, entry) => total + entry.bytes, 0),
    checkedAt: state.checkedAt,
    ...extra,
  };
}

async function broadcast(message) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) {
    client.postMessage(message);
  }
}

/* Bring the saved copy in line with the server's manifest, fetching only what changed. The
interval between checks is for while nothing changed: a page that saw the connection go at
`offlineSince` has it checked at once when it returns, unless a check since then succeeded. */
async function sync({ force = false, offlineSince = null } = {}) {
  const state = await readState();
  if (!state) {
    return status(state);
  }
  const reconnected = offlineSince !== null && state.checkedAt < offlineSince;
  if (!force && !reconnected && Date.now() - state.checkedAt < CONFIG.syncIntervalSeconds * 1000) {
    return status(state);
  }
  let manifest;
  try {
    manifest = await fetchManifest();
  } catch (error) {
    const problem = error instanceof ServerError ? { serverError: true } : { offline: true };
    return status(state, problem);
  }
  if (manifest.app_version !== CONFIG.version) {
    // A new version of the app is on the server. This one keeps reading its own copy; the new
    // one, waiting for the reader to accept it, keeps its copy up to date meanwhile.
    await updateState((current) => ({ ...current, checkedAt: Date.now() }));
    await self.registration.update().catch(() => {});
    self.registration.waiting?.postMessage({ type: "sync", force: true });
    return status(stateCache, { newVersion: true, updated: [] });
  }
  // Changed revisions, and anything the browser dropped from the cache, are fetched again.
  const missing = new Set((await missingFromCache(manifest.entries)).map((entry) => entry.url));
  const changed = manifest.entries.filter(
    (entry) => state.entries[entry.url]?.revision !== entry.revision || missing.has(entry.url),
  );
  if (changed.length) {
    await updateState((current) => ({ ...current, pending: entriesByUrl(changed) }));
  }
  const failed = new Set((await precache(changed)).map((entry) => entry.url));
  const entries = {};
  for (const entry of manifest.entries) {
    if (!failed.has(entry.url)) {
      entries[entry.url] = { revision: entry.revision, bytes: entry.bytes };
    } else if (state.entries[entry.url]) {
      entries[entry.url] = state.entries[entry.url]; // keep the old copy; try again next time
    }
  }
  const updated = changed
    .filter((entry) => state.entries[entry.url] && !failed.has(entry.url))
    .filter((entry) => state.entries[entry.url].revision !== entry.revision)
    .map((entry) => entry.url);
  await updateState((current) => {
    const unseen = { ...current.unseen };
    for (const url of updated) {
      unseen[url] = true;
    }
    for (const url of Object.keys(unseen)) {
      if (!entries[url]) {
        delete unseen[url];
      }
    }
    return {
      ...current,
      entries,
      pending: {},
      unseen,
      complete: failed.size === 0,
      checkedAt: Date.now(),
      version: failed.size === 0 ? manifest.version : current.version,
    };
  });
  await removeOutdated();
  return status(stateCache, {
    updated,
    updatedConditions: updated.filter(isConditionContent).length,
  });
}

/* One sync at a time; one asked for while another runs starts when it ends (and an unforced one
then finds the copy freshly checked). */
function queueSync(options) {
  const next = syncs.catch(() => {}).then(() => sync(options));
  syncs = next;
  return next;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const manifest = await fetchManifest();
      if (manifest.app_version !== CONFIG.version) {
        throw new Error("The server was updated meanwhile; the next update check installs it.");
      }
      // Claim the entries before fetching them, so that the version in use never deletes them
      // as outdated while this one is being installed.
      const installing = {
        entries: entriesByUrl(manifest.entries),
        unseen: await unseenOfOtherVersions(),
        complete: false,
        checkedAt: Date.now(),
        createdAt: Date.now(),
        version: manifest.version,
      };
      await writeState(installing);
      // As in Workbox, installing fails unless every entry is saved; what was saved stays for
      // the next attempt, which fetches only the rest.
      const failed = await precache(await missingFromCache(manifest.entries));
      if (failed.length) {
        throw new Error(`Could not save ${failed.length} entries for offline use.`);
      }
      await writeState({ ...installing, complete: true });
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Older versions' states go; a newer version already installing keeps its own.
      const own = await readState();
      const stateStore = await caches.open(STATE);
      for (const [request, other] of await storedStates()) {
        if (request.url !== stateKey(CONFIG.version) && !(other.createdAt > (own?.createdAt ?? 0))) {
          await stateStore.delete(request);
        }
      }
      for (const name of await caches.keys()) {
        if (name !== PRECACHE && name !== STATE) {
          await caches.delete(name);
        }
      }
      await removeOutdated();
      await self.clients.claim();
      await broadcast({ type: "status", status: status(await readState()) });
    })(),
  );
});

async function unseenOfOtherVersions() {
  let unseen = {};
  for (const [, state] of await storedStates()) {
    unseen = { ...unseen, ...state.unseen };
  }
  return unseen;
}

async function savedResponse(state, url) {
  const entry = state?.entries[url];
  if (!entry) {
    return undefined;
  }
  return (await caches.open(PRECACHE)).match(precacheKey(url, entry.revision));
}

async function respond(request) {
  const url = new URL(request.url);
  const navigation = request.mode === "navigate";
  const state = await readState();
  // Pages read their own query string (search words, a chosen condition), so a navigation is
  // answered by the saved page at its path; anything else must match exactly.
  const saved = await savedResponse(state, navigation ? url.pathname : url.pathname + url.search);
  if (saved) {
    return saved;
  }
  try {
    return await fetch(request);
  } catch (error) {
    const offline = navigation && (await savedResponse(state, CONFIG.offlineUrl));
    if (offline) {
      return offline;
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(respond(request));
});

async function searchIndex() {
  const state = await readState();
  const urls = Object.keys(state?.entries || {}).filter(isConditionContent);
  const conditions = [];
  for (const url of urls) {
    const response = await savedResponse(state, url);
    if (response) {
      conditions.push(await response.json());
    }
  }
  return conditions;
}

async function pageOpened(url) {
  let updated = false;
  if ((await readState())?.unseen[url]) {
    await updateState((current) => {
      const unseen = { ...current.unseen };
      updated = url in unseen;
      delete unseen[url];
      return { ...current, unseen };
    });
  }
  return { type: "page", updated };
}

/* Send what readers wrote with no connection; every open page hears what happened. What was
sent is noted first, for the next page to say so if no page is open to hear it now. */
async function flushOutbox(options) {
  const result = await self.GuideOutbox.flush(options);
  if (result.sent.length) {
    await self.GuideOutbox.noteSent(result.sent);
  }
  if (result.sent.length || result.failed.length) {
    await broadcast({ type: "outbox", sent: result.sent, failed: result.failed });
  }
  return result;
}

// Background Sync: the browser wakes the worker once a connection is back, even with the app
// closed. A rejected promise asks the browser to try again later.
self.addEventListener("sync", (event) => {
  if (event.tag === self.GuideOutbox.SYNC_TAG) {
    event.waitUntil(
      flushOutbox({ now: true }).then((result) => {
        if (result.waiting) {
          throw new Error("Some messages still wait in the outbox; try again later.");
        }
      }),
    );
  }
});

self.addEventListener("message", (event) => {
  const message = event.data || {};
  const reply = (answer) => event.ports[0]?.postMessage(answer);
  const handlers = {
    "skip-waiting": async () => self.skipWaiting(),
    status: async () => reply({ type: "status", status: status(await readState()) }),
    sync: async () => {
      const result = await queueSync({
        force: Boolean(message.force),
        offlineSince: message.offlineSince ?? null,
      });
      reply({ type: "status", status: result });
      // Pages are still served by the version in use until the reader accepts this one.
      if (result.updated?.length && !isWaiting()) {
        await broadcast({ type: "updated", urls: result.updated });
      }
    },
    "search-index": async () => reply({ type: "search-index", conditions: await searchIndex() }),
    "page-opened": async () => reply(await pageOpened(message.url)),
    "outbox-flush": async () =>
      reply({ type: "outbox", ...(await flushOutbox({ now: Boolean(message.now) })) }),
  };
  const handler = handlers[message.type];
  if (handler) {
    event.waitUntil(
      handler().catch((error) => reply({ type: "error", message: String(error) })),
    );
  }
});
