"""Passkeys (WebAuthn) as a staff member's second factor, beside the authenticator app: kept by
django-otp-webauthn as django-otp devices, so the session records which passkey verified it, as
it does for the app. The ceremonies themselves (the browser's challenge and its signed answer)
are the package's; these are the changes around them: a passkey added, named, removed.

Any change to a staff member's sign-in methods signs them out of every other session, as a new
authenticator app does; a removed passkey also ends each session that was verified with it.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp_webauthn.models import WebAuthnCredential

from . import signals
from .second_factor import has_app, record, recovery_codes_make

NAME_MAX_LENGTH = 64


class NameRefused(Exception):
    """A name a passkey cannot have, with the reason a staff member reads on the page."""


class RemoveRefused(Exception):
    """A passkey that cannot be removed, and why."""


def passkeys_of(user: AbstractBaseUser):
    return WebAuthnCredential.objects.filter(user=user).order_by("created_at", "pk")


def passkey_default_name(user: AbstractBaseUser) -> str:
    return _("Passkey %(number)d") % {"number": passkeys_of(user).count()}


def passkey_added(*, user: AbstractBaseUser, passkey: WebAuthnCredential) -> list[str]:
    """After the browser's new passkey was checked and stored: names it, records the change and,
    when the account has no recovery codes yet (a first sign-in), makes ten and returns them."""
    with transaction.atomic():
        passkey.name = passkey_default_name(user)
        passkey.save(update_fields=["name"])
        codes = []
        if not StaticDevice.objects.filter(user=user, token_set__isnull=False).exists():
            StaticDevice.objects.filter(user=user).delete()
            codes = recovery_codes_make(user)
        record(user=user, by=user, message="Added a passkey.")
        signals.passkey_added.send(sender=WebAuthnCredential, user=user)
    return codes


def passkey_rename(*, passkey: WebAuthnCredential, name: str) -> None:
    name = " ".join(name.split())
    if not name:
        raise NameRefused(_("Give the passkey a name, such as the device it is on."))
    if len(name) > NAME_MAX_LENGTH:
        raise NameRefused(
            _("Keep the name under %(count)d characters.") % {"count": NAME_MAX_LENGTH + 1}
        )
    passkey.name = name
    passkey.save(update_fields=["name"])


def passkey_remove(*, user: AbstractBaseUser, passkey: WebAuthnCredential) -> None:
    """Removes one of `user`'s passkeys, unless it is the last factor they could sign in with
    (recovery codes alone are for emergencies)."""
    with transaction.atomic():
        others = passkeys_of(user).select_for_update().exclude(pk=passkey.pk)
        if not others.exists() and not has_app(user):
            raise RemoveRefused(
                _(
                    "This is your only passkey and you have no authenticator app. Add another "
                    "passkey or set up the app first, then remove this one."
                )
            )
        passkey.delete()
        record(user=user, by=user, message=f"Removed the passkey “{passkey.name}”.")
        signals.passkey_removed.send(sender=WebAuthnCredential, user=user, name=passkey.name)


def sessions_end_elsewhere(*, user: AbstractBaseUser, current_session_key: str | None) -> int:
    """Ends every session of `user` but the current one, as a change of sign-in methods does:
    the next request there finds no session and goes to the sign-in page. Staff sessions are the
    only ones in the table (readers have none), so reading each is cheap."""
    ended = 0
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for session in live.exclude(session_key=current_session_key or ""):
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session.delete()
            ended += 1
    return ended
