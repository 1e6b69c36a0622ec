/* The Snowball German stemmer, as Snowball 3.1.1 generates it for the server's search of German
pages (Python's snowballstemmer, conditions/search/stemming.py): Krampf, Krämpfe, Krämpfen:
"krampf". Ported by hand from the generated code (german_stemmer.py), rule by rule: the npm
packages of Snowball's JavaScript are of older versions, whose German differs (3.0 merged
"german2": ae, oe, ue are read as ä, ö, ü; -erin, -ln and the "-et" rules are new).
tests/js/search.test.mjs checks it against the Python stemmer's stems of 200+ German words
(tests/js/fixtures/german-stems.json, kept in step with Python by tests/test_search_entries.py).

The word is a list of code points, as Python indexes its strings. */

const V = "aeiouyäöü";
const S_ENDING = "bdfghklmnrt";
const ST_ENDING = "bdfghklmnt";
const ET_ENDING = "Udfgklmnrstzä";
const UMLAUTS = { ae: "ä", oe: "ö", ue: "ü" };
const PLAIN = { U: "u", Y: "y", ä: "a", ö: "o", ü: "u" };
// The suffixes of each step, and what each does (the generated code's among_var).
const STEP_1 = [
  ["e", 3], ["em", 1], ["en", 3], ["erinnen", 2], ["erin", 2], ["ln", 5], ["ern", 2], ["er", 2],
  ["s", 4], ["es", 3], ["lns", 5],
];
const STEP_2 = [["en", 1], ["er", 1], ["et", 3], ["st", 2], ["est", 1]];
const ET_KEPT = ["tick", "plan", "geordn", "intern", "tr"];
const STEP_3 = [
  ["end", 1], ["ig", 2], ["ung", 1], ["lich", 3], ["isch", 2], ["ik", 2], ["heit", 3], ["keit", 4],
];
const APOSTROPHE = ["'", "'sch", "'s"];

function endsWith(w, end, text) {
  const start = end - text.length;
  return start >= 0 && w.slice(start, end).join("") === text;
}

/* The longest of `table`'s [suffix, rule] at the end of `w`: [start, rule], or null. */
function longest(w, table) {
  let best = null;
  for (const [suffix, rule] of table) {
    if (endsWith(w, w.length, suffix) && (!best || suffix.length > best[2])) {
      best = [w.length - suffix.length, rule, suffix.length];
    }
  }
  return best;
}

/* u and y between vowels are consonants (U, Y); then ß is ss, and ae, oe, ue (not after q) are
umlauts. */
function prelude(word) {
  const w = Array.from(word);
  for (let i = 0; i + 2 < w.length; i += 1) {
    if (V.includes(w[i]) && (w[i + 1] === "u" || w[i + 1] === "y") && V.includes(w[i + 2])) {
      w[i + 1] = w[i + 1].toUpperCase();
    }
  }
  const out = [];
  for (let i = 0; i < w.length; ) {
    const pair = w[i] + (w[i + 1] || "");
    if (w[i] === "ß") {
      out.push("s", "s");
      i += 1;
    } else if (UMLAUTS[pair]) {
      out.push(UMLAUTS[pair]);
      i += 2;
    } else if (pair === "qu") {
      out.push("q", "u");
      i += 2;
    } else {
      out.push(w[i]);
      i += 1;
    }
  }
  return out;
}

/* R1 and R2: after the first non-vowel following a vowel, R1 at least 3 letters in. */
function regions(w) {
  let p1 = w.length;
  let p2 = w.length;
  if (w.length < 3) return [p1, p2];
  const after = (from) => {
    let at = from;
    while (at < w.length && !V.includes(w[at])) at += 1;
    if (at >= w.length) return -1;
    at += 1;
    while (at < w.length && V.includes(w[at])) at += 1;
    return at >= w.length ? -1 : at + 1;
  };
  const first = after(0);
  if (first < 0) return [p1, p2];
  p1 = Math.max(first, 3);
  const second = after(first);
  if (second >= 0) p2 = second;
  return [p1, p2];
}

function step1(w, p1) {
  const found = longest(w, STEP_1);
  if (!found || found[0] < p1) return w;
  const [at, rule] = found;
  const before = w.slice(0, at);
  if (rule === 1) return endsWith(w, at, "syst") ? w : before;
  if (rule === 2) return before;
  if (rule === 3) {
    return before.length && before[before.length - 1] === "s" && endsWith(before, before.length - 1, "nis")
      ? before.slice(0, -1)
      : before;
  }
  if (rule === 4) return at > 0 && S_ENDING.includes(w[at - 1]) ? before : w;
  return [...before, "l"];
}

function step2(w, p1) {
  const found = longest(w, STEP_2);
  if (!found || found[0] < p1) return w;
  const [at, rule] = found;
  const before = w.slice(0, at);
  if (rule === 1) return before;
  if (rule === 2) return at - 1 - 3 >= 0 && ST_ENDING.includes(w[at - 1]) ? before : w;
  if (!(at > 0 && ET_ENDING.includes(w[at - 1]))) return w;
  return ET_KEPT.some((kept) => endsWith(w, at, kept)) ? w : before;
}

function step3(w, p1, p2) {
  const found = longest(w, STEP_3);
  if (!found || found[0] < p2) return w;
  const [at, rule] = found;
  const before = w.slice(0, at);
  const last = (text, min) => endsWith(before, at, text) && at - text.length >= min;
  if (rule === 1) {
    const ig = at - 2;
    return last("ig", p2) && before[ig - 1] !== "e" ? before.slice(0, ig) : before;
  }
  if (rule === 2) return at > 0 && w[at - 1] === "e" ? w : before;
  if (rule === 3) return last("er", p1) || last("en", p1) ? before.slice(0, at - 2) : before;
  const more = longest(before, [["ig", 1], ["lich", 1]]);
  return more && more[0] >= p2 ? before.slice(0, more[0]) : before;
}

function apostrophe(w) {
  const found = longest(w, APOSTROPHE.map((suffix) => [suffix, 1]));
  return found && found[0] >= 2 ? w.slice(0, found[0]) : w;
}

/* The stem of a lower-case word. */
export function stemGerman(word) {
  let w = prelude(word);
  const [p1, p2] = regions(w);
  w = apostrophe(step3(step2(step1(w, p1), p1), p1, p2));
  return w.map((letter) => PLAIN[letter] || letter).join("");
}
