"""The four JSON endpoints the passkey buttons call (django-otp-webauthn's views, fitted to staff
sign-in): begin and complete adding a passkey, begin and complete signing in with one.

What changes from the package's own views: only active staff may use them; signing in with a
passkey does what entering a code does (django-otp's login, a new session key, the page asked
for); a new passkey is named, recorded, gets recovery codes on a first sign-in and signs the
account out everywhere else; and whatever a client sends, a refusal is JSON with a message a
person can act on (400 for what cannot be read, never a 500).
"""

import json
from urllib.parse import urlencode

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as package
from django_otp_webauthn.models import WebAuthnCredential

from . import signals
from .passkeys import passkey_added, sessions_end_elsewhere
from .views import NEW_RECOVERY_CODES, next_url, passed

# A passkey's answer is a few kilobytes (we ask for no attestation certificates).
MAX_BODY_BYTES = 64 * 1024

# The package's refusals, said as what to do next. Codes not listed keep the package's words.
MESSAGES = {
    "credential_not_found": _(
        "This passkey is not one of yours here: it may have been removed. Use another passkey, "
        "or a code from your authenticator app."
    ),
    "credential_user_mismatch": _(
        "This passkey belongs to another account. Use one of your own passkeys, or a code from "
        "your authenticator app."
    ),
    "invalid_state": _(
        "That attempt had already ended (another tab or a second tap). Press the button once "
        "and try again."
    ),
    "user_not_verified": _("Sign in with your current second factor before you add a passkey."),
    "not_authenticated": _("Sign in to the admin with your password first."),
    "malformed_request": _("That request could not be read. Reload the page and try again."),
    "unreadable_answer": _(
        "The passkey's answer was refused: it could not be read or did not match this site. "
        "Reload the page and try again, or sign in another way."
    ),
}


class Unreadable(exceptions.OTPWebAuthnApiError):
    status_code = 400
    default_code = "unreadable_answer"


class StaffCeremony:
    """Shared by the four endpoints: who may call them, how a body is read, how a refusal is
    said."""

    def initial(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            raise exceptions.NotAuthenticated()
        super().initial(request, *args, **kwargs)

    def _parse_request_data(self, request):
        if request.content_type != "application/json":
            if request.body:
                raise exceptions.MalformedRequest()
            return {}
        if len(request.body) > MAX_BODY_BYTES:
            raise exceptions.MalformedRequest()
        try:
            data = json.loads(request.body) if request.body else {}
        except (ValueError, RecursionError) as unreadable:
            raise exceptions.MalformedRequest() from unreadable
        if not isinstance(data, dict):
            raise exceptions.MalformedRequest()
        return data

    def post(self, *args, **kwargs):
        # What py_webauthn does not turn into its own errors (base64 that is not, a field of the
        # wrong type) is still the client's mistake.
        try:
            return super().post(*args, **kwargs)
        except (ValueError, TypeError, KeyError, AttributeError) as unreadable:
            raise Unreadable() from unreadable

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.UnprocessableEntity):
            # An answer py_webauthn could not accept: the same to us as one we could not read.
            exc.status_code, exc.detail = 400, MESSAGES["unreadable_answer"]
        elif isinstance(exc, exceptions.OTPWebAuthnApiError) and exc.code in MESSAGES:
            exc.detail = MESSAGES[exc.code]
        return super().handle_exception(exc)


class RegistrationBegin(StaffCeremony, package.BeginCredentialRegistrationView):
    pass


class RegistrationComplete(StaffCeremony, package.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        request = self.request
        verified_before = request.user.is_verified()
        response = super().post(*args, **kwargs)
        passkey = WebAuthnCredential.objects.get(pk=json.loads(response.content)["id"])
        codes = passkey_added(user=request.user, passkey=passkey)
        if not verified_before:  # the package verified this session with the new passkey
            request.session.cycle_key()
        sessions_end_elsewhere(user=request.user, current_session_key=request.session.session_key)
        name_page = reverse("accounts:passkey_name", args=[passkey.pk])
        if codes:
            request.session[NEW_RECOVERY_CODES] = codes
        query = urlencode({"next": next_url(request), "new": "1"})
        return JsonResponse({"id": passkey.pk, "redirect_url": f"{name_page}?{query}"})


class AuthenticationBegin(StaffCeremony, package.BeginCredentialAuthenticationView):
    pass


class AuthenticationComplete(StaffCeremony, package.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        passed(self.request, device)
        signals.passkey_used.send(sender=WebAuthnCredential, user=device.user)

    def get_success_url(self):
        return next_url(self.request)
