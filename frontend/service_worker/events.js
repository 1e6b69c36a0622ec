/* The app's service worker: what it does on each event. The server joins this module and the
ones it imports into one classic script, with `const CONFIG = {...}` above them
(frontend/worker_script.py):

- state.js: what this version has saved, and where;
- precache.js: fetching entries into the precache, Workbox-style, from the server's manifest;
- sync.js: bringing the saved copy in line with the server, fetching only what changed;
- languages.js and kept.js: the copies of other languages the reader chose to keep;
- cleanup.js: deleting what no version needs any more;
- the outbox (static/frontend/js/outbox.js), which the pages share: what readers sent offline.

A new worker (a new app version) fills the cache beside the old one, waits until the reader
accepts the update, then removes what only the old version used. */

import { MESSAGES } from "../static/frontend/js/messages.js";
import { SYNC_TAG, flush } from "../static/frontend/js/outbox.js";
import { noteSent } from "../static/frontend/js/outbox-store.js";
import { removeOlderVersions } from "./cleanup.js";
import { chooseLanguage, measureLanguages } from "./kept.js";
import { carriedOver, copyOf, entryFor } from "./languages.js";
import { fetchManifest, missingFromCache, precache } from "./precache.js";
import { composedResponse } from "./page-parts.js";
import { expandEntry } from "./search-entry.js";
import { entriesByUrl, queueSync } from "./sync.js";
import {
  isConditionContent,
  isWaiting,
  readState,
  savedResponse,
  status,
  storedStates,
  updateState,
  writeState,
} from "./state.js";

async function broadcast(message) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) {
    client.postMessage(message);
  }
}

/* What a new version takes over from the others (languages.js: carriedOver). */
async function carriedFrom(entries) {
  const states = (await storedStates()).map(([, state]) => state);
  return carriedOver(states, { own: CONFIG.language, known: Object.keys(CONFIG.manifestUrls), entries });
}

// Settles when this version's install has ended, either way: a choice of languages sent to it
// meanwhile waits for its state.
let installed = Promise.resolve();

self.addEventListener("install", (event) => {
  const install = (async () => {
      const manifest = await fetchManifest();
      if (manifest.app_version !== CONFIG.version) {
        throw new Error("The server was updated meanwhile; the next update check installs it.");
      }
      // Claim the entries before fetching them, so that the version in use never deletes them
      // as outdated while this one is being installed.
      const entries = entriesByUrl(manifest.entries);
      const installing = {
        entries,
        ...(await carriedFrom(entries)),
        language: CONFIG.language,
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
    })();
  installed = install.catch(() => {});
  event.waitUntil(install);
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Stamped as the version in charge: the next version takes its languages over.
      if (await readState()) {
        await updateState((current) => ({ ...current, activatedAt: Date.now() }));
      }
      await removeOlderVersions();
      await self.clients.claim();
      await broadcast({ type: MESSAGES.STATUS, status: status(await readState()) });
    })(),
  );
});

/* The offline page in the language of the page asked for. */
function offlinePageFor(path) {
  const found = CONFIG.offlineUrls.find(([home]) => path.startsWith(home));
  return found ? found[1] : CONFIG.offlineUrl;
}

