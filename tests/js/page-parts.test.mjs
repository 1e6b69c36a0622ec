// The worker putting a condition page's parts back into the copy the phone keeps
// (frontend/service_worker/page-parts.js; tests/test_page_parts.py composes the server's pages).
import assert from "node:assert/strict";
import { test } from "node:test";

import { composePage, composedResponse } from "../../frontend/service_worker/page-parts.js";

const parts = {
  top: "<header>Guide</header>",
  form: '<form action="/c/__slug__/" data-label="__label__"></form>',
};

test("each marker becomes its part, with the page's own values filled in as they are", () => {
  const copy =
    '<body><template data-part="top"></template><h1>A $& B</h1>' +
    '<template data-part="form" data-slug="a-b" data-label="A $&amp; &quot;B&quot;"></template>';
  assert.equal(
    composePage(copy, parts),
    '<body><header>Guide</header><h1>A $& B</h1>' +
      '<form action="/c/a-b/" data-label="A $&amp; &quot;B&quot;"></form>',
  );
});

test("a marker whose part is unknown stays as it is", () => {
  const copy = '<template data-part="nothing"></template>';
  assert.equal(composePage(copy, parts), copy);
});

const copyResponse = () =>
  new Response('<template data-part="top"></template>', {
    headers: { "Content-Type": "text/html", "X-Page-Parts": "/api/v1/offline-parts/" },
  });

test("a saved copy is answered as its page, when its parts are saved", async () => {
  const asked = [];
  const page = await composedResponse(copyResponse(), async (url) => {
    asked.push(url);
    return Response.json(parts);
  });
  assert.deepEqual(asked, ["/api/v1/offline-parts/"]);
  assert.equal(await page.text(), "<header>Guide</header>");
  assert.equal(page.headers.get("Content-Type"), "text/html");
  assert.equal(page.headers.get("X-Page-Parts"), null);
});

test("a copy without its parts is null (the network is asked); no copy is as it is", async () => {
  assert.equal(await composedResponse(copyResponse(), async () => undefined), null);
  const plain = new Response("<p>page</p>");
  assert.equal(await composedResponse(plain, async () => undefined), plain);
});
