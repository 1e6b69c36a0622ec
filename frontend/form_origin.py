"""Whether a reader's form came from this site.

Condition pages are rendered once for every reader and saved on phones, so their forms carry no
CSRF token. A browser says where a form was sent from: the `Origin` header, or failing that
`Sec-Fetch-Site`, which a page on another site cannot forge. That is what modern CSRF defences
read; only a browser that sends neither gets the confirm step, whose page carries a token.
"""

from enum import Enum

from django.middleware.csrf import CsrfViewMiddleware


class SentFrom(Enum):
    THIS_SITE = "this site"
    ANOTHER_SITE = "another site"
    UNKNOWN = "unknown"


class _CsrfCheck(CsrfViewMiddleware):
    """Django's own CSRF check, answering instead of refusing: a form that fails it is looked at
    again by `sent_from`, which is not an attack worth logging."""

    def _reject(self, request, reason):
        return reason


def csrf_passed(request) -> bool:
    return _CsrfCheck(lambda request: None).process_view(request, None, (), {}) is None


def sent_from(request) -> SentFrom:
    origin = request.headers.get("Origin")
    # "null" is an opaque origin (a sandboxed frame, a page saved as a file): not an answer, so
    # the reader confirms on a page with a token rather than losing what they wrote.
    if origin == "null":
        return SentFrom.UNKNOWN
    if origin:
        if _CsrfCheck(lambda request: None)._origin_verified(request):
            return SentFrom.THIS_SITE
        return SentFrom.ANOTHER_SITE
    site = request.headers.get("Sec-Fetch-Site")
    if site == "same-origin":
        return SentFrom.THIS_SITE
    if site in ("same-site", "cross-site"):
        return SentFrom.ANOTHER_SITE
    return SentFrom.UNKNOWN
