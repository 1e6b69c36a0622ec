/* What a reader types, kept on this phone until sent or cleared (README: typed text). */

import { element } from "./dom.js";
import { gettext } from "./i18n.js";

const note = () => " " + gettext("What you type stays only on this phone until you send it, " +
  "even if you close the app or go offline; Clear deletes it, with no undo.");

export const draftKey = (kind, path) => `guide-draft:${kind}:${path}`;

const keyOf = (form) => draftKey(form.dataset.submission, location.pathname);

const typed = (form) => [...form.querySelectorAll("textarea, input[type=text], input[type=email]")]
  .filter((field) => !field.closest(".hp"));

function store(action) {
  try {
    action();
  } catch (error) {
    // Storage blocked: no drafts.
  }
}

export const keepDraft = (form) => store(() => localStorage.setItem(keyOf(form),
  JSON.stringify(Object.fromEntries(typed(form).map((field) => [field.name, field.value])))));

export const forgetDraft = (form) => store(() => localStorage.removeItem(keyOf(form)));

function start(form) {
  const fields = typed(form);
  const draft = JSON.parse(localStorage.getItem(keyOf(form))) || {};
  for (const field of fields) {
    field.value ||= draft[field.name] || "";
  }
  form.addEventListener("input", () => keepDraft(form));
  form.addEventListener("submit", (event) => {
    if (!event.defaultPrevented) forgetDraft(form);
  });
  const clear = element("button", { type: "button", class: "button-secondary" }, [gettext("Clear")]);
  clear.addEventListener("click", () => {
    for (const field of fields) field.value = "";
    forgetDraft(form);
    fields[0].focus();
  });
  fields.at(-1).closest(".field").after(element("div", { class: "field" }, [clear]));
  form.querySelector(".privacy-notice").append(note());
}

export function startDrafts() {
  for (const form of document.querySelectorAll("form[data-submission]")) {
    store(() => start(form));
  }
}
