"""Middleware: writes never crowd out readers, and a write that cannot have the database, or the
shared cache's lock, within a few seconds is answered "busy, try again" (503 with Retry-After),
never with a 500.

The app's outbox retries a 503 after Retry-After; a reader posting a plain form is shown a page
saying that nothing was stored and to send it again.
"""

import threading

from django.conf import settings
from django.db import OperationalError
from django.utils.translation import gettext_lazy as _

from submissions.limits import Busy

from .views import error_response

RETRY_AFTER_SECONDS = 10
# How long a write waits for a free slot: long enough for a burst of ordinary writes (a few
# milliseconds each) to pass, short enough that a thread waiting for one barely delays a reader.
WRITE_SLOT_WAIT_SECONDS = 0.25
BUSY_MESSAGE = _(
    "The guide is busy just now and nothing was stored. Please send it again in a few seconds."
)
# PostgreSQL's lock_not_available (a lock_timeout an operator set ran out) and
# too_many_connections (more server threads than max_connections allows).
BUSY_SQLSTATES = {"55P03", "53300"}


def is_busy(exception: Exception) -> bool:
    if isinstance(exception, Busy):
        return True
    if not isinstance(exception, OperationalError):
        return False
    return "database is locked" in str(exception) or (
        getattr(exception.__cause__, "sqlstate", None) in BUSY_SQLSTATES
    )


def busy_response(request):
    response = error_response(request, 503, BUSY_MESSAGE)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseBusyMiddleware:
    """Each server process answers with a few threads (config/gunicorn.py). A write waiting for
    SQLite's lock holds its thread, so writes in progress are capped one below the threads: a
    reader always finds a thread free. A write beyond the cap waits a moment for a slot (a burst
    of ordinary writes passes), then is told busy."""

    WRITING = frozenset({"POST", "PUT", "PATCH", "DELETE"})

    def __init__(self, get_response):
        self.get_response = get_response
        self.write_slots = threading.BoundedSemaphore(max(1, settings.SERVER_THREADS - 1))

    def __call__(self, request):
        if request.method not in self.WRITING:
            return self.get_response(request)
        if not self.write_slots.acquire(timeout=WRITE_SLOT_WAIT_SECONDS):
            return busy_response(request)
        try:
            return self.get_response(request)
        finally:
            self.write_slots.release()

    def process_exception(self, request, exception):
        return busy_response(request) if is_busy(exception) else None
