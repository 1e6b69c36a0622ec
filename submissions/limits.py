"""Limits every way of sending shares: the size of a body and how often one address may send.

The admin's login lockout counts by the same address.
"""

import contextlib
import math
import random
import re
import time
import uuid

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError
from redis.exceptions import RedisError
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from . import messages


def body_refusal(request) -> tuple[int, str] | None:
    """Why a body cannot be accepted before reading it, as (status, message), or None.

    A body sent in chunks has no Content-Length; Django would read it as empty and the reader
    would be told to write their question, so it is refused as such instead.
    """
    declared = request.META.get("CONTENT_LENGTH", "")
    if declared == "":
        return 411, messages.LENGTH_REQUIRED
    try:
        length = int(declared)
    except ValueError:
        length = None
    if length is None or length > settings.SUBMISSION_MAX_BYTES:
        return 413, messages.too_large(settings.SUBMISSION_MAX_BYTES)
    return None


class Busy(Exception):
    """The shared store could not be reached in time; answered as 503 with Retry-After
    (`frontend.busy`), which the app's outbox retries."""


@contextlib.contextmanager
def cache_lock(cache, key: str, *, hold_seconds: int = 10, wait_seconds: float = 5):
    """Mutual exclusion across every worker and server sharing `cache`, from its atomic add().

    A holder that dies leaves the lock to expire after `hold_seconds`.
    """
    token = uuid.uuid4().hex
    deadline = time.monotonic() + wait_seconds
    while not cache.add(key, token, timeout=hold_seconds):
        if time.monotonic() > deadline:
            raise Busy(f"Could not take the lock {key!r} within {wait_seconds} s.")
        time.sleep(random.uniform(0.005, 0.03))  # noqa: S311 (jitter, not secrecy)
    try:
        yield
    finally:
        # A lock that cannot be released expires after hold_seconds; the answer stands.
        with contextlib.suppress(DatabaseError, RedisError):
            if cache.get(key) == token:
                cache.delete(key)


class SubmissionRateThrottle(SimpleRateThrottle):
    """Submissions of every kind from one address, counted in Django's default cache, which all
    workers share (settings.CACHES).

    The rate is read on every request (not once at import), so changing the setting, as the
    tests do, takes effect.
    """

    scope = "submissions"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def parse_rate(self, rate):
        """DRF's "30/hour", and also a number of periods: "10/15m", "1/5s"."""
        number, period = rate.split("/")
        match = re.fullmatch(r"(\d*)\s*([smhd])\w*", period.strip())
        if not match:
            raise ImproperlyConfigured(
                f"DJANGO_SUBMISSION_RATE {rate!r} is not a rate such as 30/hour or 10/15m."
            )
        count, unit = match.groups()
        return int(number), int(count or 1) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit]

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request, view):
        # DRF reads an address's history and writes it back later: simultaneous posts from one
        # address, on different workers, would all read the same history and all pass. Under
        # the lock the read and the write are one step.
        try:
            with cache_lock(self.cache, f"{self.get_cache_key(request, view)}:lock"):
                return super().allow_request(request, view)
        except RedisError as error:  # DJANGO_CACHE_URL names a Redis that does not answer
            raise Busy(f"The shared cache could not be reached: {error}") from error


def client_address(request) -> str:
    """The sender's address: REMOTE_ADDR, or as far into X-Forwarded-For as NUM_PROXIES trusts."""
    return SubmissionRateThrottle().get_ident(request)


def throttle_wait(request) -> int | None:
    """Seconds the sender must wait, or None when this submission may go ahead (and counts)."""
    throttle = SubmissionRateThrottle()
    if throttle.allow_request(request, None):
        return None
    # Rounded up: a client that waits exactly Retry-After must not be refused again.
    return max(1, math.ceil(throttle.wait() or 1))
