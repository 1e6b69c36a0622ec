/* Search as you type, the parts that need no page: which answer is still wanted, what a
result links to, its marked sentence as plain parts, and what the screen reader hears. */

import { gettext, interpolate, ngettext } from "./i18n.js";

export var PAUSE_MS = 250;

/* Only the newest search may show its answer: each search takes a ticket, and an answer whose
ticket is not the newest is dropped, whatever order the answers arrive in. */
export function newestOnly() {
  var newest = 0;
  return {
    take: function () {
      newest += 1;
      return newest;
    },
    isNewest: function (ticket) {
      return ticket === newest;
    },
    drop: function () {
      newest += 1; // every answer still on its way is now stale
    },
  };
}

/* The search API's address for words being typed ("typing": words that find nothing are not
counted for the editors), in the page's language when it is not the first one (English pages
ask as they always did). */
export function searchUrl(query, language, firstLanguage) {
  var url = "/api/v1/search/?typing=1&q=" + encodeURIComponent(query);
  var other = language && language !== (firstLanguage || "en");
  return other ? url + "&lang=" + encodeURIComponent(language) : url;
}

/* The section holding the sentence if the API names one, else the page. */
export function resultHref(result) {
  return result.section && result.section.url ? result.section.url : result.url;
}

var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'" };

function unescaped(text) {
  return text.replace(/&(amp|lt|gt|quot|#x27|#39);/g, function (_, name) {
    return ENTITIES[name];
  });
}

/* The API's sentence is escaped text whose only markup is <mark>: as parts of plain text,
each marked or not, so the page never parses it as HTML. */
export function sentenceParts(html) {
  var parts = [];
  (html || "").split(/(<mark>[\s\S]*?<\/mark>)/).forEach(function (piece) {
    var marked = /^<mark>[\s\S]*<\/mark>$/.test(piece);
    var text = unescaped(marked ? piece.slice(6, -7) : piece);
    if (text) {
      parts.push({ text: text, marked: marked });
    }
  });
  return parts;
}

/* What the live region says once results arrive. */
export function countText(answer) {
  var count = answer.count;
  if (!count) {
    return gettext("No results yet. Keep typing, or press Search.");
  }
  var results = interpolate(ngettext("%(count)s result", "%(count)s results", count), { count: count });
  return answer.did_you_mean
    ? interpolate(gettext("%(results)s for “%(words)s”"), { results: results, words: answer.did_you_mean })
    : results;
}

export function offlineText(appInstalled) {
  return appInstalled
    ? gettext("No connection: press Search to search the guidance saved on this phone.")
    : gettext("No connection: search needs one. Please try again when you are online.");
}
