"""The second factor of a staff account: an authenticator app (TOTP), passkeys (`passkeys.py`)
and ten one-time recovery codes, kept by django-otp. Views and the admin call these; nothing else
creates or deletes a staff member's devices.

Each code is checked by django-otp against one device, under a row lock: a wrong code makes the
next attempt wait 1, 2, 4, 8 … seconds (its throttling), a TOTP code is refused once it or a later
one was accepted, and a recovery code is deleted when it is used.
"""

import datetime
from base64 import b32encode

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.formats import time_format
from django_otp import devices_for_user, verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from . import signals

APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10


class CodeRefused(Exception):
    """A code that does not sign in, with the reason a staff member reads on the page."""


def has_second_factor(user: AbstractBaseUser) -> bool:
    return any(devices_for_user(user, confirmed=True))


def has_app(user: AbstractBaseUser) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def in_grace_period(user: AbstractBaseUser) -> bool:
    """A new account may use the admin without a second factor for GUIDE_STAFF_MFA_GRACE_DAYS
    (none by default)."""
    grace = datetime.timedelta(days=settings.STAFF_MFA_GRACE_DAYS)
    return bool(grace) and timezone.now() < user.date_joined + grace


def app_device_for_enrolment(user: AbstractBaseUser) -> TOTPDevice:
    """The authenticator app being set up: the same key until it is confirmed, so reloading the
    page never invalidates what the phone already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def readable_key(device: TOTPDevice) -> str:
    """The key as an authenticator app asks for it when typed: base32, in groups of four."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _refusal_for_throttled(device) -> CodeRefused | None:
    allowed, details = device.verify_is_allowed()
    if allowed:
        return None
    until = timezone.localtime(details["locked_until"])
    return CodeRefused(
        "Too many wrong codes. For your safety, wait until "
        f"{time_format(until, 'H:i:s')} before you try again."
    )


def code_check(*, user: AbstractBaseUser, code: str):
    """The device that accepts `code` (six digits from the app, or a recovery code), or
    CodeRefused saying why not."""
    code = _normalise(code)
    if not code:
        raise CodeRefused("Enter the 6-digit code from your authenticator app.")
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    devices = [device for device in devices_for_user(user) if isinstance(device, model)]
    for device in devices:
        refusal = _refusal_for_throttled(device)
        if refusal:
            raise refusal
        accepted = verify_token(user, device.persistent_id, code)
        if accepted:
            signals.code_accepted.send(sender=model, user=user, device=accepted)
            return accepted
    signals.code_refused.send(sender=model, user=user)
    if model is TOTPDevice:
        raise CodeRefused(
            "That code is not right, or it was already used. Wait for the next code in your "
            "authenticator app and enter it."
        )
    raise CodeRefused(
        "That is not a recovery code of yours, or it was already used. Each recovery code "
        "works once."
    )


def enrolment_confirm(*, user: AbstractBaseUser, device: TOTPDevice, code: str) -> list[str]:
    """Confirms the app being set up with a code from it, replaces the earlier app and recovery
    codes (which signs out the sessions that used one; passkeys stay) and returns ten new
    recovery codes."""
    refusal = _refusal_for_throttled(device)
    if refusal:
        raise refusal
    if not device.verify_token(_normalise(code)):
        raise CodeRefused(
            "That code is not right. Check that the app shows the account for this site and "
            "enter the 6-digit code it shows now."
        )
    with transaction.atomic():
        replaced, _ = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        StaticDevice.objects.filter(user=user).delete()
        device.confirmed = True
        device.name = APP_NAME
        device.save(update_fields=["confirmed", "name"])
        codes = recovery_codes_make(user)
        record(user=user, by=user, message="Set up an authenticator app and new recovery codes.")
        signals.factor_set_up.send(sender=TOTPDevice, user=user, replaced=bool(replaced))
    return codes


def recovery_codes_make(user: AbstractBaseUser) -> list[str]:
    """Ten new recovery codes for `user`, who has none (the caller removed any)."""
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_NAME)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
    return codes


def recovery_codes_renew(user: AbstractBaseUser) -> list[str]:
    """Ten new recovery codes for `user` in place of the old ones (which sign in no more), as
    the sign-in methods page asks for them; returns them to be shown once."""
    with transaction.atomic():
        # One renewal at a time for an account, so a second press leaves one set, not two.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        StaticDevice.objects.filter(user=user).delete()
        codes = recovery_codes_make(user)
        record(user=user, by=user, message="Made new recovery codes; the old ones were removed.")
        signals.recovery_codes_renewed.send(sender=StaticDevice, user=user)
    return codes


def second_factor_reset(*, user: AbstractBaseUser, by: AbstractBaseUser) -> None:
    """For a lost phone or passkey: removes every factor of `user` (app, passkeys, recovery
    codes), which signs out each of their sessions that had passed one; at their next sign-in
    they set up a new one."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        WebAuthnCredential.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        record(
            user=user,
            by=by,
            message="Reset the second factor: the authenticator app, passkeys and recovery "
            "codes were removed.",
        )
        signals.factor_reset.send(sender=TOTPDevice, user=user, by=by)


def record(*, user, by, message: str) -> None:
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[user],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


def totp_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the app shows for `device` now (or at time `at`): for tests and scripts."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at
    return f"{totp.token():0{device.digits}d}"
