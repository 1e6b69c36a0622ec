"""The headers that tell browsers what a response may do: the Content-Security-Policy (django-csp)
and the Permissions-Policy (django-permissions-policy). Read by config/settings.py."""

from csp.constants import NONE, SELF

# Every byte comes from this server, and a response may use only what the pages need: scripts,
# styles and images from this origin, requests back to it, its manifest and service worker. No
# inline script or style, no plugins, no fonts, no frames, no <base>; forms post here only; no
# other page may frame these. Views that need more add it for themselves alone: the admin's
# preview screen frames the draft (frame-src 'self'), the draft page inside it may be framed by
# this origin (frame-ancestors 'self'), and the API docs' Swagger UI draws its icons from data:
# URLs. Browsers report what the policy refused to CSP_REPORT_PATH (security/views.py): over
# HTTPS by the Reporting API (report-to, its endpoint named in the Reporting-Endpoints header),
# otherwise by report-uri. Chromium uses report-to alone when the policy names it, and only
# over HTTPS, so plain HTTP (development, test servers) names report-uri alone.
CSP_REPORT_PATH = "/security/csp-reports/"


def csp_report_group(*, https: bool) -> str:
    return "csp-violations" if https else ""


def content_security_policy(*, https: bool) -> dict:
    return {
        "DIRECTIVES": {
            "default-src": [NONE],
            "script-src": [SELF],
            "style-src": [SELF],
            "img-src": [SELF],
            "connect-src": [SELF],
            "manifest-src": [SELF],
            "worker-src": [SELF],
            "base-uri": [NONE],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
            "report-uri": [CSP_REPORT_PATH],
            **(
                {"report-to": csp_report_group(https=https), "upgrade-insecure-requests": True}
                if https
                else {}
            ),
        },
    }


# The app uses none of these; saying so stops any embedded content from asking for them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
