/* A stand-in for the browser's speech (speechSynthesis), installed by tests/browser/test_listen.py
before a page's scripts run, since headless chromium here has no voice that can finish an
utterance. It records every utterance, fires "start" as the real one does, and "end" only when
the test calls __speech.finish(). The voices are set by the test in window.__standInVoices. */
(() => {
  const log = [];
  let queue = [];
  let current = null;

  const fire = (utterance, type, details) =>
    utterance.dispatchEvent(Object.assign(new Event(type), details));

  class Utterance extends EventTarget {
    constructor(text) {
      super();
      Object.assign(this, { text, lang: "", rate: 1, pitch: 1, volume: 1, voice: null });
    }
  }

  function startNext() {
    if (current || !queue.length) return;
    current = queue.shift();
    current.entry.state = "speaking";
    fire(current, "start", { charIndex: 0 });
    fire(current, "boundary", { charIndex: 0, name: "word" });
  }

  class Synthesis extends EventTarget {
    get speaking() {
      return current !== null;
    }
    get pending() {
      return queue.length > 0;
    }
    get paused() {
      return false;
    }
    getVoices() {
      return window.__standInVoices;
    }
    speak(utterance) {
      utterance.entry = {
        text: utterance.text,
        lang: utterance.lang,
        voice: utterance.voice && utterance.voice.name,
        rate: utterance.rate,
        state: "queued",
      };
      log.push(utterance.entry);
      queue.push(utterance);
      setTimeout(startNext);
    }
    cancel() {
      const dropped = current ? [current, ...queue] : queue;
      current = null;
      queue = [];
      for (const utterance of dropped) {
        utterance.entry.state = "cancelled";
        setTimeout(() => fire(utterance, "error", { error: "interrupted" }));
      }
    }
    pause() {}
    resume() {}
  }

  window.__speech = {
    log,
    current: () => current && current.entry,
    finish() {
      const done = current;
      done.entry.state = "ended";
      current = null;
      fire(done, "end", { charIndex: done.text.length });
      setTimeout(startNext);
    },
  };
  Object.defineProperty(window, "speechSynthesis", { value: new Synthesis(), configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
})();
