// Search as you type: stale answers, links, marked sentences and what is announced.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  countText,
  newestOnly,
  offlineText,
  resultHref,
  searchUrl,
  sentenceParts,
} from "../../frontend/static/frontend/js/search-as-you-type-text.js";

test("only the newest search's answer is shown, whatever order answers arrive in", () => {
  const searches = newestOnly();
  const first = searches.take();
  const second = searches.take();
  assert.equal(searches.isNewest(second), true);
  assert.equal(searches.isNewest(first), false);
  searches.drop(); // the box was cleared: even the newest answer is stale now
  assert.equal(searches.isNewest(second), false);
});

test("a result links to the section holding its sentence, else to its page", () => {
  const page = { url: "/conditions/dystonia/", section: null };
  assert.equal(resultHref(page), "/conditions/dystonia/");
  const section = { url: "/conditions/dystonia/", section: { url: "/conditions/dystonia/#s" } };
  assert.equal(resultHref(section), "/conditions/dystonia/#s");
});

test("a marked sentence becomes plain parts, its escapes undone and no other markup read", () => {
  assert.deepEqual(sentenceParts("<mark>Dystonia</mark> &amp; &lt;b&gt;tics&lt;/b&gt; &#x27;<mark>x</mark>"), [
    { text: "Dystonia", marked: true },
    { text: " & <b>tics</b> '", marked: false },
    { text: "x", marked: true },
  ]);
  assert.deepEqual(sentenceParts(null), []);
  assert.deepEqual(sentenceParts("&amp;lt;"), [{ text: "&lt;", marked: false }]);
});

test("the screen reader hears how many were found, and for which words", () => {
  assert.equal(countText({ count: 1, did_you_mean: "" }), "1 result");
  assert.equal(countText({ count: 3, did_you_mean: "" }), "3 results");
  assert.equal(countText({ count: 2, did_you_mean: "dystonia" }), "2 results for “dystonia”");
  assert.match(countText({ count: 0, did_you_mean: "" }), /^No results/);
  assert.match(offlineText(true), /saved on this phone/);
  assert.match(offlineText(false), /needs one/);
});

test("the search asks in the page's language, and English pages ask as they always did", () => {
  assert.equal(searchUrl("dystonia", "en", "en"), "/api/v1/search/?typing=1&q=dystonia");
  assert.equal(searchUrl("dystonia", "", "en"), "/api/v1/search/?typing=1&q=dystonia");
  assert.equal(searchUrl("Krämpfe", "de", "en"), "/api/v1/search/?typing=1&q=Kr%C3%A4mpfe&lang=de");
  assert.equal(searchUrl("x", "de", undefined), "/api/v1/search/?typing=1&q=x&lang=de");
});
