/* Search as you type: a short pause after the reader's last key, the server's best results
appear under the search box, each a large target linked to its page or section; with no
connection, the installed app's from its saved copy, by the same rules (offline-search.js).
Without this module the form works as it always does: pressing Search opens the search page. */

import { element } from "./dom.js";
import { pageLanguage } from "./i18n.js";
import { appInstalled, resultUrl, searchSavedCopy } from "./offline-search.js";
import {
  PAUSE_MS,
  countText,
  newestOnly,
  offlineText,
  resultHref,
  searchUrl,
  sentenceParts,
} from "./search-as-you-type-text.js";

var SHOWN = 8; // a phone's screen of them; the search page has the rest

/* A result of the server's API, or of the saved copy's search, as {title, href, parts}. */
function fromServer(result) {
  return { title: result.title, href: resultHref(result), parts: sentenceParts(result.sentence_html) };
}

function fromSavedCopy(result) {
  var parts = result.match ? result.match.parts : [];
  return { title: result.entry.title, href: resultUrl(result), parts: parts };
}

function resultItem(result) {
  var nodes = result.parts.map(function (part) {
    return part.marked ? element("mark", {}, [part.text]) : part.text;
  });
  var title = element("span", { class: "live-title" }, [result.title]);
  var sentence = nodes.length ? [element("span", { class: "live-sentence" }, nodes)] : [];
  var link = element("a", { class: "live-result", href: result.href }, [title].concat(sentence));
  return element("li", {}, [link]);
}

function startBox(form, number) {
  var input = form.querySelector("input[name=q]");
  if (!input) {
    return;
  }
  var status = element("p", { class: "live-count", role: "status" });
  var list = element("ul", { class: "live-list" });
  var box = element("div", { class: "live-results", id: "live-results-" + number, hidden: "" }, [
    status,
    list,
  ]);
  form.after(box);
  input.setAttribute("aria-controls", box.id);
  var searches = newestOnly();
  var timer = null;
  var inFlight = null;

  function stop() {
    clearTimeout(timer);
    searches.drop();
    if (inFlight) {
      inFlight.abort();
      inFlight = null;
    }
  }

  function hide() {
    stop();
    box.hidden = true;
    status.textContent = "";
    list.replaceChildren();
  }

  function show(text, results) {
    status.textContent = text;
    list.replaceChildren.apply(list, results.slice(0, SHOWN).map(resultItem));
    box.hidden = false;
  }

  /* With no connection: the saved copy's results, if the app is installed. */
  function searchSaved(query, ticket) {
    var saved = appInstalled() ? searchSavedCopy(query) : Promise.resolve(null);
    saved.then(function (found) {
      if (!searches.isNewest(ticket)) {
        return;
      }
      if (found) {
        show(countText({ count: found.count, did_you_mean: found.suggestion }),
          found.results.map(fromSavedCopy));
      } else {
        show(offlineText(appInstalled()), []);
      }
    });
  }

  function search(query) {
    stop();
    var ticket = searches.take();
    if (!navigator.onLine) {
      searchSaved(query, ticket);
      return;
    }
    var controller = new AbortController();
    inFlight = controller;
    fetch(searchUrl(query, pageLanguage(), form.dataset.firstLanguage), {
      headers: { Accept: "application/json" },
      signal: controller.signal,
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (!searches.isNewest(ticket)) {
        return;
      }
      if (answer) {
        show(countText(answer), answer.results.map(fromServer));
      } else {
        hide(); // refused or busy: the Search button still says why
      }
    }).catch(function (error) {
      if (error.name !== "AbortError" && searches.isNewest(ticket)) {
        searchSaved(query, ticket);
      }
    });
  }

  input.addEventListener("input", function () {
    var query = input.value.trim();
    if (!query) {
      hide();
      return;
    }
    stop();
    timer = setTimeout(function () {
      search(query);
    }, PAUSE_MS);
  });
  // Escape also empties a search field in most browsers; where it does not, it still hides.
  input.addEventListener("keyup", function (event) {
    if (event.key === "Escape") {
      hide();
    }
  });
  form.addEventListener("submit", hide);
}

export function startSearchAsYouType() {
  document.querySelectorAll("form.search-form").forEach(startBox);
}
