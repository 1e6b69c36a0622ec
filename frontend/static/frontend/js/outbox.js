/* The outbox: what a reader sends (a question, feedback, a comment) stays on the phone, in
IndexedDB, until the server has it. Pages load this file and the service worker includes it, so
either can send: the page at once, the worker later (Background Sync), or the page again when the
connection or the app comes back.

Each item carries the key the server stores it under, so sending it twice stores it once. */
(function (scope) {
  "use strict";

  const DATABASE = "guide-outbox";
  const STORE = "outbox";
  const SYNC_TAG = "guide-outbox";
  // How long to wait after the server could not take an item, attempt after attempt; after the
  // last one the item is shown to the reader as not sent rather than tried forever.
  const RETRY_DELAYS_MS = [10e3, 60e3, 5 * 60e3, 30 * 60e3, 60 * 60e3, 6 * 60 * 60e3];
  const GAVE_UP = {
    detail: "The server could not take it after several tries. Please send it again later.",
  };

  function openDatabase() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  /* Run `action(store)` in one transaction; resolves once it is written, to the request's result. */
  async function inStore(mode, action) {
    const database = await openDatabase();
    try {
      return await new Promise((resolve, reject) => {
        // "strict": what a reader wrote is on disk before they are told it is saved.
        const transaction = database.transaction(STORE, mode, { durability: "strict" });
        const request = action(transaction.objectStore(STORE));
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = transaction.onabort = () => reject(transaction.error);
      });
    } finally {
      database.close();
    }
  }

  const all = () => inStore("readonly", (store) => store.getAll());
  const put = (item) => inStore("readwrite", (store) => store.put(item));
  const remove = (key) => inStore("readwrite", (store) => store.delete(key));

  /* Write `change(item)` over the stored item, unless the page or the worker removed it meanwhile
  (sent, or dismissed by the reader): read and write in one transaction, never a stale copy. */
  function update(key, change) {
    return inStore("readwrite", (store) => {
      const request = store.get(key);
      request.onsuccess = () => {
        if (request.result) {
          store.put(change(request.result));
        }
      };
      return request;
    });
  }

  function newKey() {
    if (scope.crypto.randomUUID) {
      return scope.crypto.randomUUID();
    }
    // Plain http on a clinic's network has no randomUUID; build a version 4 UUID the same way.
    const bytes = scope.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)]
      .join("-");
  }

  /* A new item, kept before the first attempt to send it. */
  async function add({ kind, url, body, label, page }) {
    const item = {
      key: newKey(),
      kind,
      url,
      body,
      label,
      page,
      state: "waiting",
      attempts: 0,
      notBefore: 0,
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

  /* One attempt. Resolves to {outcome, item}: "sent" (gone from the outbox; `receipt` holds the
  server's answer, with the message for the reader), "offline" or
  "waiting" (kept, tried again later) or "failed" (refused for good, kept for the reader). */
  async function send(item) {
    let response;
    try {
      response = await fetch(item.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "Idempotency-Key": item.key,
        },
        body: JSON.stringify(item.body),
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (error) {
      return { outcome: "offline", item };
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
      if (item.attempts >= RETRY_DELAYS_MS.length) {
        return fail(item, GAVE_UP);
      }
      const retryAfter = Number(response.headers.get("Retry-After"));
      const delay = retryAfter > 0 ? retryAfter * 1000 : RETRY_DELAYS_MS[item.attempts];
      const waiting = { ...item, attempts: item.attempts + 1, notBefore: Date.now() + delay };
      await update(item.key, (stored) => ({ ...stored, ...waiting }));
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
  async function nextDue() {
    const due = (await all())
      .filter((item) => item.state === "waiting")
      .map((item) => item.notBefore);
    return due.length ? Math.max(Date.now(), Math.min(...due)) : null;
  }

  /* Send every item that is due, one at a time, stopping at the first sign of no connection. */
  async function sendDue() {
    const result = { sent: [], failed: [], waiting: 0, offline: false };
    const items = (await all()).filter((item) => item.state === "waiting");
    items.sort((a, b) => a.createdAt - b.createdAt);
    for (const item of items) {
      if (result.offline || item.notBefore > Date.now()) {
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
        result.offline = result.offline || outcome === "offline";
      }
    }
    return result;
  }

  let running = null;

  /* One flush at a time in this page or worker; a caller during one gets its result. */
  function flush() {
    running = running || sendDue().finally(() => {
      running = null;
    });
    return running;
  }

  scope.GuideOutbox = { SYNC_TAG, add, all, remove, send, flush, nextDue };
})(self);
