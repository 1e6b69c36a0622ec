// The outbox's waits between tries, which the pages and the service worker both keep to.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  FIRST_WAIT_MS,
  LONGEST_WAIT_MS,
  TRIES_PER_MINUTE,
  afterFailure,
  dueAt,
  waitAfter,
} from "../../frontend/static/frontend/js/outbox.js";

const MIDDLE = 0.5; // no spread: 0.9 + 0.2 * 0.5 = 1

test("the wait doubles after each failure, from five seconds", () => {
  assert.deepEqual(
    [1, 2, 3, 4].map((failures) => waitAfter(failures, MIDDLE)),
    [FIRST_WAIT_MS, 2 * FIRST_WAIT_MS, 4 * FIRST_WAIT_MS, 8 * FIRST_WAIT_MS],
  );
});

test("the wait stops growing at ten minutes, spread or not", () => {
  assert.equal(LONGEST_WAIT_MS, 10 * 60e3);
  assert.equal(waitAfter(8, MIDDLE), LONGEST_WAIT_MS);
  assert.equal(waitAfter(50, MIDDLE), LONGEST_WAIT_MS);
  assert.equal(waitAfter(50, 0.999), LONGEST_WAIT_MS);
});

test("the wait is spread by a tenth either way", () => {
  assert.equal(waitAfter(2, 0), 9e3);
  assert.equal(waitAfter(2, 1), 11e3);
});

test("a failure counts the attempt and sets when the item is next due", () => {
  const item = { attempts: 2, serverTries: 1 };
  assert.deepEqual(afterFailure(item, "server", { at: 1000, random: MIDDLE }), {
    problem: "server",
    attempts: 3,
    serverTries: 2,
    notBefore: 1000 + 4 * FIRST_WAIT_MS,
  });
  assert.equal(afterFailure(item, "offline", { at: 0, random: MIDDLE }).serverTries, 1);
});

test("a server's Retry-After is the least wait, never a shorter one", () => {
  const item = { attempts: 0 };
  const longer = afterFailure(item, "server", { at: 0, leastWaitMs: 60e3, random: MIDDLE });
  const shorter = afterFailure(item, "server", { at: 0, leastWaitMs: 1e3, random: MIDDLE });
  assert.equal(longer.notBefore, 60e3);
  assert.equal(shorter.notBefore, FIRST_WAIT_MS);
});

test("a missing connection's wait is skipped when it comes back, a server's never", () => {
  const offline = { problem: "offline", notBefore: 50e3, triedAt: [] };
  const server = { problem: "server", notBefore: 50e3, triedAt: [] };
  assert.equal(dueAt(offline, { at: 0 }), 50e3);
  assert.equal(dueAt(offline, { now: true, at: 0 }), 0);
  assert.equal(dueAt(server, { now: true, at: 0 }), 50e3);
});

test("at most five tries a minute, even when asked to try now", () => {
  const tries = [1e3, 2e3, 3e3, 4e3, 5e3];
  assert.equal(TRIES_PER_MINUTE, 5);
  const item = { problem: "offline", notBefore: 0, triedAt: tries };
  assert.equal(dueAt(item, { now: true, at: 6e3 }), 61e3);
  // A minute after the first of them, it may be tried again.
  assert.equal(dueAt(item, { now: true, at: 61e3 }), 0);
});
