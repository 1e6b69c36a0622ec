/* Notices at the top of the page (#notices, read out politely): one per id, replaced when shown
again, with a button when the reader can act on it. */

import { byId, element } from "./dom.js";

export function showNotice(id, text, buttonText, onClick) {
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

export function removeNotice(id) {
  var notice = byId(id);
  if (notice) {
    notice.remove();
  }
}
