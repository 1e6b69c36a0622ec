/* The outbox: what a reader sends (a question, feedback, a comment) stays on the phone, in
IndexedDB (outbox-store.js), until the server has it. Pages import this module and the service
worker includes it, so either can send: the page at once, the worker later (Background Sync), or
the page again when the connection or the app comes back.

Each item carries the key the server stores it under, so sending it twice stores it once. A send
that fails waits before the next try, longer each time, and that wait is stored with the item, so
every page and the worker keep to it. */

import { all, put, remove, update } from "./outbox-store.js";

export const SYNC_TAG = "guide-outbox";
export const FIRST_WAIT_MS = 5e3;
export const LONGEST_WAIT_MS = 10 * 60e3;
export const TRIES_PER_MINUTE = 5;
// After this many answers from a server that cannot take the item yet (about eight hours of
// tries), it is shown to the reader as not sent rather than tried forever. A missing
// connection never gives up: the item waits for it.
const SERVER_TRIES = 50;
// Marked for the catalogue only: the worker has none, so the page translates it as it shows it.
const gettext_noop = (text) => text;
const GAVE_UP = {
  detail: gettext_noop(
    "The server could not take it after several tries. Please send it again later.",
  ),
};

function newKey() {
  if (globalThis.crypto.randomUUID) {
    return globalThis.crypto.randomUUID();
  }
  // Plain http on a clinic's network has no randomUUID; build a version 4 UUID the same way.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)]
    .join("-");
}

/* A new item, kept before the first attempt to send it. */
export async function add({ kind, url, body, label, title, page, lang = "" }) {
  const item = {
    key: newKey(),
    kind,
    lang, // the page's language: the server answers in it
    url,
    body,
    label,
    title, // the condition's title, or ""
    page,
    state: "waiting",
    attempts: 0, // failed sends in a row
    serverTries: 0,
    notBefore: 0,
    triedAt: [], // the tries of the last minute
    problem: null, // the last failure: "offline", "unreachable" or "server"
    createdAt: Date.now(),
  };
  await put(item);
  return item;
}

async function errorsOf(response) {
  try {
    return await response.json();
  } catch (error) {
    return { detail: `The server answered ${response.status}.` };
  }
}

/* How long to wait after `failures` failed sends in a row: 5 s, doubling, at most 10 minutes,
give or take a tenth (`random` in [0, 1)) so that phones that lost the same network do not all
come back at the same instant. */
export function waitAfter(failures, random = Math.random()) {
  const wait = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(Math.min(LONGEST_WAIT_MS, wait * (0.9 + 0.2 * random)));
}

function triesThisMinute(item, at) {
  return (item.triedAt || []).filter((time) => at - time < 60e3);
}

/* When the item may next be tried, seen at time `at`: after its wait, unless `now` says the
connection just came back (or the reader asked), and never more than TRIES_PER_MINUTE times a
minute. A server's answer ("not yet", Retry-After) is always waited for. */
export function dueAt(item, { now = false, at = Date.now() } = {}) {
  const tries = triesThisMinute(item, at);
  const capped = tries.length >= TRIES_PER_MINUTE ? tries[0] + 60e3 : 0;
  const connectionOnly = item.problem === "offline" || item.problem === "unreachable";
  return Math.max(capped, now && connectionOnly ? 0 : item.notBefore);
}

/* The item after one more failed send at time `at`: when it may next be tried is at least
`leastWaitMs` (a server's Retry-After) away, never a reason to use up the tries sooner. */
export function afterFailure(item, problem, { at = Date.now(), leastWaitMs = 0, random } = {}) {
  const attempts = (item.attempts || 0) + 1;
  return {
    problem,
    attempts,
    serverTries: (item.serverTries || 0) + (problem === "server" ? 1 : 0),
    notBefore: at + Math.max(leastWaitMs, waitAfter(attempts, random)),
  };
}

/* Note a try before it is made, so that a page and the worker trying at once both count it.
Counted on the stored item, not this copy of it, as is the wait after a failure. */
async function noteTry(item) {
  const now = Date.now();
  let triedAt = [now];
  await update(item.key, (stored) => {
    triedAt = [...triesThisMinute(stored, now), now];
    return { ...stored, triedAt };
  });
  return { ...item, triedAt };
}

