/* Start-up work that can wait until the page is drawn and the browser is idle, one piece per idle
moment so that no long task keeps a tap waiting; or all of it at once when the reader acts
first, so that whatever they touch (a button, a field, a form) already works. */

// A field or button taking focus, a press, typing, a form sent: heard first, on the window, so
// a listener that starting up adds to the element itself still hears this very event.
const FIRST_ACTS = ["focusin", "click", "input", "change", "submit"];
const LONGEST_WAIT_MS = 2000; // a phone that is never idle starts the rest all the same

function run(task) {
  performance.mark(`guide-start:${task.name}`); // when each ran, for the browser's tools and tests
  try {
    task();
  } catch (error) {
    window.setTimeout(() => {
      throw error; // reported as an uncaught error; the other tasks still start
    });
  }
}

function whenIdle(next) {
  if (window.requestIdleCallback) {
    window.requestIdleCallback(next, { timeout: LONGEST_WAIT_MS });
  } else {
    window.setTimeout(() => next({ timeRemaining: () => 0, didTimeout: true }), 1);
  }
}

export function startWhenIdle(tasks) {
  const waiting = [...tasks];
  const stopListening = () =>
    FIRST_ACTS.forEach((type) => window.removeEventListener(type, runAll, true));
  function runAll() {
    stopListening();
    while (waiting.length) run(waiting.shift());
  }
  function runSome(deadline) {
    if (!waiting.length) return;
    do run(waiting.shift());
    while (waiting.length && deadline.timeRemaining() > 0 && !deadline.didTimeout);
    if (waiting.length) whenIdle(runSome);
    else stopListening();
  }
  FIRST_ACTS.forEach((type) => window.addEventListener(type, runAll, true));
  if (document.readyState === "complete") {
    whenIdle(runSome);
  } else {
    window.addEventListener("load", () => whenIdle(runSome), { once: true });
  }
}
