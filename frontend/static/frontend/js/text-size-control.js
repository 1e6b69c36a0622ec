/* The text size control, "A− 125% A+": one step smaller or larger, with the size in between.
The size chosen is applied before the page is drawn by before-paint.js, a classic script in the
page's head, which reads it from the same key; app.css holds the sizes. */

import { byId } from "./dom.js";

const PERCENTS = [100, 112.5, 125, 150, 175, 200]; // html[data-text-size="0"] to "5"
const TEXT_SIZE_KEY = "guide-text-size";

function currentTextSize() {
  const size = Number(document.documentElement.getAttribute("data-text-size"));
  return PERCENTS[size] ? size : 0;
}

function setTextSize(size) {
  size = Math.max(0, Math.min(PERCENTS.length - 1, size));
  document.documentElement.setAttribute("data-text-size", String(size));
  try {
    localStorage.setItem(TEXT_SIZE_KEY, String(size));
  } catch (error) {
    // Not kept after this page, but still applied.
  }
  showTextSize();
}

function showTextSize() {
  const size = currentTextSize();
  byId("text-size-now").textContent = Math.round(PERCENTS[size]) + "%";
  document.querySelectorAll("button[data-text-size]").forEach((button) => {
    button.disabled = size === (button.dataset.textSize === "smaller" ? 0 : PERCENTS.length - 1);
  });
}

export function startTextSize() {
  const tools = byId("reader-tools");
  if (!tools) {
    return;
  }
  tools.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-text-size]");
    if (button) {
      setTextSize(currentTextSize() + (button.dataset.textSize === "larger" ? 1 : -1));
    }
  });
  showTextSize();
}
