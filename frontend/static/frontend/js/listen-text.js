/* What Listen reads and where it is, as plain data (README: Listen). No page here, so
tests/js/listen.test.mjs checks it with node --test.

A page is a list of sections ({title, passages}); a passage is one paragraph, heading or list
item ({lang, sentences}); a sentence is {start, end, text}, its place in the passage's text.
A position is {section, passage, sentence}; null means past the end. */

const tag = (lang) => (lang || "").toLowerCase().replace(/_/g, "-");
const primary = (lang) => tag(lang).split("-")[0];

function segmenter(lang) {
  try {
    return new Intl.Segmenter(lang || undefined, { granularity: "sentence" });
  } catch (error) {
    return new Intl.Segmenter(undefined, { granularity: "sentence" }); // not a language tag
  }
}

/* One utterance per sentence: the highlight follows it, and pausing or changing speed restarts
only that sentence. Line ends in the HTML are spaces, as on screen; a line break (<br>) is
passed in as U+2029 and ends a sentence. */
export const LINE_BREAK = "\u2029";

export function sentences(text, lang) {
  const found = [];
  const spaced = text.replace(/[\t\n\f\r ]/g, " "); // the same length: offsets still fit
  for (const { segment, index } of segmenter(lang).segment(spaced)) {
    const words = segment.trim();
    if (words) {
      const start = index + segment.length - segment.trimStart().length;
      found.push({ start, end: start + words.length, text: words.replace(/\s+/g, " ") });
    }
  }
  return found;
}

/* A voice of the passage's language or none: the phone's own voices first (they work offline),
then the exact regional variant, then the browser's default. */
export function pickVoice(voices, lang) {
  const rank = (voice) =>
    (voice.localService ? 0 : 4) + (tag(voice.lang) === tag(lang) ? 0 : 2) + (voice.default ? 0 : 1);
  const fitting = voices.filter((voice) => primary(voice.lang) === primary(lang));
  return fitting.sort((a, b) => rank(a) - rank(b))[0] || null;
}

export function languageName(lang, readerLang) {
  try {
    return new Intl.DisplayNames([readerLang || "en"], { type: "language" }).of(primary(lang));
  } catch (error) {
    return lang;
  }
}

export const sectionStart = (page, index) => ({
  section: Math.max(0, Math.min(page.length - 1, index)),
  passage: 0,
  sentence: 0,
});

/* The first sentence of the next passage, in this section or a later one. */
export function nextPassage(page, at) {
  if (at.passage + 1 < page[at.section].passages.length) {
    return { section: at.section, passage: at.passage + 1, sentence: 0 };
  }
  return at.section + 1 < page.length ? sectionStart(page, at.section + 1) : null;
}

export function nextSentence(page, at) {
  const passage = page[at.section].passages[at.passage];
  if (at.sentence + 1 < passage.sentences.length) {
    return { ...at, sentence: at.sentence + 1 };
  }
  return nextPassage(page, at);
}

/* Where reading stopped, as kept on the phone: {section, title, passage}. */
export const savedPlace = (page, at) => ({
  section: at.section,
  title: page[at.section].title,
  passage: at.passage,
});

/* A kept place on the page as it is now: the same section if its title is unchanged, else the
section of that title; none if it is gone or is the very start. */
export function restorePlace(page, saved) {
  if (!saved || typeof saved.title !== "string") {
    return null;
  }
  let section = page[saved.section]?.title === saved.title ? saved.section : -1;
  if (section < 0) {
    section = page.findIndex((candidate) => candidate.title === saved.title);
  }
  if (section < 0) {
    return null;
  }
  const passages = page[section].passages.length;
  const passage = section === saved.section ? Math.max(0, Math.min(passages - 1, saved.passage | 0)) : 0;
  return section === 0 && passage === 0 ? null : { section, passage, sentence: 0 };
}
