// The condition's change form: checks beside each field as the editor types, a warning before
// leaving with unsaved changes, sections kept in order, and Translate sent once. Loaded as a
// module by admin/conditions/condition/change_form.html; each part is a module of its own.
import { startChecks } from "./checks.js";
import { keepSectionsInOrder } from "./sections.js";
import { submitOnce } from "./submit-once.js";
import { warnBeforeLeaving } from "./unsaved.js";

document.querySelectorAll(".translate-form").forEach(submitOnce);

const form = document.getElementById("condition_form");
const config = document.getElementById("editor-checks");
if (form && config) {
  startChecks(form, {
    url: config.dataset.url,
    language: config.dataset.language,
    token: form.querySelector("[name=csrfmiddlewaretoken]").value,
  });
  warnBeforeLeaving(form);
  keepSectionsInOrder(form.querySelector("#sections-group"));
}
