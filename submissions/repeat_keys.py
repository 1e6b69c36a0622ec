"""Keys for forms that arrive without one.

A form on a page many readers share carries no idempotency key (the app gives each submission its
own, a plain form cannot). A second press of such a form, or Back and send, must still store
nothing new: its key is made from who sent it, what it holds and the minute it came, so the same
form from the same browser within a minute or two is one submission, and another reader's is
another.
"""

import hashlib
import hmac
import time
import uuid

from django.conf import settings

WINDOW_SECONDS = 60


def _key(*, kind: str, sender: str, fingerprint: str, window: int) -> uuid.UUID:
    message = f"{kind}\n{sender}\n{fingerprint}\n{window}".encode()
    # Keyed with the secret: the stored key does not reveal the sender's address.
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()
    return uuid.UUID(bytes=digest[:16], version=4)


def repeat_keys(*, kind: str, sender: str, fingerprint: str, now: float | None = None):
    """(this minute's key, the previous minute's): a repeat is stored under the first and
    recognised under either."""
    window = int((time.time() if now is None else now) // WINDOW_SECONDS)
    return tuple(
        _key(kind=kind, sender=sender, fingerprint=fingerprint, window=w)
        for w in (window, window - 1)
    )
