/* The outbox as the reader sees it: what waits on this phone, what was sent (also while they were
away), what could not be sent. Sent through the worker when there is one, so that a page and the
worker do not both send; otherwise, or if the worker does not answer, from the page. */

import { byId } from "./dom.js";
import { gettext, interpolate } from "./i18n.js";
import { MESSAGES } from "./messages.js";
import { showNotice } from "./notices.js";
import { SYNC_TAG, flush, nextDue } from "./outbox.js";
import { all, remove, takeSent } from "./outbox-store.js";
import * as texts from "./outbox-texts.js";
import { tryAfterReconnecting } from "./reconnect.js";
import { ask, hasWorker } from "./worker-client.js";

export function errorText(messages) {
  // The server answers in the page's language; the outbox's own words are translated here.
  return (Array.isArray(messages) ? messages : [String(messages)]).map(gettext).join(" ");
}

export function askForBackgroundSync() {
  if (!("serviceWorker" in navigator)) {
    return;
  }
  navigator.serviceWorker.ready.then(function (registration) {
    if (registration.sync) {
      return registration.sync.register(SYNC_TAG);
    }
  }).catch(function () {
    // No Background Sync: the app sends on the `online` event and when it next starts.
  });
}

function showFailed(item) {
  var id = "outbox-failed-" + item.key;
  var problems = Object.keys(item.errors || {}).map(function (name) {
    return errorText(item.errors[name]);
  });
  var written = Object.keys(item.body).filter(function (name) {
    // Never the email address: a shared phone shows this to whoever picks it up next.
    return typeof item.body[name] === "string" && item.body[name] &&
      ["condition", "website", "email"].indexOf(name) === -1;
  }).map(function (name) {
    return item.body[name];
  });
  showNotice(id, interpolate(
    gettext("%(kind)s from “%(label)s” could not be sent: %(problems)s What you wrote: “%(text)s”"),
    {
      kind: texts.kindText(item.kind).replace(/^./, (first) => first.toUpperCase()),
      label: item.label,
      problems: problems.join(" "),
      text: written.join(" / "),
    },
  ), gettext("Dismiss"), function () {
    remove(item.key).then(function () {
      byId(id).remove();
    });
  });
}

function showOutboxResult(result) {
  if (result.sent && result.sent.length) {
    showNotice("outbox-sent", texts.sent(result.sent));
    // Said here, so not again as sent while the reader was away.
    takeSent(result.sent.map(function (item) {
      return item.key;
    })).catch(function () {});
  }
  (result.failed || []).forEach(showFailed);
}

export function showWaiting() {
  return all().then(function (items) {
    items.filter(function (item) {
      return item.state === "failed";
    }).forEach(showFailed);
    var waiting = items.filter(function (item) {
      return item.state === "waiting";
    });
    var notice = byId("outbox-waiting");
    if (!waiting.length) {
      if (notice) {
        notice.remove();
      }
      return;
    }
    var text = texts.waiting(waiting, navigator.onLine !== false);
    if (notice && notice.firstChild.textContent === text) {
      return; // unchanged: not read out again
    }
    showNotice("outbox-waiting", text, gettext("Send now"), function () {
      flushOutbox({ now: true });
    });
  });
}

var retryTimer = null;

/* While the app is open, send a message the server could not take yet once it is due. */
export function scheduleRetry() {
  nextDue().then(function (due) {
    window.clearTimeout(retryTimer);
    if (due !== null) {
      retryTimer = window.setTimeout(flushOutbox, due - Date.now() + 250);
    }
  });
}

function flushFromPage(now) {
  return flush({ now: now }).then(showOutboxResult);
}

/* Send what waits in the outbox. `now`: the connection is back, the app starts or the reader
asked, so try without waiting. */
function flushOutbox(options) {
  var now = Boolean(options && options.now);
  var flushing = hasWorker()
    ? ask({ type: MESSAGES.OUTBOX_FLUSH, now: now }).then(function (answer) {
      return answer.type === MESSAGES.ERROR ? flushFromPage(now) : answer;
    })
    : flushFromPage(now);
  return flushing
    .then(showWaiting)
    .then(scheduleRetry)
    .catch(function () {
      // IndexedDB unavailable: nothing can be waiting in it.
    })
    .then(function () {
      document.documentElement.dataset.outboxChecked = "yes";
    });
}

/* What the worker sent with no page open to say so, said once by the next page. */
function showSentWhileAway() {
  return takeSent().then(function (entries) {
    if (entries.length) {
      showNotice("outbox-sent-away", texts.sentWhileAway(entries));
    }
  }).catch(function () {
    // IndexedDB unavailable: nothing was noted in it either.
  });
}

export function startOutbox() {
  if (!window.indexedDB) {
    return;
  }
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === MESSAGES.OUTBOX) {
        showOutboxResult(event.data);
        showWaiting();
      }
    });
  }
  window.addEventListener("online", function () {
    tryAfterReconnecting(function () {
      return flushOutbox({ now: true }).then(all).then(function (items) {
        return items.some(function (item) {
          return item.state === "waiting" &&
            (item.problem === "offline" || item.problem === "unreachable");
        });
      }).catch(function () {
        return false;
      });
    });
  });
  showSentWhileAway().then(function () {
    return flushOutbox({ now: true });
  });
}
