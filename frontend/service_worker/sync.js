/* Keeping the saved copy in line with the server: the server is asked what changed since the
version the phone holds, only entries whose revision changed (or that the browser dropped) are
fetched, entries gone are dropped from the state (the clean-up, cleanup.js, then deletes their
responses), and pages updated since a reader last opened them are noted. A failure midway keeps
the old copy of what failed, and the next check fetches it again. The decisions are plain
functions of plain values; `sync` applies them. */

import { MESSAGES } from "../static/frontend/js/messages.js";
import { removeOutdated } from "./cleanup.js";
import {
  allEntries,
  copyOf,
  dueLanguages,
  ownEntries,
  withCopy,
} from "./languages.js";
import { ServerError, fetchManifest, missingFromCache, precache } from "./precache.js";
import { isConditionContent, readState, status, updateState } from "./state.js";

let syncs = Promise.resolve();

/* Whether a check is due: the interval between checks is for while nothing changed; a page that
saw the connection go at `offlineSince` has it checked at once when it returns, unless a check
since then succeeded. */
export function isCheckDue(state, { force = false, offlineSince = null, at, intervalMs }) {
  const reconnected = offlineSince !== null && state.checkedAt < offlineSince;
  return force || reconnected || at - state.checkedAt >= intervalMs;
}

/* {url: {revision, bytes}} for a list of manifest entries, and where to fetch one from when it
is not its URL (a condition page's copy, page-parts.js). */
export function entriesByUrl(entries) {
  return Object.fromEntries(
    entries.map(({ url, revision, bytes, source }) => [
      url,
      source ? { revision, bytes, source } : { revision, bytes },
    ]),
  );
}

/* The entries of the version the server's answer describes: a whole manifest's, or, for what
changed since the version the phone holds (null: nothing did), that version's with the changes
applied. The phone's version is its saved entries, except those it could not fetch at that
version's revision (`behind`), which are at that revision. */
export function answeredEntries(answer, state) {
  if (answer?.entries) {
    return answer.entries;
  }
  const entries = { ...state.entries, ...state.behind };
  for (const url of answer?.removed ?? []) {
    delete entries[url];
  }
  Object.assign(entries, entriesByUrl(answer?.changed ?? []));
  return Object.entries(entries).map(([url, entry]) => ({ url, ...entry }));
}

/* Of a version's entries, those not saved at their revision because fetching them failed: the
next check fetches them again, whatever changed meanwhile. */
export function behindAfter(manifestEntries, failedUrls) {
  return entriesByUrl(manifestEntries.filter((entry) => failedUrls.has(entry.url)));
}

/* The manifest's entries to fetch: those saved at another revision, and those whose response
is missing from the precache (`missingUrls`, a Set). One this copy does not hold whose response
the precache has at that revision (another copy's, or one the last version saved) is saved. */
export function entriesToFetch(manifestEntries, saved, missingUrls) {
  return manifestEntries.filter((entry) =>
    missingUrls.has(entry.url) ||
    (saved[entry.url] !== undefined && saved[entry.url].revision !== entry.revision),
  );
}

/* What is saved after fetching: every manifest entry that did not fail, and the old copy of one
that did (tried again next time). An entry no longer in the manifest is no longer saved. */
export function savedAfter(manifestEntries, saved, failedUrls) {
  const entries = {};
  for (const entry of manifestEntries) {
    if (!failedUrls.has(entry.url)) {
      entries[entry.url] = { revision: entry.revision, bytes: entry.bytes };
    } else if (saved[entry.url]) {
      entries[entry.url] = saved[entry.url];
    }
  }
  return entries;
}

/* URLs of saved entries that were fetched at a new revision: pages a reader may be reading. */
export function updatedUrls(fetched, saved, failedUrls) {
  return fetched
    .filter((entry) => saved[entry.url] && !failedUrls.has(entry.url))
    .filter((entry) => saved[entry.url].revision !== entry.revision)
    .map((entry) => entry.url);
}

/* Pages updated and not yet opened since: the newly updated ones added, those no longer saved
left out. */
export function unseenAfter(unseen, updated, entries) {
  const after = { ...unseen };
  for (const url of updated) {
    after[url] = true;
  }
  for (const url of Object.keys(after)) {
    if (!entries[url]) {
      delete after[url];
    }
  }
  return after;
}

