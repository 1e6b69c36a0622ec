/* Search in the saved copy: a saved search page finds its results in the guidance the worker
keeps, with the same words and order as the server's search. */

import { byId, element } from "./dom.js";
import { gettext, interpolate, ngettext } from "./i18n.js";
import { MESSAGES } from "./messages.js";
import { ask } from "./worker-client.js";

var SEARCH_MAX_LENGTH = 200;

function textOf(html) {
  return new DOMParser().parseFromString(html || "", "text/html").body.textContent || "";
}

/* The fields search reads are the server's (conditions/content.py), named by the page: a list
is a list of names, a key ending in _html is sanitized HTML. */
function searchableText(condition, keys) {
  var parts = [];
  keys.forEach(function (key) {
    var value = condition[key];
    if (Array.isArray(value)) {
      parts.push.apply(parts, value);
    } else {
      parts.push(/_html$/.test(key) ? textOf(value) : value || "");
    }
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
      gettext("Also called:") + " " + condition.also_called.join(", "),
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
    var text = searchableText(condition, (container.dataset.searched || "").split(" "));
    return words.every(function (word) {
      return text.indexOf(word) !== -1;
    });
  }).sort(function (a, b) {
    return a.title.localeCompare(b.title);
  });
  var summary = interpolate(found.length
    ? ngettext("%(count)s result for “%(query)s”.", "%(count)s results for “%(query)s”.",
      found.length)
    : gettext("Nothing found for “%(query)s”. Try another word, such as a symptom."),
  { count: found.length, query: query });
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
      interpolate(gettext("Please search for at most %(count)s characters."),
        { count: SEARCH_MAX_LENGTH }),
    ]));
    return;
  }
  ask({ type: MESSAGES.SEARCH_INDEX }).then(function (answer) {
    if (answer.conditions) {
      showResults(container, query, answer.conditions);
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
