// The condition's change form: checks beside each field as the editor types, a warning before
// leaving with unsaved changes, and sections kept in order. Loaded as a module by
// admin/conditions/condition/change_form.html; each part is a module of its own.
import { startChecks } from "./checks.js";
import { keepSectionsInOrder } from "./sections.js";
import { warnBeforeLeaving } from "./unsaved.js";

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
