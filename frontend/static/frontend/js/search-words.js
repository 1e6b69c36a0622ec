/* Words as the server's search reads them (conditions/search/): the words of a text, their
stems, typos corrected from the guidance's own words (typos.py), and a search widened by the
terms' other names (expansion.py). Plain functions, shared by the saved copy's search. */

import { stemEnglish } from "./search-stem.js";
import { stemGerman } from "./search-stem-german.js";

export const WORD = /[\p{L}\p{N}]+/gu; // Python's [^\W_]+: letters and digits
const LETTERS = /^\p{L}+$/u;
const SHORTEST_CORRECTED = 5;
const VOCABULARY_SHORTEST = 4; // a word of 5 letters is corrected to one of 4 to 6
const VOCABULARY_LONGEST = 100;

const stems = new Map(); // per language, the stems and keys of the words seen: a page's worth
const keys = new Map();

/* The lower-case words of a text (documents.words). */
export function words(text) {
  return (text || "").toLowerCase().match(WORD) || [];
}

/* The page's language: its Snowball stemmer, as stemming.ALGORITHMS (others are English). */
const STEMMERS = { en: stemEnglish, de: stemGerman };
// Which stemmer each index stems its words with before or after dropping accents, as the
// server's SQLite index: porter stems English words without their accents (unicode61, then
// porter); German words are the app's stems, their accents dropped by the tokenizer after.
const STEMMED_FIRST = new Set(["de"]);

function cached(map, language, word, make) {
  let inLanguage = map.get(language);
  if (!inLanguage) {
    inLanguage = new Map();
    map.set(language, inLanguage);
  }
  let found = inLanguage.get(word);
  if (found === undefined) {
    found = make(word);
    inLanguage.set(word, found);
  }
  return found;
}

const withoutAccents = (word) => word.normalize("NFD").replace(/\p{M}/gu, "");

/* A word's Snowball stem in `language`, as snippets.stem: the marked sentence and other names
compare these. */
export function stem(word, language = "en") {
  const stemmer = STEMMERS[language] || stemEnglish;
  return cached(stems, language, word.toLowerCase(), stemmer);
}

/* What the server's index compares: the word without its accents (SQLite's FTS5 tokenizer
with remove_diacritics: Krämpfe and Krampf), stemmed in `language`. */
export function key(word, language = "en") {
  return cached(keys, language, word, (w) =>
    STEMMED_FIRST.has(language) ? withoutAccents(stem(w, language)) : stem(withoutAccents(w.toLowerCase()), language),
  );
}

export function isLetters(word) {
  return LETTERS.test(word);
}

/* Of these words as written (a Set), those a typo is corrected to (documents.vocabulary). */
export function vocabularyWords(written) {
  const found = new Set();
  for (const word of written) {
    const lower = word.toLowerCase();
    if (lower.length >= VOCABULARY_SHORTEST && lower.length <= VOCABULARY_LONGEST && isLetters(lower)) {
      found.add(lower);
    }
  }
  return found;
}

/* True if the Damerau–Levenshtein distance (adjacent swaps) is at most 1 (typos.within_one_edit). */
export function withinOneEdit(typed, word) {
  if (Math.abs(typed.length - word.length) > 1) {
    return false;
  }
  if (typed.length === word.length) {
    const differ = [];
    for (let i = 0; i < typed.length; i += 1) {
      if (typed[i] !== word[i]) differ.push(i);
    }
    if (differ.length <= 1) return true;
    const [first, second] = differ;
    return differ.length === 2 && second === first + 1 &&
      typed[first] === word[second] && typed[second] === word[first];
  }
  const [shorter, longer] = typed.length < word.length ? [typed, word] : [word, typed];
  let same = 0;
  while (same < shorter.length && shorter[same] === longer[same]) same += 1;
  return shorter.slice(same) === longer.slice(same + 1);
}

/* `typed` with each unknown word of 5 letters or more replaced by the most used known word one
edit away (`counts`: a Map of each known word to how many conditions use it), if there is one;
among as many, the first in code-point order (typos.corrected). */
export function corrected(typed, counts) {
  let ordered = null;
  return typed.map((word) => {
    if (counts.has(word) || word.length < SHORTEST_CORRECTED || !isLetters(word)) {
      return word;
    }
    ordered = ordered || [...counts.keys()].sort(
      (a, b) => counts.get(b) - counts.get(a) || (a < b ? -1 : a > b ? 1 : 0),
    );
    return ordered.find((known) => withinOneEdit(word, known)) || word;
  });
}

/* `typed` as groups, each a list of [words, phrase] alternatives that must match: a typed word
is a group of its own, and the longest term's name at each place becomes the typed words or any
other name of that term, as a phrase (expansion.groups). `names`: each term's names as words. */
export function groups(typed, names, language = "en") {
  const stemOf = (word) => stem(word, language);
  const byStems = new Map();
  for (const namesOfTerm of names) {
    for (const name of namesOfTerm) {
      const stemmed = name.map(stemOf).join(" ");
      if (!byStems.has(stemmed)) byStems.set(stemmed, namesOfTerm);
    }
  }
  const longest = Math.max(0, ...names.flat().map((name) => name.length));
  const typedStems = typed.map(stemOf);
  const found = [];
  let at = 0;
  while (at < typed.length) {
    let length = Math.min(longest, typed.length - at);
    for (; length > 0; length -= 1) {
      const span = typedStems.slice(at, at + length).join(" ");
      const namesOfTerm = byStems.get(span);
      if (namesOfTerm) {
        const others = namesOfTerm.filter((name) => name.map(stemOf).join(" ") !== span);
        found.push([[typed.slice(at, at + length), false], ...others.map((name) => [name, true])]);
        at += length;
        break;
      }
    }
    if (length === 0) {
      found.push([[[typed[at]], false]]);
      at += 1;
    }
  }
  return found;
}

/* Every word of every alternative, for marking the sentence that shows why. */
export function searchedWords(found) {
  return [...new Set(found.flatMap((group) => group.flatMap(([alternative]) => alternative)))];
}
