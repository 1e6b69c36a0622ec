/* Writing to the team (questions, feedback, comments): each form is kept in the outbox and sent
from there, so nothing is lost with no connection. A form the outbox cannot keep (a private
window) is sent as the ordinary form it is. */

import { element } from "./dom.js";
import { gettext, pageLanguage } from "./i18n.js";
import { add, send } from "./outbox.js";
import { remove } from "./outbox-store.js";
import { saved } from "./outbox-texts.js";
import { forgetDraft, keepDraft } from "./typed-drafts.js";
import { askForBackgroundSync, errorText, scheduleRetry, showWaiting } from "./outbox-notices.js";

var BOOLEAN_ANSWERS = { yes: true, no: false };

/* What the form holds, as the JSON API takes it. */
function submissionBody(form, submitter) {
  var body = {};
  new FormData(form).forEach(function (value, name) {
    if (name !== "csrfmiddlewaretoken" && name !== "idempotency_key") {
      body[name] = value;
    }
  });
  if (submitter && submitter.name) {
    body[submitter.name] = submitter.value;
  }
  if (form.dataset.condition) {
    body.condition = form.dataset.condition;
  }
  if (form.dataset.submission === "question") {
    body.consent = Boolean(form.elements.consent && form.elements.consent.checked);
  }
  if (body.helpful in BOOLEAN_ANSWERS) {
    body.helpful = BOOLEAN_ANSWERS[body.helpful];
  }
  return body;
}

function clearErrors(form) {
  var summary = form.previousElementSibling;
  if (summary && summary.classList.contains("error-summary")) {
    summary.remove();
  }
  form.querySelectorAll(".form-error").forEach(function (node) {
    node.remove();
  });
  form.querySelectorAll(".field-invalid").forEach(function (node) {
    node.classList.remove("field-invalid");
  });
}

/* The server's refusal shown the way the server's own form pages show it. */
function showErrors(form, errors) {
  clearErrors(form);
  var items = [];
  Object.keys(errors).forEach(function (name) {
    var field = name === "detail" ? null : form.elements[name];
    var text = errorText(errors[name]);
    if (field && field.id && field.type !== "hidden") {
      var wrapper = field.closest(".field");
      if (wrapper) {
        wrapper.classList.add("field-invalid");
        wrapper.append(element("p", { class: "form-error", id: field.id + "_error" }, [text]));
      }
      items.push(element("li", {}, [element("a", { href: "#" + field.id }, [text])]));
    } else {
      items.push(element("li", {}, [text]));
    }
  });
  var summary = element("div", { class: "error-summary", role: "alert", tabindex: "-1" }, [
    element("h2", {}, [gettext("Please check what you wrote")]),
    element("ul", {}, items),
  ]);
  form.before(summary);
  summary.focus();
}

function showFormResult(form, text, done) {
  var result = form.parentElement.querySelector(".form-result");
  if (!result) {
    result = element("p", { class: "form-result", role: "status", tabindex: "-1" });
    form.after(result);
  }
  result.textContent = text;
  if (done) {
    form.reset();
    clearErrors(form);
  }
  result.focus();
}

/* The condition it is about, as the reader knows it, or "". */
function conditionTitle(form) {
  var select = form.querySelector("select[name=condition]");
  if (select) {
    return select.value ? select.selectedOptions[0].text : "";
  }
  return form.dataset.condition ? form.dataset.label : "";
}

function setSending(form, sending) {
  // A second tap while sending (or Yes, then No) would only send a second message.
  form.querySelectorAll("button[type=submit]").forEach(function (button) {
    button.disabled = sending;
  });
}

/* Send as an ordinary form: when the outbox cannot keep the message (a private window). */
function submitPlainly(form, submitter) {
  if (submitter && submitter.name) {
    form.append(element("input", { type: "hidden", name: submitter.name, value: submitter.value }));
  }
  forgetDraft(form);
  form.submit();
}

function submitThroughOutbox(form, submitter) {
  // A form marked data-once (Yes or No) is sent once per page view: it stays disabled after.
  var finished = false;
  setSending(form, true);
  add({
    kind: form.dataset.submission,
    url: form.dataset.api,
    body: submissionBody(form, submitter),
    label: form.dataset.label || document.title,
    title: conditionTitle(form),
    page: window.location.pathname,
    lang: pageLanguage(),
  }).then(function (item) {
    forgetDraft(form);
    var sending = navigator.onLine === false
      ? Promise.resolve({ outcome: "offline", item: item })
      : send(item);
    return sending.then(function (result) {
      if (result.outcome === "failed") {
        // The reader is here to correct it: the text stays in the form, not in the outbox.
        remove(result.item.key);
        keepDraft(form);
        showErrors(form, result.item.errors);
        return;
      }
      finished = "once" in form.dataset;
      if (result.outcome === "sent") {
        showFormResult(form, result.receipt.message, true);
      } else {
        showFormResult(form, saved(result.outcome), true);
        askForBackgroundSync();
        scheduleRetry();
        showWaiting();
      }
    });
  }, function () {
    submitPlainly(form, submitter);
  }).finally(function () {
    setSending(form, finished);
  });
}

export function startSubmissionForms() {
  var forms = document.querySelectorAll("form[data-submission]");
  var question = document.querySelector("form.question-form select[name=condition]");
  var chosen = new URLSearchParams(window.location.search).get("condition");
  // A saved copy of the question page does not know which guidance the reader came from.
  if (question && chosen && !question.value) {
    question.value = chosen;
  }
  if (!window.indexedDB) {
    return; // the forms still work as ordinary forms
  }
  forms.forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submitThroughOutbox(form, event.submitter);
    });
  });
}
