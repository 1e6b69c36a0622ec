/* The Snowball English stemmer (Porter2), as Snowball 3.1.1 generates it for the server's
search (Python's snowballstemmer, snippets.py; PostgreSQL's English): spasms, spasming: "spasm".
Ported step by step from the generated code, on a small machine of the same operations;
tests/js/search.test.mjs checks it against the Python stemmer's stems of the seed's words. */

const V = "aeiouy";
const V_WXY = "Yaeiouwxy";
const VALID_LI = "cdeghkmnrt";

const EXCEPTIONS = {
  skis: "ski", skies: "sky", idly: "idl", gently: "gentl", ugly: "ugli", early: "earli",
  only: "onli", singly: "singl", andes: "andes", atlas: "atlas", bias: "bias", cosmos: "cosmos",
  howe: "howe", news: "news", sky: "sky",
};
const R1_PREFIXES = ["arsen", "commun", "emerg", "gener", "inter", "later", "organ", "past", "univers"];
const STEP_1A_APOSTROPHE = [["'", 1], ["'s'", 1], ["'s", 1]];
const STEP_1A = [["ied", 2], ["s", 3], ["ies", 2], ["sses", 1], ["ss", -1], ["us", -1]];
const STEP_1B_KEEP = [["succ", 1], ["proc", 1], ["exc", 1]];
const STEP_1B_ING = [["even", 2], ["cann", 2], ["inn", 2], ["earr", 2], ["herr", 2], ["out", 2], ["y", 1]];
const STEP_1B = [["", -1], ["ed", 2], ["eed", 1], ["ing", 3], ["edly", 2], ["eedly", 1], ["ingly", 2]];
const STEP_1B_END = [
  ["", 3], ["bb", 2], ["dd", 2], ["ff", 2], ["gg", 2], ["bl", 1], ["mm", 2], ["nn", 2], ["pp", 2],
  ["rr", 2], ["at", 1], ["tt", 2], ["iz", 1],
];
// Step 2 and 3: the suffix, and what replaces it (a number: a rule of its own).
const STEP_2 = [
  ["anci", "ance"], ["enci", "ence"], ["ogi", 14], ["li", 16], ["bli", "ble"], ["abli", "able"],
  ["alli", "al"], ["fulli", "ful"], ["lessli", "less"], ["ousli", "ous"], ["entli", "ent"],
  ["aliti", "al"], ["biliti", "ble"], ["iviti", "ive"], ["tional", "tion"], ["ational", "ate"],
  ["alism", "al"], ["ation", "ate"], ["ization", "ize"], ["izer", "ize"], ["ator", "ate"],
  ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"], ["ogist", "og"],
];
const STEP_3 = [
  ["icate", "ic"], ["ative", 6], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"],
  ["tional", "tion"], ["ational", "ate"], ["ful", ""], ["ness", ""],
];
const STEP_4 = [
  ["ic", 1], ["ance", 1], ["ence", 1], ["able", 1], ["ible", 1], ["ate", 1], ["ive", 1], ["ize", 1],
  ["iti", 1], ["al", 1], ["ism", 1], ["ion", 2], ["er", 1], ["ous", 1], ["ant", 1], ["ent", 1],
  ["ment", 1], ["ement", 1],
];

