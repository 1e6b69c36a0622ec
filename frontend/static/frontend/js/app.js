/* The patient app on top of ordinary pages: text size, offline copy, updates, offline search.
Every page works without this script; it only adds. */
(function () {
  "use strict";

  var serviceWorkerUrl = document.currentScript.dataset.serviceWorker;
  var TEXT_SIZES = 6; // 100% to 200%, see app.css
  var TEXT_SIZE_KEY = "guide-text-size";
  var CHECK_EVERY_MS = 60 * 1000; // the worker itself reads the server at most every few minutes
  var SEARCH_MAX_LENGTH = 200;

  function byId(id) {
    return document.getElementById(id);
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  /* Text size ------------------------------------------------------------------------------- */

  function currentTextSize() {
    return Number(document.documentElement.getAttribute("data-text-size") || 0);
  }

  function setTextSize(size) {
    size = Math.max(0, Math.min(TEXT_SIZES - 1, size));
    document.documentElement.setAttribute("data-text-size", String(size));
    try {
      localStorage.setItem(TEXT_SIZE_KEY, String(size));
    } catch (error) {
      // Not kept after this page, but still applied.
    }
    updateTextSizeButtons();
  }

  function updateTextSizeButtons() {
    var size = currentTextSize();
    document.querySelectorAll("[data-text-size]").forEach(function (button) {
      var limit = button.dataset.textSize === "smaller" ? 0 : TEXT_SIZES - 1;
      button.disabled = size === limit;
    });
  }

  function startTextSize() {
    var tools = byId("reader-tools");
    if (!tools) {
      return;
    }
    tools.hidden = false;
    tools.addEventListener("click", function (event) {
      var button = event.target.closest("[data-text-size]");
      if (button) {
        setTextSize(currentTextSize() + (button.dataset.textSize === "larger" ? 1 : -1));
      }
    });
    updateTextSizeButtons();
  }

  /* Notices ---------------------------------------------------------------------------------- */

  function showNotice(id, text, buttonText, onClick) {
    var existing = byId(id);
    if (existing) {
      existing.remove();
    }
    var children = [element("p", {}, [text])];
    if (buttonText) {
      var button = element("button", { type: "button" }, [buttonText]);
      button.addEventListener("click", onClick);
      children.push(button);
    }
    byId("notices").append(element("div", { id: id, class: "notice" }, children));
  }

  /* The offline copy ------------------------------------------------------------------------- */

  var ANSWER_TIMEOUT_MS = 30 * 1000;

  /* Ask the worker now in charge; resolves to its answer, or to {type: "error"} if none comes. */
  function ask(message) {
    var container = navigator.serviceWorker;
    return container.getRegistration().then(function (registration) {
      var worker = container.controller || (registration && registration.active);
      if (!worker) {
        return { type: "error", message: "No service worker is active." };
      }
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        var timer = window.setTimeout(function () {
          resolve({ type: "error", message: "The service worker did not answer." });
        }, ANSWER_TIMEOUT_MS);
        channel.port1.onmessage = function (event) {
          window.clearTimeout(timer);
          resolve(event.data);
        };
        worker.postMessage(message, [channel.port2]);
      });
    });
  }

  function sizeText(bytes) {
    if (bytes < 1024 * 1024) {
      return Math.max(1, Math.round(bytes / 1024)) + " KB";
    }
    return (bytes / (1024 * 1024)).toFixed(1) + " MB";
  }

  function timeText(timestamp) {
    return new Date(timestamp).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  }

  var persisted = null;

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
        ? "The guidance could not be saved on this phone this time. It is tried again next " +
          "time you open the app with a connection."
        : "Saving all guidance on this phone so you can read it with no connection…";
      return;
    }
    var pages = status.conditions === 1 ? "1 guidance page" : status.conditions + " guidance pages";
    var parts = [
      status.complete
        ? "All guidance is saved on this phone for reading with no connection: " + pages + ", " +
          sizeText(status.bytes) + "."
        : "Some guidance could not be saved yet (" + pages + ", " + sizeText(status.bytes) +
          " saved). The rest is saved next time you are online.",
    ];
    if (persisted === true) {
      parts.push("Your phone will keep it.");
    } else if (persisted === false) {
      parts.push("Your phone may remove it if space runs low.");
    }
    if (status.newVersion) {
      parts.push("A new version of the app is ready: choose Update now to read the newest guidance.");
    } else if (status.checkedAt) {
      parts.push("Last checked for new guidance at " + timeText(status.checkedAt) + ".");
    }
    text.textContent = parts.join(" ");
    box.dataset.saved = status.complete ? "all" : "some";
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
  var offeredWorker = null;

  function offerUpdate(worker) {
    offeredWorker = worker;
    showNotice("update-notice", "Update available: a new version of this app is ready.", "Update now",
      function () {
        reloadOnNewWorker = true;
        worker.postMessage({ type: "skip-waiting" });
      });
  }

  function withdrawUpdate() {
    offeredWorker = null;
    reloadOnNewWorker = false;
    var notice = byId("update-notice");
    if (notice) {
      notice.remove();
    }
  }

  /* Offer a new version once it is installed; withdraw the offer if it is replaced meanwhile. */
  function followNewWorker(worker) {
    var settle = function () {
      if (worker.state === "installed" && navigator.serviceWorker.controller) {
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
      showNotice("page-updated-notice", "This guidance was updated.", "Show the new version",
        function () {
          window.location.reload();
        });
    } else {
      showNotice("page-updated-notice", "This guidance was updated. You are reading the new version.");
    }
  }

  function checkResultText(status) {
    if (status.offline) {
      return "You are offline. The guidance saved on this phone is shown.";
    }
    if (status.serverError || !status.saved) {
      return "Could not check for new guidance just now. Please try again later.";
    }
    if (status.newVersion) {
      return "A new version of the app is ready: choose Update now to read the newest guidance.";
    }
    var updated = status.updatedConditions;
    if (updated) {
      return updated === 1 ? "1 guidance page was updated." : updated + " guidance pages were updated.";
    }
    return "The guidance on this phone is up to date.";
  }

  /* Check for new guidance; a check the reader asked for says what it found. */
  function check(registration, force) {
    var box = byId("offline-box");
    if (force) {
      box.dataset.forcedCheck = "running";
      byId("check-result").textContent = "Checking for new guidance…";
    }
    return ask({ type: "sync", force: force }).then(function (answer) {
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
    });
  }

  function startOfflineApp() {
    if (!("serviceWorker" in navigator) || !serviceWorkerUrl) {
      return;
    }
    var container = navigator.serviceWorker;
    if (!container.controller) {
      showStatus({ saved: false });
    }
    container.addEventListener("controllerchange", function () {
      if (reloadOnNewWorker) {
        window.location.reload();
      }
    });
    container.addEventListener("message", function (event) {
      var message = event.data || {};
      if (message.type === "status") {
        showStatusAndKeep(message.status);
      } else if (message.type === "updated" && message.urls.indexOf(window.location.pathname) !== -1) {
        showPageUpdated(true);
      }
    });
    container.register(serviceWorkerUrl, { scope: "/" }).then(function (registration) {
      watchForUpdates(registration);
      return container.ready.then(function () {
        ask({ type: "page-opened", url: window.location.pathname }).then(function (page) {
          if (page.updated) {
            showPageUpdated(false);
          }
        });
        ask({ type: "status" }).then(function (answer) {
          if (answer.status) {
            showStatusAndKeep(answer.status);
          }
          return check(registration, false);
        });
        byId("check-for-updates").addEventListener("click", function () {
          check(registration, true);
          registration.update().catch(function () {});
        });
        window.addEventListener("online", function () {
          check(registration, false);
        });
        window.setInterval(function () {
          check(registration, false);
        }, CHECK_EVERY_MS);
      });
    }).catch(function () {
      // No worker (blocked by the browser, say): the pages still work online.
      byId("offline-box").hidden = true;
    });
  }

  /* Search in the saved copy ----------------------------------------------------------------- */

  function textOf(html) {
    return new DOMParser().parseFromString(html || "", "text/html").body.textContent || "";
  }

  function searchableText(condition) {
    var parts = [condition.title, condition.question, condition.summary, textOf(condition.lead_html)];
    (condition.also_called || []).forEach(function (name) {
      parts.push(name);
    });
    (condition.related || []).forEach(function (link) {
      parts.push(link.title);
    });
    (condition.sections || []).forEach(function (section) {
      parts.push(section.heading, textOf(section.html));
    });
    return parts.join(" ").toLowerCase();
  }

  function firstWords(text, count) {
    var words = text.trim().split(/\s+/);
    return words.length > count ? words.slice(0, count).join(" ") + " …" : words.join(" ");
  }

  function resultCard(condition) {
    var children = [
      element("h2", { class: "card-title" }, [
        element("a", { href: condition.page_url }, [condition.title]),
      ]),
    ];
    if (condition.also_called && condition.also_called.length) {
      children.push(element("p", { class: "also-called" }, [
        "Also called: " + condition.also_called.join(", "),
      ]));
    }
    if (condition.question) {
      children.push(element("p", { class: "card-question" }, [condition.question]));
    }
    children.push(element("p", { class: "card-lead" }, [
      condition.summary || firstWords(textOf(condition.lead_html), 40),
    ]));
    return element("li", { class: "card" }, children);
  }

  function showResults(container, query, conditions) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var found = conditions.filter(function (condition) {
      var text = searchableText(condition);
      return words.every(function (word) {
        return text.indexOf(word) !== -1;
      });
    }).sort(function (a, b) {
      return a.title.localeCompare(b.title);
    });
    var summary = found.length
      ? found.length + " result" + (found.length === 1 ? "" : "s") + " for “" + query + "”."
      : "Nothing found for “" + query + "”. Try another word, such as a symptom.";
    var children = [element("p", { role: "status" }, [summary])];
    if (found.length) {
      children.push(element("ul", { class: "cards" }, found.map(resultCard)));
    }
    container.replaceChildren.apply(container, children);
    container.dataset.query = query;
  }

  function searchSaved(container, query) {
    query = query.trim();
    if (!query) {
      container.replaceChildren();
      return;
    }
    if (query.length > SEARCH_MAX_LENGTH) {
      container.replaceChildren(element("p", { class: "form-error", role: "alert" }, [
        "Please search for at most " + SEARCH_MAX_LENGTH + " characters.",
      ]));
      return;
    }
    ask({ type: "search-index" }).then(function (answer) {
      if (answer.conditions) {
        showResults(container, query, answer.conditions);
      } else {
        container.replaceChildren(element("p", { class: "form-error", role: "alert" }, [
          "The saved guidance could not be searched just now. Please try again.",
        ]));
      }
    });
  }

  function startOfflineSearch() {
    var container = byId("search-results");
    var form = document.querySelector(".search-page .search-form");
    if (!container || !form || !navigator.serviceWorker || !navigator.serviceWorker.controller) {
      return;
    }
    var input = form.querySelector("input[name=q]");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    // A saved copy of the search page arrives without results; find them in the saved guidance.
    if (query && container.dataset.query !== query) {
      input.value = query;
      searchSaved(container, query);
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value.trim());
      window.history.replaceState(null, "", url);
      searchSaved(container, input.value);
    });
  }

  /* The question form ------------------------------------------------------------------------ */

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  function startQuestionForm() {
    var form = document.querySelector("form.question-form");
    if (!form) {
      return;
    }
    var condition = form.querySelector("select[name=condition]");
    var chosen = new URLSearchParams(window.location.search).get("condition");
    // A saved copy of this page does not know which guidance the reader came from.
    if (condition && chosen && !condition.value) {
      condition.value = chosen;
    }
    form.addEventListener("submit", function (event) {
      if (navigator.onLine === false) {
        event.preventDefault();
        showNotice("offline-form-notice",
          "You are offline, so your question was not sent. It is still here: " +
          "send it again when you are back online.");
        byId("offline-form-notice").scrollIntoView();
        return;
      }
      // A saved copy of this form may carry an outdated token; the cookie holds the current one.
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      if (token && cookie("csrftoken")) {
        token.value = cookie("csrftoken");
      }
    });
  }

  startTextSize();
  startOfflineApp();
  startOfflineSearch();
  startQuestionForm();
})();