async function respond(request) {
  const url = new URL(request.url);
  const navigation = request.mode === "navigate";
  const state = await readState();
  // Pages read their own query string (search words, a chosen condition), so a navigation is
  // answered by the saved page at its path; anything else must match exactly.
  const saved = await savedResponse(state, navigation ? url.pathname : url.pathname + url.search);
  const page = saved && (await composedResponse(saved, (parts) => savedResponse(state, parts)));
  if (page) {
    return page;
  }
  try {
    return await fetch(request);
  } catch (error) {
    if (saved) {
      return saved; // a page's copy whose parts are not saved: its guidance still reads
    }
    // A language not kept: the offline page of the reader's own.
    const offline =
      navigation &&
      ((await savedResponse(state, offlinePageFor(url.pathname))) ||
        (await savedResponse(state, CONFIG.offlineUrl)));
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

/* What offline search reads: every saved condition's search entry in the page's language, with
the texts its saved page holds, and the terms' names, with the version of that saved copy (the
app's and each entry's revision). A page that holds the index of that version already (`have`)
is told so and sent nothing else. */
async function searchIndex(language, have) {
  const state = await readState();
  const kept = copyOf(state, language, CONFIG.language);
  const copy = kept ?? state;
  const copyLanguage = kept ? language : CONFIG.language;
  const namesUrl = CONFIG.searchNamesUrls[language] ?? CONFIG.searchNamesUrl;
  const saved = Object.keys(copy?.entries || {}).sort();
  const urls = saved.filter(isConditionContent);
  // Every saved entry's revision, the pages' too: an entry is read with its page's text.
  const revisions = [...saved, namesUrl].map((url) => `${url} ${entryFor(state, url)?.revision}`);
  const text = new TextEncoder().encode([CONFIG.version, language, ...revisions].join("\n"));
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", text));
  const version = Array.from(hash, (byte) => byte.toString(16).padStart(2, "0")).join("");
  if (have === version) {
    return { version, unchanged: true };
  }
  const conditions = await Promise.all(
    urls.map(async (url) => {
      const compact = await (await savedResponse(state, url))?.json();
      const page = compact && (await savedResponse(state, compact.url));
      // An entry saved before entries named their language is in its copy's.
      const entry = compact && expandEntry(compact, page ? await page.text() : "");
      return entry && { ...entry, language: entry.language ?? copyLanguage };
    }),
  );
  const names = await (await savedResponse(state, namesUrl))?.json();
  return { version, conditions: conditions.filter(Boolean), names: names?.names ?? [] };
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
  return { type: MESSAGES.PAGE, updated };
}

/* Send what readers wrote with no connection; every open page hears what happened. What was
sent is noted first, for the next page to say so if no page is open to hear it now. */
async function flushOutbox(options) {
  const result = await flush(options);
  if (result.sent.length) {
    await noteSent(result.sent);
  }
  if (result.sent.length || result.failed.length) {
    await broadcast({ type: MESSAGES.OUTBOX, sent: result.sent, failed: result.failed });
  }
  return result;
}

// Background Sync: the browser wakes the worker once a connection is back, even with the app
// closed. A rejected promise asks the browser to try again later.
self.addEventListener("sync", (event) => {
  if (event.tag === SYNC_TAG) {
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
    [MESSAGES.SKIP_WAITING]: async () => self.skipWaiting(),
    [MESSAGES.STATUS]: async () =>
      reply({ type: MESSAGES.STATUS, status: status(await readState()) }),
    [MESSAGES.SYNC]: async () => {
      const result = await queueSync({
        force: Boolean(message.force),
        offlineSince: message.offlineSince ?? null,
        reading: message.language ?? null,
      });
      reply({ type: MESSAGES.STATUS, status: result });
      // Pages are still served by the version in use until the reader accepts this one.
      if (result.updated?.length && !isWaiting()) {
        await broadcast({ type: MESSAGES.UPDATED, urls: result.updated });
      }
    },
    [MESSAGES.SEARCH_INDEX]: async () =>
      reply({ type: MESSAGES.SEARCH_INDEX, ...(await searchIndex(message.language, message.have)) }),
    [MESSAGES.LANGUAGES]: async () =>
      reply({ type: MESSAGES.STATUS, status: await measureLanguages() }),
    [MESSAGES.KEEP_LANGUAGE]: async () => {
      await installed;
      const keep = Boolean(message.keep);
      const result = await chooseLanguage(message.language, keep, Boolean(message.forwarded));
      reply({ type: MESSAGES.STATUS, status: result });
      if (!message.forwarded) {
        // Every page hears that the choice is done, the one asking too if it gave up waiting.
        const chosen = { language: message.language, keep };
        await broadcast({ type: MESSAGES.STATUS, status: result, chosen });
      }
    },
    [MESSAGES.PAGE_OPENED]: async () => reply(await pageOpened(message.url)),
    [MESSAGES.OUTBOX_FLUSH]: async () =>
      reply({ type: MESSAGES.OUTBOX, ...(await flushOutbox({ now: Boolean(message.now) })) }),
  };
  const handler = handlers[message.type];
  if (handler) {
    event.waitUntil(
      handler().catch((error) => reply({ type: MESSAGES.ERROR, message: String(error) })),
    );
  }
});
