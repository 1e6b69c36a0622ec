// A form that makes something (a translation's draft) is sent once: a shaking hand's second
// press while the first is on its way is ignored, so the editor sees what the first one made.
export function submitOnce(form) {
  form.addEventListener("submit", (event) => {
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "true";
    form.setAttribute("aria-busy", "true");
  });
  // Coming back to the page from the browser's history shows a form that can be sent again.
  window.addEventListener("pageshow", () => {
    delete form.dataset.sent;
    form.removeAttribute("aria-busy");
  });
}
