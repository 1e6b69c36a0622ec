"""The request each audit record comes from, and where browsers send their reports."""

import contextvars

from django.conf import settings

_current_request = contextvars.ContextVar("audit_request", default=None)


def current_request():
    """The request being answered in this thread, or None (a command, a script)."""
    return _current_request.get()


def audit_request(get_response):
    """Keeps the request at hand while it is answered, so that records made by signals that
    carry no request (groups changed in the admin, a condition published) say who and from
    where. After the authentication middleware, which tells who."""

    def middleware(request):
        token = _current_request.set(request)
        try:
            return get_response(request)
        finally:
            _current_request.reset(token)

    return middleware


def reporting_endpoints(get_response):
    """Names the endpoint of the policy's `report-to` group (the Reporting API, over HTTPS);
    browsers that predate it use `report-uri` instead."""

    def middleware(request):
        response = get_response(request)
        if settings.CSP_REPORT_GROUP:
            header = f'{settings.CSP_REPORT_GROUP}="{settings.CSP_REPORT_PATH}"'
            response.setdefault("Reporting-Endpoints", header)
        return response

    return middleware
