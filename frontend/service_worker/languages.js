/* Guidance kept in more than the reader's language (README: offline, per language). The state's
own fields (entries, version, behind, complete, checkedAt) are the copy of the worker's language,
the reader's; `state.languages` holds a copy of the same shape for each other language the reader
chose to keep. Each copy follows its own manifest with its own `since` version, and holds only
what the reader's copy does not (the app's files are shared). Plain functions of plain values. */

export const EMPTY_COPY = Object.freeze({
  entries: {},
  behind: {},
  version: null,
  complete: false,
  checkedAt: 0,
});

/* The languages kept besides the reader's own. */
export function keptLanguages(state) {
  return Object.keys(state?.languages ?? {});
}

/* The copy of `language`: the state itself for the reader's own (`own`), null if not kept. */
export function copyOf(state, language, own) {
  if (!state) {
    return null;
  }
  return language === own ? state : (state.languages?.[language] ?? null);
}

/* The state with `copy` as the copy of `language`. Another language dropped meanwhile stays
dropped, unless `choose`: the reader has just chosen it. */
export function withCopy(state, language, own, copy, { choose = false } = {}) {
  if (language === own) {
    return { ...state, ...copy };
  }
  if (!choose && !state.languages?.[language]) {
    return state;
  }
  return { ...state, languages: { ...state.languages, [language]: copy } };
}

/* The state without the copy of `language`; the reader's own is never dropped. */
export function withoutLanguage(state, language, own) {
  if (language === own || !state.languages?.[language]) {
    return state;
  }
  const languages = { ...state.languages };
  delete languages[language];
  return { ...state, languages };
}

/* Of another language's manifest entries, those its copy keeps: the ones the reader's copy
(`shared`, {url: entry}) does not hold at the same address. */
export function ownEntries(entries, shared) {
  return entries.filter((entry) => !shared[entry.url]);
}

export function sizeOf(entries) {
  return Object.values(entries).reduce((total, entry) => total + entry.bytes, 0);
}

/* The saved entry at `url` in any copy, the reader's own first. */
export function entryFor(state, url) {
  if (!state) {
    return undefined;
  }
  if (state.entries[url]) {
    return state.entries[url];
  }
  for (const copy of Object.values(state.languages ?? {})) {
    if (copy.entries[url]) {
      return copy.entries[url];
    }
  }
  return undefined;
}

/* Every saved entry of every copy, {url: entry}. */
export function allEntries(state) {
  const entries = {};
  for (const copy of Object.values(state?.languages ?? {})) {
    Object.assign(entries, copy.entries);
  }
  return Object.assign(entries, state?.entries ?? {});
}

/* The languages whose copies are due for a check, the reader's own first: each by its own last
check, and the one a page is read in (`reading`) at once when the reader has just switched to it
(`state.readingLanguage` is the language of the last check a page asked for). */
export function dueLanguages(state, { own, reading = null, isDue, known = null }) {
  const switched = reading !== null && reading !== (state.readingLanguage ?? null);
  // A language the site no longer has (not in `known`) has no manifest to follow.
  const kept = keptLanguages(state).filter((language) => !known || known.includes(language));
  return [own, ...kept].filter((language) => {
    const copy = copyOf(state, language, own);
    return isDue(copy, { force: switched && language === reading });
  });
}

/* What a page is told of each language other than the reader's: whether it is kept, its pages
and size, or, for one not kept, the size it would take when known (`measured`, {language: bytes}). */
export function languagesStatus(state, { own, languages, measured, isCondition }) {
  return languages
    .filter((language) => language !== own)
    .map((language) => {
      const copy = copyOf(state, language, own);
      if (!copy) {
        return { language, kept: false, bytes: measured[language] ?? null };
      }
      return {
        language,
        kept: true,
        complete: copy.complete,
        conditions: Object.keys(copy.entries).filter(isCondition).length,
        bytes: sizeOf(copy.entries),
      };
    });
}

/* Of the stored states, the one of the version in charge: the one activated last (each is
stamped on activation), or, before stamps, the latest one saved completely. */
export function stateInCharge(states) {
  const stamped = states.filter((state) => state.activatedAt);
  const [pool, field] = stamped.length
    ? [stamped, "activatedAt"]
    : [states.filter((state) => state.complete), "createdAt"];
  return pool.reduce((latest, state) => (latest && latest[field] >= state[field] ? latest : state), null);
}

/* What a new version takes over from the stored states: pages updated and not yet read, and the
languages the version in charge keeps (never those of a stale state, a language the reader has
removed since), those of the site's languages (`known`) other than its own. When the reader
chose another language than the one in charge, the copy of the one before is kept as another,
less what the new own copy (`entries`, {url: entry}) holds. */
export function carriedOver(states, { own, known, entries = {} }) {
  let unseen = {};
  for (const state of states) {
    unseen = { ...unseen, ...state.unseen };
  }
  const inCharge = stateInCharge(states);
  const languages = { ...inCharge?.languages };
  if (inCharge?.language && inCharge.language !== own) {
    const outside = (copy) =>
      Object.fromEntries(Object.entries(copy ?? {}).filter(([url]) => !entries[url]));
    languages[inCharge.language] = {
      entries: outside(inCharge.entries),
      behind: outside(inCharge.behind),
      version: inCharge.version,
      complete: inCharge.complete,
      checkedAt: inCharge.checkedAt,
    };
  }
  for (const language of Object.keys(languages)) {
    if (language === own || !known.includes(language)) {
      delete languages[language];
    }
  }
  return { unseen, languages };
}
