// Checks of each field marked `data-checks` while the editor types, from the server
// (conditions/admin/views/checks.py): reading age against the target, long sentences, words
// patients may not know, and for Markdown a preview rendered and sanitized by the server.
// They advise only: nothing here stops a save.

export const WAIT_MS = 600;

export function startChecks(form, config) {
  const timers = new WeakMap();
  const latest = new WeakMap();
  form.addEventListener("input", (event) => {
    const field = event.target;
    if (!field.matches || !field.matches("[data-checks]")) return;
    clearTimeout(timers.get(field));
    timers.set(field, setTimeout(() => check(field, config, latest), WAIT_MS));
  });
}

async function check(field, config, latest) {
  const sent = (latest.get(field) || 0) + 1;
  latest.set(field, sent);
  const body = new URLSearchParams({
    csrfmiddlewaretoken: config.token,
    text: field.value,
    language: config.language,
    form: field.dataset.checks,
  });
  let answer;
  try {
    const response = await fetch(config.url, { method: "POST", body, credentials: "same-origin" });
    const type = response.headers.get("Content-Type") || "";
    answer = type.startsWith("application/json") ? await response.json() : {};
    if (!response.ok && !answer.error) {
      answer = { error: `Checks are unavailable (the server answered ${response.status}).` };
    }
  } catch {
    answer = { error: "Checks are unavailable: the server cannot be reached." };
  }
  if (latest.get(field) !== sent) return; // a newer check of this field is on its way
  show(panels(field), answer);
}

function panels(field) {
  const row = field.closest(".form-row") || field.parentElement;
  let checks = row.querySelector(":scope > .live-checks");
  if (!checks) {
    checks = element("div", "live-checks");
    checks.setAttribute("aria-live", "polite");
    checks.dataset.for = field.id;
    row.append(checks);
  }
  let preview = row.querySelector(":scope > .markdown-preview");
  if (!preview && field.dataset.checks === "markdown") {
    preview = element("section", "markdown-preview");
    preview.dataset.for = field.id;
    preview.append(element("h4", "", "Preview: as patients will see it"));
    preview.append(element("div", "markdown-preview-body"));
    row.append(preview);
  }
  return { checks, preview };
}

function element(tag, className, text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.textContent = text;
  return node;
}

function show({ checks, preview }, answer) {
  if (answer.error) {
    checks.replaceChildren(element("p", "live-checks-error", answer.error));
    return;
  }
  const lines = [];
  if (answer.reading_age === null) {
    lines.push(element("p", "", "As typed: no words to score yet."));
  } else {
    const age = element("p", answer.above_target ? "live-reading-age reading-age-above" : "live-reading-age");
    age.append("Reading age as typed: ", element("strong", "", String(answer.reading_age)));
    age.append(` (target ${answer.target}${answer.above_target ? ", above it" : ""}).`);
    lines.push(age);
  }
  for (const long of answer.long_sentences) {
    lines.push(element("p", "live-long-sentence", `Long sentence (sentence ${long.number}): “${long.sentence}”`));
  }
  if (answer.unfamiliar_words.length) {
    lines.push(
      element("p", "live-unfamiliar-words", `Words patients may not know: ${answer.unfamiliar_words.join(", ")}.`),
    );
  }
  checks.replaceChildren(...lines);
  if (preview && "html" in answer) {
    // Rendered and sanitized by the server (conditions/markdown.py), as the site shows it.
    preview.querySelector(".markdown-preview-body").innerHTML = answer.html;
  }
}
