"""Two rules for every signed-in staff request, after django-otp's OTPMiddleware has said which
device (if any) verified the session:

- a session ends after GUIDE_STAFF_IDLE_MINUTES without a request, GUIDE_STAFF_SESSION_HOURS
  after sign-in, or once the factor it passed was replaced or reset (so changing a factor signs
  out everywhere else; Django's session hash does the same for a password change);
- the admin serves no page to a staff member who has not passed the second factor: they are sent
  to enter a code (or use a passkey), or to set up an authenticator app when they have none.
  The passkey pages and endpoints open to them refuse, themselves, a staff member with a factor
  who has not passed it.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django_otp import DEVICE_ID_SESSION_KEY

from .second_factor import has_second_factor, in_grace_period

SIGNED_IN_AT = "staff_signed_in_at"
LAST_SEEN = "staff_last_seen"
GRACE_REMINDED = "staff_grace_reminded"


def session_end_reason(session, now: float) -> str | None:
    signed_in_at = session.setdefault(SIGNED_IN_AT, now)
    last_seen = session.get(LAST_SEEN, now)
    if now - last_seen > settings.STAFF_IDLE_SECONDS:
        minutes = round(settings.STAFF_IDLE_SECONDS / 60)
        return f"You were signed out after {minutes} minutes without activity. Sign in again."
    if now - signed_in_at > settings.STAFF_SESSION_SECONDS:
        hours = round(settings.STAFF_SESSION_SECONDS / 3600)
        return f"You were signed out {hours} hours after signing in. Sign in again."
    return None


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Readers without a session cookie are never looked at: touching the session would add
        # Vary: Cookie to every public page.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and SESSION_KEY in request.session:
            ended = self.ended(request)
            if ended:
                return ended
            return self.second_factor_gate(request) or self.get_response(request)
        return self.get_response(request)

    def ended(self, request):
        passed_a_factor = DEVICE_ID_SESSION_KEY in request.session
        now = time.time()
        reason = session_end_reason(request.session, now)
        if reason is None and passed_a_factor and request.user.otp_device is None:
            reason = "Your sign-in methods were changed, so you were signed out. Sign in again."
        if reason is None:
            request.session[LAST_SEEN] = now
            return None
        logout(request)
        messages.warning(request, reason)
        if not self.in_admin(request):
            return None
        login = reverse("admin:login")
        return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def in_admin(request) -> bool:
        return request.path.startswith(reverse("admin:index"))

    def second_factor_gate(self, request):
        user = request.user
        if not (user.is_active and user.is_staff) or user.is_verified():
            return None
        if not self.in_admin(request) or request.path in self.open_paths():
            return None
        if has_second_factor(user):
            target = "accounts:verify"
        elif in_grace_period(user):
            self.remind_once(request)
            return None
        else:
            target = "accounts:enrol"
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(reverse(target) + (f"?{query}" if query else ""))

    @staticmethod
    def remind_once(request) -> None:
        if not request.session.get(GRACE_REMINDED):
            request.session[GRACE_REMINDED] = True
            messages.warning(
                request,
                format_html(
                    'Staff accounts need a second factor soon. <a href="{}">Set up your '
                    "authenticator app</a>.",
                    reverse("accounts:enrol"),
                ),
            )

    @staticmethod
    def open_paths() -> set[str]:
        return {
            reverse(name)
            for name in (
                "admin:login",
                "admin:logout",
                "accounts:verify",
                "accounts:enrol",
                "accounts:recovery_codes",
                "accounts:passkey_enrol",
                "accounts:passkey_add_begin",
                "accounts:passkey_add_complete",
                "accounts:passkey_sign_in_begin",
                "accounts:passkey_sign_in_complete",
                "accounts:passkey_words",
            )
        }


def session_started(sender, request, user, **kwargs):
    """Each sign-in starts the session's clocks afresh."""
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now
