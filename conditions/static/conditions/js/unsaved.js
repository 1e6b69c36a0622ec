// Leaving the form with changes not saved asks first; saving it does not.

export function warnBeforeLeaving(form) {
  let changed = false;
  let submitting = false;
  const mark = () => {
    changed = true;
  };
  form.addEventListener("input", mark);
  form.addEventListener("change", mark);
  form.addEventListener("submit", () => {
    submitting = true;
  });
  window.addEventListener("beforeunload", (event) => {
    if (!changed || submitting) return;
    event.preventDefault();
    event.returnValue = ""; // older Chromium shows the dialog only when this is set
  });
}
