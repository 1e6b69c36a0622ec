// Keeping another language from the page's side: what the worker's answer to a choice comes to.
import assert from "node:assert/strict";
import { test } from "node:test";

import { choiceOutcome } from "../../frontend/static/frontend/js/offline-languages.js";
import { ask } from "../../frontend/static/frontend/js/worker-client.js";

const languages = [{ language: "en", kept: true }];

test("a worker slow to save a whole language is not reported as failing: the box stays busy", async () => {
  // No answer in time (the worker is still saving): ask gives up with a timeout.
  const timers = [];
  globalThis.window = { setTimeout: (run) => timers.push(run), clearTimeout: () => {} };
  const worker = { postMessage: () => {} }; // answers nothing (yet)
  globalThis.navigator = {
    serviceWorker: { controller: worker, getRegistration: async () => ({ active: worker }) },
  };
  const answer = ask({ type: "keep-language", language: "en", keep: true });
  await new Promise((resolve) => setImmediate(resolve));
  timers.forEach((run) => run());
  const gaveUp = await answer;
  assert.equal(choiceOutcome(gaveUp, true), null); // still under way: no "Could not save"
  // The worker's broadcast once it is done says it was kept.
  assert.deepEqual(choiceOutcome({ status: { saved: true, languages, language: "en" } }, true), {});
});

test("a choice that did fail, or could not be made offline, is told", () => {
  assert.deepEqual(choiceOutcome({ status: { saved: true, serverError: true, languages } }, true), {
    freed: undefined,
    offline: undefined,
    failed: true,
  });
  assert.equal(choiceOutcome({ status: { saved: true, offline: true, languages } }, true).offline, true);
  assert.equal(choiceOutcome({ type: "error", message: "No service worker is active." }, true).failed, true);
  assert.equal(choiceOutcome({ status: { saved: true, freed: 2048, languages } }, false).freed, 2048);
});
