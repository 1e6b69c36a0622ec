/* The saved copy's search index, made once per version of the saved copy rather than on every
page: the worker names the version (the app's and each saved entry's revision); the index made
from it is kept in IndexedDB under the page's language, so a page opened later reads it back
instead of reading and stemming every entry again. The worker sends the entries only when the
page holds no index of its version. Without IndexedDB (some private windows) the index is made
from the entries, as before. */

import { MESSAGES } from "./messages.js";
import { buildIndex } from "./search-rank.js";
import { ask } from "./worker-client.js";

const DATABASE = "guide-search-index";
const STORE = "indexes";

function done(request) {
  return new Promise(function (resolve, reject) {
    request.onsuccess = function () { resolve(request.result); };
    request.onerror = function () { reject(request.error); };
  });
}

function openDatabase() {
  const opening = indexedDB.open(DATABASE, 1);
  opening.onupgradeneeded = function () {
    opening.result.createObjectStore(STORE);
  };
  return done(opening);
}

/* {version, index} kept for `language`, or null. */
async function kept(language) {
  try {
    const database = await openDatabase();
    const found = await done(database.transaction(STORE).objectStore(STORE).get(language));
    database.close();
    return found || null;
  } catch (error) {
    return null;
  }
}

async function keep(language, version, index) {
  try {
    const database = await openDatabase();
    const transaction = database.transaction(STORE, "readwrite");
    transaction.objectStore(STORE).put({ version, index }, language);
    await new Promise(function (resolve, reject) {
      transaction.oncomplete = resolve;
      transaction.onerror = function () { reject(transaction.error); };
    });
    database.close();
  } catch (error) {
    // Not kept: the next page makes it again.
  }
}

/* The index of the saved copy in `language`: resolves to it, or to null if the worker could
not give its entries. */
export async function savedIndex(language) {
  const held = await kept(language);
  const answer = await ask({
    type: MESSAGES.SEARCH_INDEX,
    language,
    have: held ? held.version : null,
  });
  if (answer.type !== MESSAGES.SEARCH_INDEX) {
    return null;
  }
  if (answer.unchanged && held) {
    return held.index;
  }
  if (!answer.conditions) {
    return null;
  }
  const index = buildIndex(answer.conditions, answer.names || [], language);
  await keep(language, answer.version, index);
  return index;
}
