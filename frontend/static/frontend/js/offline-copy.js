/* The offline copy: registering the service worker, saying what is saved on this phone, checking
for new guidance, and offering a new version of the app once it is ready. */

import { byId } from "./dom.js";
import { dateLanguage, gettext, interpolate, ngettext, pageLanguage, sizeText } from "./i18n.js";
import { MESSAGES } from "./messages.js";
import { languageChosen, showLanguages, startOfflineLanguages } from "./offline-languages.js";
import { removeNotice, showNotice } from "./notices.js";
import { tryAfterReconnecting } from "./reconnect.js";
import { ask, serviceWorkerUrl } from "./worker-client.js";

var CHECK_EVERY_MS = 60 * 1000; // the worker itself reads the server at most every few minutes

function timeText(timestamp) {
  return new Date(timestamp).toLocaleTimeString(dateLanguage(), { hour: "2-digit", minute: "2-digit" });
}

var persisted = null;

var NEW_VERSION = function () {
  return gettext("A new version of the app is ready: choose Update now to read the newest guidance.");
};

function askToKeepStorage() {
  if (persisted !== null || !navigator.storage || !navigator.storage.persist) {
    return Promise.resolve(persisted);
  }
  return navigator.storage.persisted().then(function (already) {
    return already || navigator.storage.persist();
  }).then(function (granted) {
    persisted = granted;
    return granted;
  });
}

function showStatus(status) {
  var box = byId("offline-box");
  var text = byId("offline-status");
  if (!box || !text) {
    return;
  }
  box.hidden = false;
  delete box.dataset.saved;
  if (!status.saved) {
    text.textContent = status.failed
      ? gettext("The guidance could not be saved on this phone this time. It is tried again next time you open the app with a connection.")
      : gettext("Saving all guidance on this phone so you can read it with no connection…");
    return;
  }
  var saved = {
    pages: interpolate(ngettext("%(count)s guidance page", "%(count)s guidance pages",
      status.conditions), { count: status.conditions }),
    size: sizeText(status.bytes),
  };
  var parts = [
    interpolate(status.complete
      ? gettext("All guidance is saved on this phone for reading with no connection: %(pages)s, %(size)s.")
      : gettext("Some guidance could not be saved yet (%(pages)s, %(size)s saved). The rest is saved next time you are online."),
    saved),
  ];
  if (persisted === true) {
    parts.push(gettext("Your phone will keep it."));
  } else if (persisted === false) {
    parts.push(gettext("Your phone may remove it if space runs low."));
  }
  if (status.newVersion) {
    parts.push(NEW_VERSION());
  } else if (status.checkedAt) {
    parts.push(interpolate(gettext("Last checked for new guidance at %(time)s."),
      { time: timeText(status.checkedAt) }));
  }
  text.textContent = parts.join(" ");
  box.dataset.saved = status.complete ? "all" : "some";
  showLanguages(status);
}

function showStatusAndKeep(status) {
  showStatus(status);
  if (status.saved) {
    askToKeepStorage().then(function () {
      showStatus(status);
    });
  }
}

var reloadOnNewWorker = false;
var switchingLanguage = false; // registering the worker of a language the reader chose
var offeredWorker = null;

function offerUpdate(worker) {
  offeredWorker = worker;
  showNotice("update-notice", gettext("Update available: a new version of this app is ready."),
    gettext("Update now"),
    function () {
      reloadOnNewWorker = true;
      worker.postMessage({ type: MESSAGES.SKIP_WAITING });
    });
}

function withdrawUpdate() {
  offeredWorker = null;
  reloadOnNewWorker = false;
  removeNotice("update-notice");
}

/* Offer a new version once it is installed; withdraw the offer if it is replaced meanwhile. */
function followNewWorker(worker) {
  var settle = function () {
    if (worker.state === "installed" && switchingLanguage) {
      // The reader chose this language: its worker takes over at once, with no offer.
      worker.postMessage({ type: MESSAGES.SKIP_WAITING });
    } else if (worker.state === "installed" && navigator.serviceWorker.controller) {
      offerUpdate(worker);
    } else if (worker.state === "redundant") {
      // The version offered was replaced before the reader chose it, or saving failed.
      if (worker === offeredWorker) {
        withdrawUpdate();
      } else if (!navigator.serviceWorker.controller) {
        showStatus({ saved: false, failed: true });
      }
    }
  };
  worker.addEventListener("statechange", settle);
  settle();
}

function watchForUpdates(registration) {
  [registration.installing, registration.waiting].forEach(function (worker) {
    if (worker) {
      followNewWorker(worker);
    }
  });
  registration.addEventListener("updatefound", function () {
    followNewWorker(registration.installing);
  });
}