/* Snowball's machine: the word, a cursor, the limits, and the slice [bra, ket). */
class Machine {
  constructor(word) {
    this.s = word;
    this.cursor = 0;
    this.limit = word.length;
    this.lb = 0;
    this.bra = 0;
    this.ket = word.length;
  }
  inG(g) {
    if (this.cursor >= this.limit || !g.includes(this.s[this.cursor])) return false;
    this.cursor += 1;
    return true;
  }
  goOut(g) {
    for (; this.cursor < this.limit; this.cursor += 1) if (g.includes(this.s[this.cursor])) return true;
    return false;
  }
  goIn(g) {
    for (; this.cursor < this.limit; this.cursor += 1) if (!g.includes(this.s[this.cursor])) return true;
    return false;
  }
  inGB(g) {
    if (this.cursor <= this.lb || !g.includes(this.s[this.cursor - 1])) return false;
    this.cursor -= 1;
    return true;
  }
  outGB(g) {
    if (this.cursor <= this.lb || g.includes(this.s[this.cursor - 1])) return false;
    this.cursor -= 1;
    return true;
  }
  goOutB(g) {
    for (; this.cursor > this.lb; this.cursor -= 1) if (g.includes(this.s[this.cursor - 1])) return true;
    return false;
  }
  charB(letter) {
    if (this.cursor <= this.lb || this.s[this.cursor - 1] !== letter) return false;
    this.cursor -= 1;
    return true;
  }
  eqB(text) {
    if (this.cursor - text.length < this.lb || this.s.slice(this.cursor - text.length, this.cursor) !== text) return false;
    this.cursor -= text.length;
    return true;
  }
  /* The longest of `table`'s [suffix, result] ending at the cursor: its result, or 0. */
  amongB(table) {
    let best = null;
    for (const row of table) {
      const start = this.cursor - row[0].length;
      if (start >= this.lb && this.s.slice(start, this.cursor) === row[0] && (!best || row[0].length > best[0].length)) best = row;
    }
    if (!best) return 0;
    this.cursor -= best[0].length;
    return best[1];
  }
  from(text) {
    const change = text.length - (this.ket - this.bra);
    this.s = this.s.slice(0, this.bra) + text + this.s.slice(this.ket);
    this.limit += change;
    if (this.cursor >= this.ket) this.cursor += change;
    else if (this.cursor > this.bra) this.cursor = this.bra;
    this.ket = this.bra + text.length;
  }
  /* Run `step` from the end, and put the cursor back where it was counted from the end. */
  step(step) {
    const back = this.limit - this.cursor;
    step(this);
    this.cursor = this.limit - back;
  }
}

function prelude(m) {
  let found = false;
  for (const [letter, by] of [["'", ""], ["y", "Y"]]) { // a leading apostrophe goes, y is Y
    if (m.s[0] === letter) { m.bra = 0; m.ket = 1; m.from(by); found = found || by === "Y"; }
    m.cursor = 0;
  }
  for (;;) { // every y after a vowel is a consonant: Y
    const start = m.cursor;
    let at = -1;
    for (let c = start; c < m.limit; c += 1) {
      if (V.includes(m.s[c]) && m.s[c + 1] === "y" && c + 1 < m.limit) { at = c; break; }
    }
    if (at < 0) { m.cursor = start; break; }
    m.bra = at + 1; m.ket = at + 2; m.cursor = at; m.from("Y"); found = true;
  }
  m.cursor = 0;
  return found;
}

function markRegions(m) {
  m.p1 = m.p2 = m.limit;
  const prefix = R1_PREFIXES.filter((p) => m.s.startsWith(p)).sort((a, b) => b.length - a.length)[0];
  if (prefix) m.cursor = prefix.length;
  else if (!(m.goOut(V) && ++m.cursor && m.goIn(V) && ++m.cursor)) return void (m.cursor = 0);
  m.p1 = m.cursor;
  if (m.goOut(V) && ++m.cursor && m.goIn(V) && ++m.cursor) m.p2 = m.cursor;
  m.cursor = 0;
}

function shortV(m) {
  const back = m.limit - m.cursor;
  if (m.outGB(V_WXY) && m.inGB(V) && m.outGB(V)) return true;
  m.cursor = m.limit - back;
  if (m.outGB(V) && m.inGB(V) && m.cursor <= m.lb) return true;
  m.cursor = m.limit - back;
  return m.eqB("past");
}

function step1a(m) {
  const back = m.limit - m.cursor;
  m.ket = m.cursor;
  if (m.amongB(STEP_1A_APOSTROPHE)) { m.bra = m.cursor; m.from(""); } else m.cursor = m.limit - back;
  m.ket = m.cursor;
  const rule = m.amongB(STEP_1A);
  m.bra = m.cursor;
  if (rule === 1) m.from("ss");
  else if (rule === 2) m.from(m.cursor - 2 >= m.lb ? "i" : "ie");
  else if (rule === 3 && m.cursor > m.lb) {
    m.cursor -= 1;
    if (m.goOutB(V)) { m.cursor -= 1; m.from(""); }
  }
}

