/* Guidance in other languages on this phone (README: offline, per language): under "Reading with
no connection", a toggle button per language other than the reader's own, "Also keep English
guidance on this phone", with the space it takes before and after choosing. The worker keeps the
choice in its state on the phone, fetches or deletes that language's pages and search entries,
and keeps the copy up to date by its own deltas. */

import { byId, element } from "./dom.js";
import { gettext, interpolate, languageName, ngettext, sizeText } from "./i18n.js";
import { MESSAGES } from "./messages.js";
import { ask } from "./worker-client.js";

var rows = {}; // language: {box, button, note}
var busy = {}; // language: "keep" or "drop" while the worker is at it
var outcome = {}; // language: what the reader's last choice came to, until the next one

function row(code) {
  if (rows[code]) {
    return rows[code];
  }
  var note = element("p", { class: "offline-language-note", id: "offline-language-" + code });
  var button = element("button", {
    type: "button",
    class: "button-secondary",
    "aria-pressed": "false",
    "aria-describedby": note.id,
    "data-keep-language": code,
  }, [interpolate(gettext("Also keep %(language)s guidance on this phone"),
    { language: languageName(code) })]);
  button.addEventListener("click", function () {
    choose(code, button.getAttribute("aria-pressed") !== "true");
  });
  var box = element("div", { class: "offline-language", "data-language": code }, [button, note]);
  byId("check-for-updates").before(box);
  rows[code] = { box: box, button: button, note: note };
  return rows[code];
}

function keptText(entry, names) {
  var values = {
    language: names,
    pages: interpolate(ngettext("%(count)s guidance page", "%(count)s guidance pages",
      entry.conditions), { count: entry.conditions }),
    size: sizeText(entry.bytes),
  };
  return interpolate(entry.complete
    ? gettext("%(language)s guidance is kept on this phone: %(pages)s, %(size)s.")
    : gettext("Some %(language)s guidance could not be saved yet (%(pages)s, %(size)s saved). The rest is saved next time you are online."),
  values);
}

function notKeptText(entry, names) {
  var parts = [];
  var last = outcome[entry.language];
  if (last && last.freed) {
    parts.push(interpolate(gettext("Removed: %(size)s freed on this phone."),
      { size: sizeText(last.freed) }));
  } else if (last && last.offline) {
    parts.push(interpolate(gettext("You are offline: %(language)s guidance can be saved once you are online."),
      { language: names }));
  } else if (last) {
    parts.push(interpolate(gettext("Could not save %(language)s guidance just now. Please try again later."),
      { language: names }));
  }
  parts.push(entry.bytes === null
    ? gettext("The space it takes is shown when you are online.")
    : interpolate(gettext("Keeping it takes %(size)s on this phone."),
      { size: sizeText(entry.bytes) }));
  return parts.join(" ");
}

function show(entry) {
  var parts = row(entry.language);
  var names = languageName(entry.language);
  var doing = busy[entry.language];
  parts.button.setAttribute("aria-pressed", String(doing ? doing === "keep" : entry.kept));
  parts.box.dataset.kept = doing ? "busy" : entry.kept ? "yes" : "no";
  if (doing) {
    parts.note.textContent = interpolate(doing === "keep"
      ? gettext("Saving %(language)s guidance on this phone…")
      : gettext("Removing %(language)s guidance from this phone…"), { language: names });
  } else {
    parts.note.textContent = entry.kept ? keptText(entry, names) : notKeptText(entry, names);
  }
}

/* What the worker says of the other languages (its status's `languages`). */
export function showLanguages(status) {
  var listed = (status.languages || []).map(function (entry) {
    return entry.language;
  });
  Object.keys(rows).forEach(function (code) {
    if (status.languages && listed.indexOf(code) === -1) {
      rows[code].box.remove(); // now the reader's own language (README: offline, per language)
      delete rows[code];
    }
  });
  (status.languages || []).forEach(function (entry) {
    show(entry);
    var problem = (status.languageProblems || {})[entry.language];
    if (problem && entry.kept && !busy[entry.language]) {
      rows[entry.language].note.append(" ", interpolate(
        gettext("Could not check for new %(language)s guidance just now."),
        { language: languageName(entry.language) }));
    }
  });
}

/* What the worker's answer to a choice comes to: null while it is still at it (it did not answer
in time; it tells every page when done), else what the reader is told of it, if anything. */
export function choiceOutcome(answer, keep) {
  if (answer.timedOut) {
    return null;
  }
  var status = answer.status || {};
  var outcome = {
    freed: status.freed,
    offline: status.offline,
    failed: keep && !status.offline && Boolean(status.serverError || status.newVersion || !status.languages),
  };
  return outcome.freed || outcome.offline || outcome.failed ? outcome : {};
}

function finish(code, keep, answer) {
  var after = choiceOutcome(answer, keep);
  if (!after || busy[code] !== (keep ? "keep" : "drop")) {
    return; // still under way, or done already
  }
  delete busy[code];
  if (after.freed || after.offline || after.failed) {
    outcome[code] = after;
  }
  var status = answer.status || {};
  if (status.languages) {
    showLanguages(status);
  } else {
    show({ language: code, kept: !keep, bytes: null });
  }
}

/* The worker has done what a page chose (this one, or another, or after this one gave up). */
export function languageChosen(chosen, status) {
  finish(chosen.language, chosen.keep, { status: status });
}

function choose(code, keep) {
  if (busy[code]) {
    return; // one choice at a time; the button says what is under way
  }
  busy[code] = keep ? "keep" : "drop";
  delete outcome[code];
  show({ language: code, kept: !keep, bytes: null });
  ask({ type: MESSAGES.KEEP_LANGUAGE, language: code, keep: keep }).then(function (answer) {
    finish(code, keep, answer);
  });
}

/* Ask the worker for each language's size (it reads their manifests when online). */
export function startOfflineLanguages() {
  ask({ type: MESSAGES.LANGUAGES }).then(function (answer) {
    if (answer.status) {
      showLanguages(answer.status);
    }
  });
}
