/* Choosing the languages kept besides the reader's own (languages.js): keeping one fetches its
pages and search entries from its own manifest, dropping one deletes them; the reader's own is
never dropped. Both run in the sync queue, so a choice never races a sync or another choice. */

import { MESSAGES } from "../static/frontend/js/messages.js";
import { removeOutdated } from "./cleanup.js";
import { EMPTY_COPY, copyOf, ownEntries, sizeOf, withCopy, withoutLanguage } from "./languages.js";
import { ServerError, fetchManifest } from "./precache.js";
import { fetchCopy, queued } from "./sync.js";
import { isWaiting, measuredSizes, readState, status, updateState } from "./state.js";

const MEASURE_EVERY_MS = 5 * 60 * 1000;
const measuredAt = {};

function problemOf(error) {
  return error instanceof ServerError ? { serverError: true } : { offline: true };
}

function isOtherLanguage(language) {
  return language !== CONFIG.language && language in CONFIG.manifestUrls;
}

/* Fetch and record a language's copy; the choice is recorded once its manifest is read. */
async function keep(language) {
  const own = CONFIG.language;
  const held = copyOf(await readState(), language, own);
  if (held?.complete) {
    return status(await readState()); // kept already: a second press changes nothing
  }
  let answer;
  try {
    answer = await fetchManifest(null, CONFIG.manifestUrls[language]);
  } catch (error) {
    return status(await readState(), { language, ...problemOf(error) });
  }
  if (answer.app_version !== CONFIG.version) {
    return status(await readState(), { language, newVersion: true });
  }
  const copy = held ?? EMPTY_COPY;
  await updateState((current) => withCopy(current, language, own, copy, { choose: true }));
  const result = await fetchCopy(copy, answer, (await readState()).entries);
  const kept = await updateState((current) => ({
    ...withCopy(current, language, own, result.copy),
    pending: {},
  }));
  await removeOutdated();
  return status(kept, { language });
}

async function drop(language) {
  const copy = copyOf(await readState(), language, CONFIG.language);
  if (copy) {
    measuredSizes[language] = sizeOf(copy.entries);
  }
  const dropped = await updateState((current) => withoutLanguage(current, language, CONFIG.language));
  await removeOutdated();
  return status(dropped, { language, freed: copy ? sizeOf(copy.entries) : 0 });
}

/* `forwarded`: the choice was sent on by the version in charge, and is not sent on again. */
export function chooseLanguage(language, keepIt, forwarded = false) {
  if (!isOtherLanguage(language)) {
    return readState().then((state) => status(state));
  }
  if (!forwarded && !isWaiting()) {
    // A new version being installed, or waiting for the reader, takes the choice too, so
    // updating keeps it (and one installing does not bring a removed language back).
    const choice = { type: MESSAGES.KEEP_LANGUAGE, language, keep: keepIt, forwarded: true };
    self.registration.installing?.postMessage(choice);
    self.registration.waiting?.postMessage(choice);
  }
  return queued(() => (keepIt ? keep(language) : drop(language)));
}

/* The size each language not kept would take, read from its manifest (at most every few
minutes); with no connection, the last one measured, or none. */
export async function measureLanguages() {
  const state = await readState();
  if (!state) {
    return status(state);
  }
  for (const language of CONFIG.languages) {
    const fresh = Date.now() - (measuredAt[language] ?? 0) < MEASURE_EVERY_MS;
    if (!isOtherLanguage(language) || copyOf(state, language, CONFIG.language) || fresh) {
      continue;
    }
    try {
      const answer = await fetchManifest(null, CONFIG.manifestUrls[language]);
      measuredSizes[language] = sizeOf(ownEntries(answer.entries, state.entries));
      measuredAt[language] = Date.now();
    } catch (error) {
      break; // offline or refused: sizes stay as last measured
    }
  }
  return status(await readState());
}