/* Bring one copy (languages.js) in line with the server's answer, fetching only what changed;
resolves to the copy after and the saved URLs fetched at a new revision. `shared`: the reader's
own entries, which another language's copy leaves out. */
export async function fetchCopy(copy, answer, shared = null) {
  const answered = answeredEntries(answer, copy);
  const manifest = shared ? ownEntries(answered, shared) : answered;
  // Claimed before they are looked for or fetched, so no clean-up deletes them meanwhile.
  const fresh = manifest.filter((entry) => copy.entries[entry.url]?.revision !== entry.revision);
  if (fresh.length) {
    await updateState((current) => ({
      ...current,
      pending: { ...current.pending, ...entriesByUrl(fresh) },
    }));
  }
  // Changed revisions, and anything the browser dropped from the cache, are fetched again.
  const missing = new Set((await missingFromCache(manifest)).map((entry) => entry.url));
  const changed = entriesToFetch(manifest, copy.entries, missing);
  const failed = new Set((await precache(changed)).map((entry) => entry.url));
  return {
    copy: {
      entries: savedAfter(manifest, copy.entries, failed),
      complete: failed.size === 0,
      checkedAt: Date.now(),
      // The version these entries are of, with the ones still to fetch at its revisions.
      version: answer ? answer.version : copy.version,
      behind: behindAfter(manifest, failed),
    },
    updated: updatedUrls(changed, copy.entries, failed),
  };
}

/* What a sync tells of the languages it could not check (`failures`, {language: problem}): the
reader's own, or every one due, failing is the sync's problem (offline, say); another language
kept failing is told of that language only, {language: problem}. */
export function syncProblems(due, failures, own) {
  const first = failures[due[0]];
  const all = due.every((language) => failures[language]);
  const problem = failures[own] ?? (all ? first : null) ?? null;
  const languageProblems = {};
  for (const [language, failure] of Object.entries(failures)) {
    if (language !== own && !problem) {
      languageProblems[language] = failure;
    }
  }
  return { problem, languageProblems };
}

/* Bring the saved copies in line with the server's manifests, each language's by its own
`since` version, fetching only what changed. `reading`: the language of the page asking. */
async function sync({ force = false, offlineSince = null, reading = null } = {}) {
  const state = await readState();
  if (!state) {
    return status(state);
  }
  const own = CONFIG.language;
  const intervalMs = CONFIG.syncIntervalSeconds * 1000;
  const at = Date.now();
  const due = dueLanguages(state, {
    own,
    known: Object.keys(CONFIG.manifestUrls),
    reading,
    isDue: (copy, options) =>
      isCheckDue(copy, { force: force || options.force, offlineSince, at, intervalMs }),
  });
  if (!due.length) {
    return status(state);
  }
  const updated = [];
  const failures = {};
  for (const language of due) {
    const copy = copyOf(await readState(), language, own);
    let answer;
    try {
      answer = await fetchManifest(copy.version, CONFIG.manifestUrls[language]);
    } catch (error) {
      failures[language] = error instanceof ServerError ? { serverError: true } : { offline: true };
      if (language === own) {
        break; // the reader's own first: with no connection, the others are not tried
      }
      continue;
    }
    if (answer && answer.app_version !== CONFIG.version) {
      // A new version of the app is on the server. This one keeps reading its own copy; the
      // new one, waiting for the reader to accept it, keeps its copy up to date meanwhile.
      const checked = await updateState((current) => ({
        ...current,
        pending: {},
        checkedAt: Date.now(),
      }));
      await self.registration.update().catch(() => {});
      self.registration.waiting?.postMessage({ type: MESSAGES.SYNC, force: true });
      return status(checked, { newVersion: true, updated: [] });
    }
    const shared = language === own ? null : (await readState()).entries;
    const result = await fetchCopy(copy, answer, shared);
    updated.push(...result.updated);
    await updateState((current) => withCopy(current, language, own, result.copy));
  }
  const { problem, languageProblems } = syncProblems(due, failures, own);
  if (problem) {
    return status(state, problem); // nothing was fetched: the reader's own is tried first
  }
  const synced = await updateState((current) => ({
    ...current,
    pending: {},
    unseen: unseenAfter(current.unseen, updated, allEntries(current)),
    readingLanguage: (!failures[reading] && reading) || current.readingLanguage || null,
  }));
  await removeOutdated();
  return status(synced, {
    ...(Object.keys(languageProblems).length ? { languageProblems } : {}),
    updated,
    updatedConditions: updated.filter(isConditionContent).length,
  });
}

/* One sync, or change of the languages kept, at a time; one asked for while another runs starts
when it ends (and an unforced sync then finds the copies freshly checked). */
export function queued(task) {
  const next = syncs.catch(() => {}).then(task);
  syncs = next;
  return next;
}

export function queueSync(options) {
  return queued(() => sync(options));
}
