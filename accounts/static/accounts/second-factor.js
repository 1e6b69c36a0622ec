// On the second-factor pages (accounts/templates/accounts): each form is sent once, however
// often its button is tapped. Beside django-otp-webauthn's passkey buttons (passkey_button.html),
// whose script says what happened through events on the button: go on to naming a new passkey,
// and say in plain words what to do when the browser refused (no passkey of this account on the
// device, or the person cancelled), where the package's words are vaguer.
"use strict";

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.sent) {
    event.preventDefault();
  }
  form.dataset.sent = "yes";
});

document.addEventListener("otp_webauthn.register_complete", (event) => {
  const next = event.detail && event.detail.response && event.detail.response.redirect_url;
  if (next) {
    window.location.assign(next);
  }
});

function sayRefusal(event) {
  const error = event.detail && event.detail.error;
  const box = document.getElementById("passkey");
  const status = box && box.querySelector(".passkey-status");
  if (error && error.name === "NotAllowedError" && status && box.dataset.notAllowed) {
    status.textContent = box.dataset.notAllowed;
  }
}

document.addEventListener("otp_webauthn.register_failed", sayRefusal);
document.addEventListener("otp_webauthn.verification_failed", sayRefusal);