async function retryLater(item, problem, leastWaitMs = 0) {
  let waiting = {};
  await update(item.key, (stored) => {
    waiting = afterFailure(stored, problem, { leastWaitMs });
    return { ...stored, ...waiting };
  });
  return { ...item, ...waiting };
}

/* One attempt. Resolves to {outcome, item}: "sent" (gone from the outbox; `receipt` holds the
server's answer, with the message for the reader); "offline" (no connection), "unreachable"
(a connection, but the server could not be reached) or "waiting" (the server could not take
it yet), all kept and tried again later; or "failed" (refused for good, kept for the
reader). */
export async function send(item) {
  item = await noteTry(item);
  let response;
  try {
    response = await fetch(item.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "Idempotency-Key": item.key,
        ...(item.lang ? { "Accept-Language": item.lang } : {}),
      },
      body: JSON.stringify(item.body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (error) {
    const problem = globalThis.navigator.onLine === false ? "offline" : "unreachable";
    return { outcome: problem, item: await retryLater(item, problem) };
  }
  const receipt = response.ok ? await receiptFor(item, response) : null;
  if (receipt) {
    await remove(item.key);
    return { outcome: "sent", item, receipt };
  }
  // Anything but our receipt or a refusal (a Wi-Fi login page answering 200, a server error,
  // a rate limit) means "not stored yet": try again later, then give up and say so.
  if (response.ok || response.status === 408 || response.status === 429 ||
      response.status >= 500) {
    if ((item.serverTries || 0) + 1 >= SERVER_TRIES) {
      return fail(item, GAVE_UP);
    }
    const retryAfter = Number(response.headers.get("Retry-After"));
    const waiting = await retryLater(item, "server", retryAfter > 0 ? retryAfter * 1000 : 0);
    return { outcome: "waiting", item: waiting };
  }
  return fail(item, await errorsOf(response));
}

/* The server's receipt for this item, or null for any other answer. */
async function receiptFor(item, response) {
  try {
    const receipt = await response.json();
    return receipt.id === item.key ? receipt : null;
  } catch (error) {
    return null;
  }
}

async function fail(item, errors) {
  const failed = { ...item, state: "failed", errors };
  await update(item.key, () => failed);
  return { outcome: "failed", item: failed };
}

/* When the next waiting item is due (a timestamp), or null when none waits. */
export async function nextDue() {
  const due = (await all()).filter((item) => item.state === "waiting").map((item) => dueAt(item));
  return due.length ? Math.max(Date.now(), Math.min(...due)) : null;
}

/* Send every item that is due, one at a time, stopping at the first sign that the server
cannot be reached. `now`: the connection came back or the reader asked, so do not wait out
the waits that a missing connection caused. */
async function sendDue({ now = false } = {}) {
  const result = { sent: [], failed: [], waiting: 0, offline: false, unreachable: false };
  const items = (await all()).filter((item) => item.state === "waiting");
  items.sort((a, b) => a.createdAt - b.createdAt);
  for (const item of items) {
    if (result.offline || result.unreachable || dueAt(item, { now }) > Date.now()) {
      result.waiting += 1;
      continue;
    }
    const { outcome, item: after } = await send(item);
    if (outcome === "sent") {
      result.sent.push(after);
    } else if (outcome === "failed") {
      result.failed.push(after);
    } else {
      result.waiting += 1;
      if (outcome !== "waiting") result[outcome] = true;
    }
  }
  return result;
}

let running = null;
let runningNow = false;

/* One flush at a time in this page or worker; a caller during one gets its result, and one
asking for `now` during one that was not gets another after it. */
export function flush({ now = false } = {}) {
  if (running && (runningNow || !now)) {
    return running;
  }
  const current = (running || Promise.resolve())
    .catch(() => {})
    .then(() => sendDue({ now }))
    .finally(() => {
      if (running === current) {
        running = null;
      }
    });
  running = current;
  runningNow = now;
  return current;
}
