/* Choosing a language (README: languages). The switch in every page's header and the offer on
the home page are ordinary links to the same page in the other language; pressing one is
remembered on this phone, with no connection too. With a language remembered, the home page of
another opens the chosen one's, and the offer is not shown again. */

import { byId } from "./dom.js";
import { pageLanguage } from "./i18n.js";

const LANGUAGE_KEY = "guide-language";

function remember(language) {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch (error) {
    // Storage blocked: the links still work, nothing is remembered.
  }
}

function remembered() {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch (error) {
    return null;
  }
}

export function startLanguage() {
  const chosen = remembered();
  const here = pageLanguage();
  const home = document.body.dataset.page === "home";
  const other = chosen && chosen !== here &&
    document.querySelector(`a.language-switch[data-language="${chosen}"]`);
  if (home && other) {
    window.location.replace(other.href);
    return;
  }
  const offer = byId("language-offer");
  if (offer && chosen) {
    offer.remove();
  } else if (offer) {
    const stay = offer.querySelector("button[data-language]");
    stay.addEventListener("click", () => {
      remember(stay.dataset.language);
      offer.remove();
    });
  }
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("a[data-language]");
    if (link) {
      remember(link.dataset.language);
    }
  });
}
