/* What this version of the app has saved: its state ({entries, pending, unseen, checkedAt, ...},
each entry a URL with its revision and size), kept in a cache of its own beside the precache,
which holds each entry's response under its URL and revision, and a copy of the same shape for
each other language the reader keeps (languages.js). `CONFIG` is set by the server above every
part of the worker (frontend/worker_script.py). */

import { entryFor, languagesStatus } from "./languages.js";

export const PRECACHE = "guide-precache-v1";
export const STATE = "guide-state-v1";
const STATE_PREFIX = "/__guide__/state/";
const REVISION_PARAM = "__guide_revision";

let stateCache = null; // this version's state, once read
let stateWrites = Promise.resolve();

/* The bytes each language not kept would take, {language: bytes}, as last measured. */
export const measuredSizes = {};

/* Each language's worker of a version has a state of its own: a reader who chooses another
language installs that language's worker beside the one in charge. */
export function stateKey(version, language = CONFIG.language, origin = self.location.origin) {
  return new URL(`${STATE_PREFIX}${language}/${version}`, origin).href;
}

/* Where the response for `url` at `revision` is kept in the precache. */
export function precacheKey(url, revision, origin = self.location.origin) {
  const key = new URL(url, origin);
  key.searchParams.set(REVISION_PARAM, revision);
  return key.href;
}

export async function readState() {
  if (!stateCache) {
    const stored = await (await caches.open(STATE)).match(stateKey(CONFIG.version));
    stateCache = stored ? await stored.json() : null;
  }
  return stateCache;
}

export function isRetired() {
  return self.serviceWorker?.state === "redundant";
}

export function isWaiting() {
  return self.serviceWorker?.state === "installed";
}

export async function writeState(state) {
  if (isRetired()) {
    return; // a newer version took over and removed this one's state; do not bring it back
  }
  const body = JSON.stringify(state);
  const headers = { "Content-Type": "application/json" };
  await (await caches.open(STATE)).put(stateKey(CONFIG.version), new Response(body, { headers }));
  stateCache = state;
}

/* Change the stored state one step at a time, so a sync and a page being opened never undo
each other's writes. `change` gets the current state and returns the new one; resolves to the
new state. */
export function updateState(change) {
  stateWrites = stateWrites
    .catch(() => {})
    .then(async () => writeState(change(await readState())))
    .then(() => stateCache);
  return stateWrites;
}

/* Every version's stored state, as [request, state] pairs. Another version's worker may delete
one between keys() and match(); it is then left out. */
export async function storedStates() {
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

/* A condition's search entry, the one copy of its guidance besides its page: its revision
moves exactly when the guidance itself changes. */
export function isConditionContent(url) {
  return url.startsWith(CONFIG.conditionEntriesPrefix);
}

/* What a page is told about the saved copy. */
export function status(state, extra = {}) {
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
    languages: languagesStatus(state, {
      own: CONFIG.language,
      languages: CONFIG.languages,
      measured: measuredSizes,
      isCondition: isConditionContent,
    }),
    ...extra,
  };
}

export async function savedResponse(state, url) {
  const entry = entryFor(state, url);
  if (!entry) {
    return undefined;
  }
  return (await caches.open(PRECACHE)).match(precacheKey(url, entry.revision));
}
