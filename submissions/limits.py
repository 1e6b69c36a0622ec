"""Limits every way of sending shares: the size of a body and how often one address may send."""

from django.conf import settings
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


def body_too_large(request) -> bool:
    """True when the declared body is over SUBMISSION_MAX_BYTES; checked before reading it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.SUBMISSION_MAX_BYTES


class SubmissionRateThrottle(SimpleRateThrottle):
    """Submissions of every kind from one address, counted in Django's default cache (shared by
    the workers only if that cache is).

    The rate is read on every request (not once at import), so changing the setting, as the
    tests do, takes effect.
    """

    scope = "submissions"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def throttle_wait(request) -> int | None:
    """Seconds the sender must wait, or None when this submission may go ahead (and counts)."""
    throttle = SubmissionRateThrottle()
    if throttle.allow_request(request, None):
        return None
    return max(1, round(throttle.wait() or 1))
