/* The names of the messages between the pages and the service worker, declared once: the pages
import this module, and the worker includes it (frontend/worker_script.py). */

export const MESSAGES = Object.freeze({
  // A page asks, the worker answers on the port it was given.
  STATUS: "status", // what is saved; also the answer to SYNC, and broadcast on activation
  SYNC: "sync", // check the server for new guidance
  SEARCH_INDEX: "search-index", // every saved condition, to search with no connection
  PAGE_OPENED: "page-opened", // answered by PAGE: was this page updated since last read?
  PAGE: "page",
  LANGUAGES: "languages", // what each other language takes; answered as STATUS
  KEEP_LANGUAGE: "keep-language", // keep (or stop keeping) another language; answered as STATUS
  OUTBOX_FLUSH: "outbox-flush", // send what waits; answered, and broadcast, as OUTBOX
  OUTBOX: "outbox",
  SKIP_WAITING: "skip-waiting", // the reader accepted the new version
  ERROR: "error", // a question the worker could not answer
  // The worker tells every open page.
  UPDATED: "updated", // these saved pages changed
});
