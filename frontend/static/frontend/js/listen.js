/* Listen: reads a condition page aloud with the phone's own voices, offline (README: Listen).
The parts of the page it reads are marked data-listen-part in the template; a part with a heading
starts a section, one without continues the section before it. */

import { byId } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import {
  LINE_BREAK,
  languageName,
  nextPassage,
  nextSentence,
  pickVoice,
  restorePlace,
  savedPlace,
  sectionStart,
  sentences,
} from "./listen-text.js";

const SKIP = "nav, form, footer, button, .button, [hidden], [aria-hidden=true]";
const BLOCK = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, blockquote, figcaption, th, td, pre";
const PLACE_KEY = `guide-listen:${location.pathname}`;
const RATE_KEY = "guide-listen-rate";
const HIGHLIGHT = "listen-sentence";

/* A block's own text (not that of blocks inside it), with where each text node starts in it. */
function textOf(block) {
  const nodes = [];
  let text = "";
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    if (element.closest(BLOCK) !== block || element.closest(SKIP)) {
      continue;
    }
    if (node.nodeName === "BR") {
      text += LINE_BREAK;
    } else if (node.nodeType === Node.TEXT_NODE) {
      nodes.push({ node, start: text.length });
      text += node.data;
    }
  }
  return { text, nodes };
}

const langOf = (element) =>
  element.closest("[lang]:not([lang=''])")?.lang || document.documentElement.lang || "en";

function readPage(parts) {
  const page = [];
  for (const part of parts) {
    const heading = part.querySelector("h1, h2");
    if (heading || !page.length) {
      page.push({ title: heading ? textOf(heading).text.trim() : "", passages: [] });
    }
    for (const block of part.querySelectorAll(BLOCK)) {
      const lang = langOf(block);
      const passage = { block, lang, ...textOf(block) };
      passage.sentences = block.closest(SKIP) ? [] : sentences(passage.text, lang);
      if (passage.sentences.length) page.at(-1).passages.push(passage);
    }
  }
  return page.filter((section) => section.passages.length);
}

function rangeOf(passage, sentence) {
  const range = document.createRange();
  const place = (offset) => {
    const entry = passage.nodes.findLast((candidate) => candidate.start <= offset);
    return [entry.node, Math.min(offset - entry.start, entry.node.length)];
  };
  range.setStart(...place(sentence.start));
  range.setEnd(...place(sentence.end));
  return range;
}

const keep = (action) => {
  try {
    return action();
  } catch (error) {
    return null; // storage blocked: nothing remembered
  }
};

