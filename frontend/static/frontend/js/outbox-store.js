/* Where the outbox keeps what a reader sent: IndexedDB, which the pages and the service worker
both open (outbox.js says what is kept there and when it is sent). Also the sent log: what the
worker sent with no page open to say so (kind, condition, time: never what was written), which the
next page shows once. */

const DATABASE = "guide-outbox";
const STORE = "outbox";
const SENT_LOG = "sent-log";

function openDatabase() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 2);
    request.onupgradeneeded = () => {
      for (const name of [STORE, SENT_LOG]) {
        if (!request.result.objectStoreNames.contains(name)) {
          request.result.createObjectStore(name, { keyPath: "key" });
        }
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/* Run `action(store)` in one transaction; resolves once it is written, to the request's result. */
async function inStore(mode, action, name = STORE) {
  const database = await openDatabase();
  try {
    return await new Promise((resolve, reject) => {
      // "strict": what a reader wrote is on disk before they are told it is saved.
      const transaction = database.transaction(name, mode, { durability: "strict" });
      const request = action(transaction.objectStore(name));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    database.close();
  }
}

export const all = () => inStore("readonly", (store) => store.getAll());
export const put = (item) => inStore("readwrite", (store) => store.put(item));
export const remove = (key) => inStore("readwrite", (store) => store.delete(key));

/* Write `change(item)` over the stored item, unless the page or the worker removed it meanwhile
(sent, or dismissed by the reader): read and write in one transaction, never a stale copy. */
export function update(key, change) {
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

/* The sent log: what was sent with no page there to say so. */
export function noteSent(items) {
  return inStore(
    "readwrite",
    (store) => {
      let request;
      for (const item of items) {
        request = store.put({
          key: item.key,
          kind: item.kind,
          title: item.title || "",
          sentAt: Date.now(),
        });
      }
      return request || store.count();
    },
    SENT_LOG,
  );
}

/* Take entries out of the sent log, all of them or those with these keys; resolves to the
entries taken. Read and delete in one transaction, so each is shown by one page only. */
export async function takeSent(keys = null) {
  const taken = [];
  await inStore(
    "readwrite",
    (store) => {
      const request = store.getAll();
      request.onsuccess = () => {
        for (const entry of request.result) {
          if (!keys || keys.includes(entry.key)) {
            taken.push(entry);
            store.delete(entry.key);
          }
        }
      };
      return request;
    },
    SENT_LOG,
  );
  return taken.sort((a, b) => a.sentAt - b.sentAt);
}
