// Never lose what you typed, and no button acting twice: the pure parts.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { isRepeat } from "../../frontend/static/frontend/js/dom.js";
import { draftKey } from "../../frontend/static/frontend/js/typed-drafts.js";

const JS = new URL("../../frontend/static/frontend/js/", import.meta.url);

test("a draft is kept by form and page", () => {
  assert.equal(draftKey("comment", "/conditions/a/"), "guide-draft:comment:/conditions/a/");
  assert.notEqual(draftKey("comment", "/conditions/a/"), draftKey("feedback", "/conditions/a/"));
  assert.notEqual(draftKey("comment", "/conditions/a/"), draftKey("comment", "/conditions/b/"));
});

test("a second click within half a second of the accepted one is a repeat", () => {
  assert.equal(isRepeat(undefined, 1000), false); // the first click
  assert.equal(isRepeat(1000, 1000), true);
  assert.equal(isRepeat(1000, 1100), true);
  assert.equal(isRepeat(1000, 1499), true);
  assert.equal(isRepeat(1000, 1500), false);
  assert.equal(isRepeat(1000, 1600), false);
  assert.equal(isRepeat(1000, 900), false); // a clock that went back never locks a button
});

test("nothing in the app acts on press-down", () => {
  for (const name of readdirSync(JS).filter((file) => file.endsWith(".js"))) {
    const source = readFileSync(new URL(name, JS), "utf8");
    assert.doesNotMatch(source, /pointerdown|mousedown|touchstart|keydown/i, name);
  }
});