function showPageUpdated(reloadable) {
  if (reloadable) {
    showNotice("page-updated-notice", gettext("This guidance was updated."),
      gettext("Show the new version"),
      function () {
        window.location.reload();
      });
  } else {
    showNotice("page-updated-notice",
      gettext("This guidance was updated. You are reading the new version."));
  }
}

function checkResultText(status) {
  if (status.offline) {
    return gettext("You are offline. The guidance saved on this phone is shown.");
  }
  if (status.serverError || !status.saved) {
    return gettext("Could not check for new guidance just now. Please try again later.");
  }
  if (status.newVersion) {
    return NEW_VERSION();
  }
  var updated = status.updatedConditions;
  if (updated) {
    return interpolate(ngettext("%(count)s guidance page was updated.",
      "%(count)s guidance pages were updated.", updated), { count: updated });
  }
  return gettext("The guidance on this phone is up to date.");
}

/* Check for new guidance; a check the reader asked for says what it found. */
function check(registration, force, offlineSince) {
  var box = byId("offline-box");
  if (force) {
    box.dataset.forcedCheck = "running";
    byId("check-result").textContent = gettext("Checking for new guidance…");
  }
  var question = { type: MESSAGES.SYNC, force: force, offlineSince: offlineSince,
    language: pageLanguage() };
  return ask(question).then(function (answer) {
    var status = answer.status || { saved: false, serverError: true };
    if (answer.status) {
      showStatusAndKeep(status);
    }
    if (status.newVersion) {
      registration.update().catch(function () {});
    }
    if (force) {
      byId("check-result").textContent = checkResultText(status);
      box.dataset.forcedCheck = "done";
    }
    return status;
  });
}

function listenToWorker(container) {
  container.addEventListener("controllerchange", function () {
    if (reloadOnNewWorker) {
      window.location.reload();
    }
  });
  container.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === MESSAGES.STATUS) {
      if (message.chosen) {
        languageChosen(message.chosen, message.status);
      }
      showStatusAndKeep(message.status);
    } else if (message.type === MESSAGES.UPDATED &&
        message.urls.indexOf(window.location.pathname) !== -1) {
      showPageUpdated(true);
    }
  });
}

function startChecking(registration) {
  ask({ type: MESSAGES.PAGE_OPENED, url: window.location.pathname }).then(function (page) {
    if (page.updated) {
      showPageUpdated(false);
    }
  });
  ask({ type: MESSAGES.STATUS }).then(function (answer) {
    if (answer.status) {
      showStatusAndKeep(answer.status);
    }
    startOfflineLanguages();
    return check(registration, false);
  });
  byId("check-for-updates").addEventListener("click", function () {
    check(registration, true);
    registration.update().catch(function () {});
  });
  // Back online after a time without: check at once, not when the interval is up.
  var offlineSince = navigator.onLine === false ? Date.now() : null;
  window.addEventListener("offline", function () {
    offlineSince = offlineSince || Date.now();
  });
  window.addEventListener("online", function () {
    var since = offlineSince;
    offlineSince = null;
    tryAfterReconnecting(function () {
      return check(registration, false, since).then(function (status) {
        return Boolean(status.offline);
      });
    });
  });
  window.setInterval(function () {
    check(registration, false);
  }, CHECK_EVERY_MS);
}

/* The worker to register (README: offline, per language): the one installed keeps its language,
the reader's, when a page in another language is opened; a language the reader chose (the
switch, the offer) is the reader's from then on, and its page (`url`) registers its worker. */
function workerFor(active, url) {
  if (!active) {
    return url;
  }
  var chosen = null;
  try {
    chosen = localStorage.getItem("guide-language");
  } catch (error) {
    // Storage blocked: no choice remembered.
  }
  return chosen && chosen === pageLanguage() ? url : active.scriptURL;
}

export function startOfflineApp() {
  var url = serviceWorkerUrl();
  if (!("serviceWorker" in navigator) || !url) {
    return;
  }
  var container = navigator.serviceWorker;
  if (!container.controller) {
    showStatus({ saved: false });
  }
  listenToWorker(container);
  container.getRegistration("/").then(function (existing) {
    var script = workerFor(existing && existing.active, url);
    switchingLanguage = script === url && Boolean(existing && existing.active) &&
      existing.active.scriptURL !== new URL(url, window.location.href).href;
    return container.register(script, { scope: "/" }).catch(function (error) {
      if (switchingLanguage) {
        // No connection for the chosen language's worker: the one installed goes on serving,
        // and the next page opened online tries again.
        switchingLanguage = false;
        return existing;
      }
      throw error;
    });
  }).then(function (registration) {
    watchForUpdates(registration);
    return container.ready.then(function () {
      startChecking(registration);
    });
  }).catch(function () {
    // No worker (blocked by the browser, say): the pages still work online.
    byId("offline-box").hidden = true;
  });
}
