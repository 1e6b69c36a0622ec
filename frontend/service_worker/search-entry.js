/* A condition's search entry as offline search reads it, from the two things the phone keeps of
the condition: its compact search entry and its saved page. The compact entry
(conditions/search/entries.py, `offline_entry`) leaves out every text the page already shows,
so the guidance is downloaded once: the question, the summary, the lead and each section's
heading (from the page's "On this page" list, with its anchor) and text are read back here, as the server's `html_text` reads them from the guidance
(`searched_entry` is what this gives back, which tests/test_search_agreement.py checks). */

// The page marks the first use of a term with a link (conditions/terms/marking.py): the link
// wraps the word and adds nothing, so taking it away gives back the guidance as published.
const TERM = /<a class="term" [^>]*>([^<]*)<\/a>/g;
const TAG = /<[^>]*>/g;
const CONTENTS_ITEM = /<li><a href="#([^"]*)">([^<]*)<\/a><\/li>/g;
const ENTITY = /&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/g;
// What Django's escaping and the sanitizer's serializer write; others are left as they are.
const NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function unescapeHtml(text) {
  return text.replace(ENTITY, (whole, name) => {
    if (name[0] !== "#") {
      return NAMED[name] ?? whole;
    }
    const hex = name[1] === "x" || name[1] === "X";
    return String.fromCodePoint(parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10));
  });
}

/* The text of the page's guidance HTML, with a space wherever a tag was (as the server's). */
export function htmlText(markup) {
  return unescapeHtml(markup.replace(TERM, "$1").replace(TAG, " "))
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");
}

/* What is between `opening` (the first after `from`) and the next `closing`, or "". */
function between(page, opening, closing, from = 0) {
  const start = page.indexOf(opening, from);
  if (start < 0) {
    return "";
  }
  const end = page.indexOf(closing, start + opening.length);
  return end < 0 ? "" : page.slice(start + opening.length, end);
}

function sectionText(page, anchor, from) {
  const start = page.indexOf(`<section data-listen-part id="${anchor}"`, from);
  if (start < 0) {
    return "";
  }
  const body = page.indexOf("</h2>", start);
  return body < 0 ? "" : htmlText(between(page, "</h2>", "</section>", body));
}

/* The entry search-rank.js and offline-search.js read, from the compact entry and the page's
HTML ("" when the page is not saved: the condition is then found by its names alone). An entry
of the earlier shape, which held every text, is read as it is. */
export function expandEntry(compact, page) {
  if (compact.head) {
    return compact;
  }
  const from = Math.max(page.indexOf('<article class="condition">'), 0);
  const question = unescapeHtml(between(page, '<p class="question">', "</p>", from));
  const summary = unescapeHtml(between(page, '<p class="summary">', "</p>", from));
  const lead = htmlText(between(page, '<div class="lead" data-listen-part>', "</div>", from));
  const contents = between(page, '<nav class="toc"', "</nav>", from);
  return {
    ...compact,
    slug: compact.url.split("/").filter(Boolean).pop(),
    title: compact.names[0],
    question,
    lead: compact.lead ?? summary,
    head: [question, summary, lead],
    sections: [...contents.matchAll(CONTENTS_ITEM)].map(([, anchor, heading]) => [
      unescapeHtml(heading),
      unescapeHtml(anchor),
      sectionText(page, anchor, from),
    ]),
  };
}
