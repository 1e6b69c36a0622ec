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
export function dueLanguages(state, { own, reading = null, isDue }) {
  const switched = reading !== null && reading !== (state.readingLanguage ?? null);
  return [own, ...keptLanguages(state)].filter((language) => {
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
