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
  function check(registration, force, offlineSince) {
    var box = byId("offline-box");
    if (force) {
      box.dataset.forcedCheck = "running";
      byId("check-result").textContent = "Checking for new guidance…";
    }
    return ask({ type: "sync", force: force, offlineSince: offlineSince }).then(function (answer) {
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

  var RECONNECT_CHECKS = 3;
  var RECONNECT_PAUSE_MS = 3000;

  /* The online event can come before the connection carries anything (the worker may not see it
  yet, a radio is still waking): a check that finds none is tried again shortly. */
  function checkAfterReconnecting(registration, offlineSince, checksLeft) {
    check(registration, false, offlineSince).then(function (status) {
      if (status.offline && checksLeft > 1 && navigator.onLine !== false) {
        window.setTimeout(function () {
          checkAfterReconnecting(registration, offlineSince, checksLeft - 1);
        }, RECONNECT_PAUSE_MS);
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
        // Back online after a time without: check at once, not when the interval is up.
        var offlineSince = navigator.onLine === false ? Date.now() : null;
        window.addEventListener("offline", function () {
          offlineSince = offlineSince || Date.now();
        });
        window.addEventListener("online", function () {
          checkAfterReconnecting(registration, offlineSince, RECONNECT_CHECKS);
          offlineSince = null;
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

  /* Writing to the team: questions, feedback, comments ---------------------------------------- */

  var outbox = window.GuideOutbox;
  var texts = window.GuideOutboxTexts;
  var BOOLEAN_ANSWERS = { yes: true, no: false };

  function hasWorker() {
    return "serviceWorker" in navigator && Boolean(navigator.serviceWorker.controller);
  }

  /* What the form holds, as the JSON API takes it. */
  function submissionBody(form, submitter) {
    var body = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "idempotency_key") {
        body[name] = value;
      }
    });
    if (submitter && submitter.name) {
      body[submitter.name] = submitter.value;
    }
    if (form.dataset.condition) {
      body.condition = form.dataset.condition;
    }
    if (form.dataset.submission === "question") {
      body.consent = Boolean(form.elements.consent && form.elements.consent.checked);
    }
    if (body.helpful in BOOLEAN_ANSWERS) {
      body.helpful = BOOLEAN_ANSWERS[body.helpful];
    }
    return body;
  }

  function clearErrors(form) {
    var summary = form.previousElementSibling;
    if (summary && summary.classList.contains("error-summary")) {
      summary.remove();
    }
    form.querySelectorAll(".form-error").forEach(function (node) {
      node.remove();
    });
    form.querySelectorAll(".field-invalid").forEach(function (node) {
      node.classList.remove("field-invalid");
    });
  }

  function errorText(messages) {
    return Array.isArray(messages) ? messages.join(" ") : String(messages);
  }

  /* The server's refusal shown the way the server's own form pages show it. */
  function showErrors(form, errors) {
    clearErrors(form);
    var items = [];
    Object.keys(errors).forEach(function (name) {
      var field = name === "detail" ? null : form.elements[name];
      var text = errorText(errors[name]);
      if (field && field.id && field.type !== "hidden") {
        var wrapper = field.closest(".field");
        if (wrapper) {
          wrapper.classList.add("field-invalid");
          wrapper.append(element("p", { class: "form-error", id: field.id + "_error" }, [text]));
        }
        items.push(element("li", {}, [element("a", { href: "#" + field.id }, [text])]));
      } else {
        items.push(element("li", {}, [text]));
      }
    });
    var summary = element("div", { class: "error-summary", role: "alert", tabindex: "-1" }, [
      element("h2", {}, ["Please check what you wrote"]),
      element("ul", {}, items),
    ]);
    form.before(summary);
    summary.focus();
  }

  function showFormResult(form, text, done) {
    var result = form.parentElement.querySelector(".form-result");
    if (!result) {
      result = element("p", { class: "form-result", role: "status", tabindex: "-1" });
      form.after(result);
    }
    result.textContent = text;
    if (done) {
      form.reset();
      clearErrors(form);
    }
    result.focus();
  }

  function askForBackgroundSync() {
    if (!("serviceWorker" in navigator)) {
      return;
    }
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) {
        return registration.sync.register(outbox.SYNC_TAG);
      }
    }).catch(function () {
      // No Background Sync: the app sends on the `online` event and when it next starts.
    });
  }

  /* The condition it is about, as the reader knows it, or "". */
  function conditionTitle(form) {
    var select = form.querySelector("select[name=condition]");
    if (select) {
      return select.value ? select.selectedOptions[0].text : "";
    }
    return form.dataset.condition ? form.dataset.label : "";
  }

  function setSending(form, sending) {
    // A second tap while sending (or Yes, then No) would only send a second message.
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.disabled = sending;
    });
  }

  /* Send as an ordinary form: when the outbox cannot keep the message (a private window). */
  function submitPlainly(form, submitter) {
    if (submitter && submitter.name) {
      form.append(element("input", { type: "hidden", name: submitter.name, value: submitter.value }));
    }
    form.submit();
  }

  function submitThroughOutbox(form, submitter) {
    // A form marked data-once (Yes or No) is sent once per page view: it stays disabled after.
    var finished = false;
    setSending(form, true);
    outbox.add({
      kind: form.dataset.submission,
      url: form.dataset.api,
      body: submissionBody(form, submitter),
      label: form.dataset.label || document.title,
      title: conditionTitle(form),
      page: window.location.pathname,
    }).then(function (item) {
      var sending = navigator.onLine === false
        ? Promise.resolve({ outcome: "offline", item: item })
        : outbox.send(item);
      return sending.then(function (result) {
        if (result.outcome === "failed") {
          // The reader is here to correct it: the text stays in the form, not in the outbox.
          outbox.remove(result.item.key);
          showErrors(form, result.item.errors);
          return;
        }
        finished = "once" in form.dataset;
        if (result.outcome === "sent") {
          showFormResult(form, result.receipt.message, true);
        } else {
          showFormResult(form, texts.saved(result.outcome), true);
          askForBackgroundSync();
          scheduleRetry();
          showWaiting();
        }
      });
    }, function () {
      submitPlainly(form, submitter);
    }).finally(function () {
      setSending(form, finished);
    });
  }

  function startSubmissionForms() {
    var forms = document.querySelectorAll("form[data-submission]");
    var question = document.querySelector("form.question-form select[name=condition]");
    var chosen = new URLSearchParams(window.location.search).get("condition");
    // A saved copy of the question page does not know which guidance the reader came from.
    if (question && chosen && !question.value) {
      question.value = chosen;
    }
    if (!outbox || !window.indexedDB) {
      return; // the forms still work as ordinary forms
    }
    forms.forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        submitThroughOutbox(form, event.submitter);
      });
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
    showNotice(id, "Your " + item.kind + " from “" + item.label +
      "” could not be sent: " + problems.join(" ") + " What you wrote: “" + written.join(" / ") +
      "”", "Dismiss", function () {
      outbox.remove(item.key).then(function () {
        byId(id).remove();
      });
    });
  }

  function showOutboxResult(result) {
    if (result.sent && result.sent.length) {
      showNotice("outbox-sent", texts.sent(result.sent));
      // Said here, so not again as sent while the reader was away.
      outbox.takeSent(result.sent.map(function (item) {
        return item.key;
      })).catch(function () {});
    }
    (result.failed || []).forEach(showFailed);
  }

  function showWaiting() {
    return outbox.all().then(function (items) {
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
      showNotice("outbox-waiting", text, "Send now", function () {
        flushOutbox({ now: true });
      });
    });
  }

  var retryTimer = null;

  /* While the app is open, send a message the server could not take yet once it is due. */
  function scheduleRetry() {
    outbox.nextDue().then(function (due) {
      window.clearTimeout(retryTimer);
      if (due !== null) {
        retryTimer = window.setTimeout(flushOutbox, due - Date.now() + 250);
      }
    });
  }

  function flushFromPage(now) {
    return outbox.flush({ now: now }).then(showOutboxResult);
  }

  /* Send what waits in the outbox: through the worker when there is one (so a page and the
  worker do not both send), otherwise, or if the worker does not answer, from the page.
  `now`: the connection is back, the app starts or the reader asked, so try without waiting. */
  function flushOutbox(options) {
    var now = Boolean(options && options.now);
    var flushing = hasWorker()
      ? ask({ type: "outbox-flush", now: now }).then(function (answer) {
        return answer.type === "error" ? flushFromPage(now) : answer;
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

  function startOutbox() {
    if (!outbox || !window.indexedDB) {
      return;
    }
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.addEventListener("message", function (event) {
        if (event.data && event.data.type === "outbox") {
          showOutboxResult(event.data);
          showWaiting();
        }
      });
    }
    window.addEventListener("online", function () {
      flushOutbox({ now: true });
    });
    showSentWhileAway().then(function () {
      return flushOutbox({ now: true });
    });
  }

  /* What the worker sent with no page open to say so, said once by the next page. */
  function showSentWhileAway() {
    return outbox.takeSent().then(function (entries) {
      if (entries.length) {
        showNotice("outbox-sent-away", texts.sentWhileAway(entries));
      }
    }).catch(function () {
      // IndexedDB unavailable: nothing was noted in it either.
    });
  }

  startTextSize();
  startOfflineApp();
  startOfflineSearch();
  startSubmissionForms();
  startOutbox();
})();
