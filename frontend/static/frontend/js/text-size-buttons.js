/* The Smaller and Larger buttons. The size chosen is applied before the page is drawn by
text-size.js, a classic script in the page's head, which reads it from the same key. */

import { byId } from "./dom.js";

var TEXT_SIZES = 6; // 100% to 200%, see app.css
var TEXT_SIZE_KEY = "guide-text-size";

function currentTextSize() {
  return Number(document.documentElement.getAttribute("data-text-size") || 0);
}

function setTextSize(size) {
  size = Math.max(0, Math.min(TEXT_SIZES - 1, size));
  document.documentElement.setAttribute("data-text-size", String(size));
  try {
    localStorage.setItem(TEXT_SIZE_KEY, String(size));
  } catch (error) {
    // Not kept after this page, but still applied.
  }
  updateTextSizeButtons();
}

function updateTextSizeButtons() {
  var size = currentTextSize();
  document.querySelectorAll("[data-text-size]").forEach(function (button) {
    var limit = button.dataset.textSize === "smaller" ? 0 : TEXT_SIZES - 1;
    button.disabled = size === limit;
  });
}

export function startTextSize() {
  var tools = byId("reader-tools");
  if (!tools) {
    return;
  }
  tools.hidden = false;
  tools.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-text-size]");
    if (button) {
      setTextSize(currentTextSize() + (button.dataset.textSize === "larger" ? 1 : -1));
    }
  });
  updateTextSizeButtons();
}
