"""The endpoint browsers send Content-Security-Policy reports to (settings.CSP_REPORT_PATH).

Anyone can post here, so it is careful: a body over GUIDE_CSP_REPORT_MAX_BYTES is refused with
413 before it is read, one address may send GUIDE_CSP_REPORT_RATE reports (429 with Retry-After,
counted like submissions in the shared cache), anything that is not a report gets 400 naming
the problem, and nothing is ever answered with a 500.
"""

import math

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from submissions.limits import SubmissionRateThrottle

from .reports import CSP_REPORT, REPORTS_JSON, ReportRefused, report_store, reports_read


class ReportRateThrottle(SubmissionRateThrottle):
    """Reports from one address, counted apart from submissions (settings.REST_FRAMEWORK)."""

    scope = "csp_reports"


def _refused(status: int, detail: str, **headers) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status, headers=headers)


@csrf_exempt
@require_POST
def csp_report(request):
    throttle = ReportRateThrottle()
    if not throttle.allow_request(request, None):
        wait = max(1, math.ceil(throttle.wait() or 1))
        return _refused(
            429,
            f"Too many reports from this address; try again in {wait} s.",
            **{"Retry-After": str(wait)},
        )
    limit = settings.CSP_REPORT_MAX_BYTES
    declared = request.META.get("CONTENT_LENGTH", "")
    if not declared:
        return _refused(411, "Send the report with a Content-Length header.")
    if not declared.isdigit() or int(declared) > limit:
        return _refused(413, f"A report may be at most {limit} bytes.")
    content_type = request.content_type
    if content_type not in (CSP_REPORT, REPORTS_JSON):
        return _refused(415, f"Send reports as {CSP_REPORT} or {REPORTS_JSON}.")
    try:
        violations = reports_read(request.body, content_type)
    except ReportRefused as refusal:
        return _refused(400, str(refusal))
    for fields in violations:
        report_store(fields)
    return HttpResponse(status=204)
