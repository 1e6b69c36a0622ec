/* Fetching into the precache. As in Workbox, every entry of the offline manifest is stored under
its URL and revision; unlike Workbox's build-time list, the manifest is read from the server, so
published edits arrive as deltas without a new worker. */

import { PRECACHE, precacheKey } from "./state.js";

const FETCH_CONCURRENCY = 6;

export class ServerError extends Error {}

/* The server's manifest, or with the `since` version the phone holds, what changed since then
(the whole manifest if the server no longer knows that version); null when nothing changed.
A network failure throws TypeError, anything else ServerError. `manifestUrl`: a language's. */
export async function fetchManifest(since = null, manifestUrl = CONFIG.manifestUrl) {
  const separator = manifestUrl.includes("?") ? "&" : "?";
  const url = since ? `${manifestUrl}${separator}since=${encodeURIComponent(since)}` : manifestUrl;
  const response = await fetch(url, { cache: "no-cache" });
  if (since && response.status === 304) {
    return null;
  }
  if (!response.ok) {
    throw new ServerError(`The offline manifest answered ${response.status}.`);
  }
  try {
    return await response.json();
  } catch (error) {
    throw new ServerError("The offline manifest is not JSON.");
  }
}

/* Why a response is not what the manifest described, or null if it is: refused are one rendered
by another version of the app (during a deploy), and content newer or older than the revision
asked for. `headers` is a Headers object or a Map. */
export function responseProblem(entry, { ok, status, headers }, { version, staticUrl }) {
  if (!ok) {
    return `${entry.url} answered ${status}.`;
  }
  const appVersion = headers.get("X-App-Version");
  if (appVersion && appVersion !== version) {
    return `${entry.url} came from app version ${appVersion}.`;
  }
  // A compressed response carries the same revision as a weak ETag: W/"…".
  const etag = headers.get("ETag")?.replace(/^W\//, "");
  if (etag && !entry.url.startsWith(staticUrl) && etag !== `"${entry.revision}"`) {
    return `${entry.url} is at revision ${etag}, not ${entry.revision}.`;
  }
  return null;
}

/* Fetch entries into the precache, a few at a time; resolves to the entries that failed. */
export async function precache(entries) {
  const cache = await caches.open(PRECACHE);
  const failed = [];
  const queue = [...entries];
  async function worker() {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      try {
        // A condition page is fetched as the copy the phone keeps (its `source`, page-parts.js).
        const response = await fetch(entry.source ?? entry.url, {
          cache: "no-cache",
          redirect: "error",
        });
        const problem = responseProblem(entry, response, CONFIG);
        if (problem) {
          throw new Error(problem);
        }
        await cache.put(precacheKey(entry.url, entry.revision), response);
      } catch (error) {
        failed.push(entry);
      }
    }
  }
  await Promise.all(Array.from({ length: FETCH_CONCURRENCY }, worker));
  return failed;
}

/* The entries not in the precache at their revision, given the precache's keys (URLs). */
export function entriesNotIn(cachedKeys, entries, origin = self.location.origin) {
  const cached = new Set(cachedKeys);
  return entries.filter((entry) => !cached.has(precacheKey(entry.url, entry.revision, origin)));
}

export async function missingFromCache(entries) {
  const cache = await caches.open(PRECACHE);
  return entriesNotIn((await cache.keys()).map((request) => request.url), entries);
}
