/* Search in the saved copy: a saved search page finds its results in the search entries the
worker keeps (one per condition, and the terms' other names), by the server's own rules and in
its order (search-rank.js), and shows them as the server's page does: the sentence that shows
why, its words marked, and the section it is in. Search as you type uses it with no connection. */

import { byId, element } from "./dom.js";
import { gettext, interpolate, ngettext, pageLanguage } from "./i18n.js";
import { savedIndex } from "./search-index-store.js";
import { search } from "./search-rank.js";

var SEARCH_MAX_LENGTH = 200;
var index = null; // the saved copy's index, read (or made) once per page

export function appInstalled() {
  return Boolean(navigator.serviceWorker && navigator.serviceWorker.controller);
}

/* The saved copy searched: resolves to {query, count, suggestion, results: [{entry, match}]},
or null if the worker could not give its entries. */
export function searchSavedCopy(query) {
  if (!index) {
    // The page's language: the server's search page searches the pages in it (engine.search).
    index = savedIndex(pageLanguage()).then(function (built) {
      if (!built) {
        index = null; // try again next time
      }
      return built;
    });
  }
  return index.then(function (built) {
    return built && search(built, query);
  });
}

/* The marked sentence as elements: text, and <mark> around the searched words. */
export function sentenceNodes(match) {
  return match.parts.map(function (part) {
    return part.marked ? element("mark", {}, [part.text]) : part.text;
  });
}

/* Where a result links: the section holding its sentence, else its page. */
export function resultUrl(result) {
  var match = result.match;
  return match && match.anchor ? result.entry.url + "#" + match.anchor : result.entry.url;
}

function resultCard(result) {
  var entry = result.entry;
  var match = result.match;
  var children = [
    element("h2", { class: "card-title" }, [element("a", { href: entry.url }, [entry.title])]),
  ];
  if (entry.also_called && entry.also_called.length) {
    children.push(element("p", { class: "also-called" }, [
      gettext("Also called:") + " " + entry.also_called.join(", "),
    ]));
  }
  if (entry.question) {
    children.push(element("p", { class: "card-question" }, [entry.question]));
  }
  if (match) {
    children.push(element("p", { class: "card-match" }, sentenceNodes(match)));
    if (match.anchor) {
      children.push(element("p", { class: "card-section" }, [
        element("a", { href: resultUrl(result) }, [
          interpolate(gettext("In “%(heading)s”"), { heading: match.heading }),
        ]),
      ]));
    }
  } else {
    children.push(element("p", { class: "card-lead" }, [entry.lead]));
  }
  return element("li", { class: "card" }, children);
}

function summary(found) {
  var values = { count: found.count, query: found.query, suggestion: found.suggestion };
  if (found.suggestion) {
    var searchUrl = window.location.pathname + "?q=" + encodeURIComponent(found.suggestion);
    return [
      element("p", { role: "status" }, [interpolate(ngettext(
        "Nothing found for “%(query)s”. Showing %(count)s result for “%(suggestion)s”.",
        "Nothing found for “%(query)s”. Showing %(count)s results for “%(suggestion)s”.",
        found.count,
      ), values)]),
      element("p", { class: "did-you-mean" }, [
        gettext("Did you mean") + " ",
        element("a", { href: searchUrl }, [found.suggestion]),
        "?",
      ]),
    ];
  }
  if (!found.count) {
    return [element("p", { role: "status" }, [interpolate(
      gettext("Nothing found for “%(query)s”. Try another word, such as a symptom."), values,
    )])];
  }
  var text = interpolate(ngettext("%(count)s result for “%(query)s”.",
    "%(count)s results for “%(query)s”.", found.count), values);
  if (found.count > found.results.length) {
    text += " " + interpolate(gettext("The best %(shown)s are shown."),
      { shown: found.results.length });
  }
  return [element("p", { role: "status" }, [text])];
}

function showResults(container, found) {
  var children = summary(found);
  if (found.results.length) {
    children.push(element("ul", { class: "cards" }, found.results.map(resultCard)));
  }
  container.replaceChildren.apply(container, children);
  container.dataset.query = found.query;
}

function searchSaved(container, query) {
  query = query.trim();
  if (!query) {
    container.replaceChildren();
    return;
  }
  if (query.length > SEARCH_MAX_LENGTH) {
    container.replaceChildren(element("p", { class: "form-error", role: "alert" }, [
      interpolate(gettext("Please search for at most %(count)s characters."),
        { count: SEARCH_MAX_LENGTH }),
    ]));
    return;
  }
  searchSavedCopy(query).then(function (found) {
    if (found) {
      showResults(container, found);
    } else {
      container.replaceChildren(element("p", { class: "form-error", role: "alert" }, [
        gettext("The saved guidance could not be searched just now. Please try again."),
      ]));
    }
  });
}

export function startOfflineSearch() {
  var container = byId("search-results");
  var form = document.querySelector(".search-page .search-form");
  if (!container || !form || !appInstalled()) {
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
