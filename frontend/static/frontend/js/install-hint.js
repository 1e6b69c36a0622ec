/* "Add to home screen": where the browser offers installing (beforeinstallprompt), a one-line
hint says the app keeps the guidance for reading offline, with an Install button. Hidden for
good once the app is installed or the reader says "Not now" (kept on the phone). */

import { byId } from "./dom.js";

const HINT_KEY = "guide-install-hint"; // "dismissed" or "installed"

function remembered() {
  try {
    return localStorage.getItem(HINT_KEY);
  } catch (error) {
    return null;
  }
}

function remember(outcome) {
  try {
    localStorage.setItem(HINT_KEY, outcome);
  } catch (error) {
    // Storage is blocked: the hint comes back next time the browser offers installing.
  }
}

function runsInstalled() {
  return window.matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
}

export function startInstallHint() {
  const hint = byId("install-hint");
  if (!hint) {
    return;
  }
  let offer = null;
  const close = (outcome) => {
    hint.hidden = true;
    offer = null;
    if (outcome) {
      remember(outcome);
    }
  };
  window.addEventListener("beforeinstallprompt", (event) => {
    if (remembered() || runsInstalled()) {
      return; // the browser may show its own offer; we add nothing
    }
    event.preventDefault(); // the hint offers it instead of the browser's bar
    offer = event;
    hint.hidden = false;
  });
  window.addEventListener("appinstalled", () => close("installed"));
  byId("install-app").addEventListener("click", async () => {
    const chosen = offer;
    if (!chosen) {
      return;
    }
    close(null);
    chosen.prompt();
    const { outcome } = await chosen.userChoice;
    remember(outcome === "accepted" ? "installed" : "dismissed");
  });
  byId("install-not-now").addEventListener("click", () => close("dismissed"));
}
