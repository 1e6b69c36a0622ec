/* Clean-up: deleting what no version of the app needs any more. A new worker (a new app version)
fills the precache beside the old one and waits until the reader accepts the update; only then
are the old version's state and the responses only it used removed. The decisions are plain
functions of plain values; the others apply them. */

import { PRECACHE, STATE, precacheKey, readState, stateKey, storedStates } from "./state.js";

/* The precache keys that no stored version claims: neither in the entries of a language it keeps
nor among the ones it is fetching (`pending`). */
export function unclaimedKeys(cachedKeys, states, origin = self.location.origin) {
  const wanted = new Set();
  for (const state of states) {
    const kept = Object.values(state.languages ?? {}).map((copy) => copy.entries);
    for (const claimed of [state.entries, state.pending || {}, ...kept]) {
      for (const [url, entry] of Object.entries(claimed)) {
        wanted.add(precacheKey(url, entry.revision, origin));
      }
    }
  }
  return cachedKeys.filter((key) => !wanted.has(key));
}

/* Of the stored states ([key, state] pairs), the keys of those the version now in charge
(`ownKey`, `own`) removes on activation: every other version's, except one created after its
own, a newer version already installing. */
export function retiredStateKeys(stored, ownKey, own) {
  return stored
    .filter(([key, other]) => key !== ownKey && !(other.createdAt > (own?.createdAt ?? 0)))
    .map(([key]) => key);
}

/* Delete precached responses that no stored version refers to any more. The cache is listed
before the states are read: a version claims entries in its state before storing them (an
install its entries, a sync its pending ones), so every response listed here is already claimed
in the states read after. */
export async function removeOutdated() {
  const cache = await caches.open(PRECACHE);
  const stored = await cache.keys();
  const states = (await storedStates()).map(([, state]) => state);
  const unclaimed = new Set(unclaimedKeys(stored.map((request) => request.url), states));
  for (const request of stored) {
    if (unclaimed.has(request.url)) {
      await cache.delete(request);
    }
  }
}

/* On activation: older versions' states go, then every cache but this app's two, then the
responses no state still claims. */
export async function removeOlderVersions() {
  const stateStore = await caches.open(STATE);
  const stored = (await storedStates()).map(([request, state]) => [request.url, state]);
  for (const key of retiredStateKeys(stored, stateKey(CONFIG.version), await readState())) {
    await stateStore.delete(key);
  }
  for (const name of await caches.keys()) {
    if (name !== PRECACHE && name !== STATE) {
      await caches.delete(name);
    }
  }
  await removeOutdated();
}