export function startListen() {
  const box = byId("listen");
  const synth = window.speechSynthesis;
  if (!box || !synth || !window.SpeechSynthesisUtterance) {
    return;
  }
  const page = readPage(document.querySelectorAll("[data-listen-part]"));
  if (!page.length) {
    return;
  }
  const control = (name) => box.querySelector(`[data-listen=${name}]`);
  const [play, speed, resume] = ["play", "speed", "continue"].map(control);
  const [status, note] = [".listen-status", ".listen-note"].map((s) => box.querySelector(s));
  const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");
  const unvoiced = new Set();
  let at = null; // the next sentence to speak; null: from the start
  let playing = false;
  let turn = 0; // events of an utterance from an earlier turn are ignored

  const say = (text) => {
    if (status.textContent !== text) status.textContent = text;
  };

  function show(passage, sentence) {
    const range = rangeOf(passage, sentence);
    if (window.CSS?.highlights && window.Highlight) {
      CSS.highlights.set(HIGHLIGHT, new Highlight(range));
    }
    const shown = range.getBoundingClientRect();
    const top = playing ? box.getBoundingClientRect().bottom : 0;
    if (shown.top < top || shown.bottom > innerHeight) {
      const behavior = reducedMotion.matches ? "instant" : "smooth";
      window.scrollBy({ top: shown.top - Math.max(top, innerHeight / 3), behavior });
    }
  }

  function skip(passage) {
    const name = languageName(passage.lang, document.documentElement.lang);
    if (!unvoiced.has(name)) {
      unvoiced.add(name);
      const names = [...unvoiced].join(gettext(" or "));
      note.textContent = interpolate(
        gettext("No %(language)s voice on this phone: %(language)s parts are skipped."),
        { language: names },
      );
    }
  }

  const remember = () =>
    keep(() => localStorage.setItem(PLACE_KEY, JSON.stringify(savedPlace(page, at))));

  function speak() {
    const mine = ++turn;
    synth.cancel();
    while (at) {
      const passage = page[at.section].passages[at.passage];
      const voice = pickVoice(synth.getVoices(), passage.lang);
      if (voice) {
        const sentence = passage.sentences[at.sentence];
        const utterance = new SpeechSynthesisUtterance(sentence.text);
        Object.assign(utterance, { lang: passage.lang, voice, rate: Number(speed.value) });
        utterance.addEventListener("end", () => {
          if (mine === turn) {
            at = nextSentence(page, at);
            speak();
          }
        });
        utterance.addEventListener("error", (event) => {
          if (mine === turn && !["interrupted", "canceled"].includes(event.error)) {
            note.textContent = gettext("This phone could not read that aloud.");
            pause();
          }
        });
        remember();
        say(interpolate(gettext("Reading: %(title)s"), { title: page[at.section].title }));
        show(passage, sentence);
        synth.speak(utterance);
        return;
      }
      skip(passage);
      at = nextPassage(page, at);
    }
    finish();
  }

  function finish() {
    playing = false;
    keep(() => localStorage.removeItem(PLACE_KEY));
    window.CSS?.highlights?.delete(HIGHLIGHT);
    box.dataset.state = "finished";
    play.textContent = gettext("Listen");
    say(gettext("Finished reading this page."));
  }

  async function start(from) {
    if (from) at = from;
    resume.hidden = true;
    playing = true;
    box.dataset.state = "playing";
    play.textContent = gettext("Pause");
    if (!synth.getVoices().length) {
      await new Promise((done) => {
        synth.addEventListener("voiceschanged", done, { once: true });
        setTimeout(done, 2000);
      });
    }
    if (!playing) {
      return; // paused while the voices were loading
    }
    if (!synth.getVoices().length) {
      note.textContent = gettext("This phone has no voices for reading aloud.");
      return pause();
    }
    speak();
  }

  function pause() {
    turn++;
    synth.cancel();
    playing = false;
    box.dataset.state = "paused";
    play.textContent = gettext("Resume");
    say(at ? interpolate(gettext("Paused at: %(title)s"), { title: page[at.section].title })
      : gettext("Paused."));
  }

  function move(by) {
    const here = at ? at.section : 0;
    at = sectionStart(page, here + by);
    if (playing) {
      speak();
    } else {
      show(page[at.section].passages[0], page[at.section].passages[0].sentences[0]);
      remember();
      say(interpolate(gettext("Ready at: %(title)s"), { title: page[at.section].title }));
    }
  }

  box.addEventListener("click", (event) => {
    const name = event.target.closest("button[data-listen]")?.dataset.listen;
    if (name === "play") {
      if (playing) pause();
      else start(at || sectionStart(page, 0));
    } else if (name === "continue") {
      start(restored);
    } else if (name === "previous" || name === "next") {
      move(name === "next" ? 1 : -1);
    }
  });
  speed.addEventListener("change", () => {
    keep(() => localStorage.setItem(RATE_KEY, speed.value));
    if (playing) speak(); // the current sentence again, at the new speed
  });
  window.addEventListener("pagehide", () => playing && pause());

  const rate = keep(() => localStorage.getItem(RATE_KEY));
  if (rate && speed.querySelector(`option[value="${CSS.escape(rate)}"]`)) speed.value = rate;
  const restored = restorePlace(page, keep(() => JSON.parse(localStorage.getItem(PLACE_KEY))));
  if (restored) {
    resume.textContent = interpolate(gettext("Continue from %(title)s"), {
      title: page[restored.section].title,
    });
    resume.hidden = false;
  }
}