/* The first part of step 1b: true if it is done with the word, false to go on. */
function step1bSpecial(m, rule) {
  if (rule === 1) {
    const back = m.limit - m.cursor;
    if (m.p1 <= m.cursor) {
      const keep = m.limit - m.cursor;
      if (!(m.amongB(STEP_1B_KEEP) && m.cursor <= m.lb)) { m.cursor = m.limit - keep; m.from("ee"); }
    }
    m.cursor = m.limit - back;
    return true;
  }
  if (rule === 2) return false;
  if (rule === 3) {
    const ing = m.amongB(STEP_1B_ING);
    if (ing === 0) return false;
    if (ing === 1) {
      const back = m.limit - m.cursor;
      if (!m.outGB(V) || m.cursor > m.lb) return false;
      m.cursor = m.limit - back;
      m.bra = m.cursor;
      m.from("ie");
      return true;
    }
    return m.cursor <= m.lb;
  }
  return true;
}

function step1b(m) {
  m.ket = m.cursor;
  const rule = m.amongB(STEP_1B);
  m.bra = m.cursor;
  const back = m.limit - m.cursor;
  if (step1bSpecial(m, rule)) return;
  m.cursor = m.limit - back;
  const before = m.limit - m.cursor;
  if (!m.goOutB(V)) return;
  m.cursor = m.limit - before;
  m.from("");
  m.ket = m.bra = m.cursor;
  const end = m.limit - m.cursor;
  const ending = m.amongB(STEP_1B_END);
  if (ending === 1) return m.from("e");
  if (ending === 2) {
    const aeo = m.limit - m.cursor;
    if (m.inGB("aeo") && m.cursor <= m.lb) return;
    m.cursor = m.limit - aeo;
  } else {
    if (m.cursor !== m.p1) return;
    const short = m.limit - m.cursor;
    if (!shortV(m)) return;
    m.cursor = m.limit - short;
    return m.from("e");
  }
  m.cursor = m.limit - end;
  m.ket = m.cursor;
  if (m.cursor <= m.lb) return;
  m.cursor -= 1;
  m.bra = m.cursor;
  m.from("");
}

function step1c(m) {
  m.ket = m.cursor;
  if (!m.charB("y") && !m.charB("Y")) return;
  m.bra = m.cursor;
  if (m.outGB(V) && m.cursor > m.lb) m.from("i");
}

function replaced(m, table, special) {
  m.ket = m.cursor;
  const rule = m.amongB(table);
  if (rule === 0) return;
  m.bra = m.cursor;
  if (m.p1 > m.cursor) return;
  if (typeof rule === "string") m.from(rule);
  else special(rule);
}

function step2(m) {
  replaced(m, STEP_2, (rule) => {
    if (rule === 14 && m.charB("l")) m.from("og");
    else if (rule === 16 && m.inGB(VALID_LI)) m.from("");
  });
}

function step3(m) {
  replaced(m, STEP_3, () => m.p2 <= m.cursor && m.from(""));
}

function step4(m) {
  m.ket = m.cursor;
  const rule = m.amongB(STEP_4);
  if (rule === 0) return;
  m.bra = m.cursor;
  if (m.p2 > m.cursor) return;
  if (rule === 1 || m.charB("s") || m.charB("t")) m.from("");
}

function step5(m) {
  m.ket = m.cursor;
  const last = m.s[m.cursor - 1];
  if (m.cursor <= m.lb || (last !== "e" && last !== "l")) return;
  m.cursor -= 1;
  m.bra = m.cursor;
  if (last === "e") {
    if (m.p2 > m.cursor) {
      if (m.p1 > m.cursor) return;
      const back = m.limit - m.cursor;
      if (shortV(m)) return;
      m.cursor = m.limit - back;
    }
    m.from("");
  } else if (m.p2 <= m.cursor && m.charB("l")) {
    m.from("");
  }
}

/* The stem of a lower-case word. */
export function stemEnglish(word) {
  if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) return EXCEPTIONS[word];
  if (word.length < 3) return word;
  const m = new Machine(word);
  const foundY = prelude(m);
  markRegions(m);
  m.lb = m.cursor;
  m.cursor = m.limit;
  for (const step of [step1a, step1b, step1c, step2, step3, step4, step5]) m.step(step);
  return foundY ? m.s.replace(/Y/g, "y") : m.s;
}
