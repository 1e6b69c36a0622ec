"""The headers that tell browsers what a response may do: the Content-Security-Policy (django-csp),
the Permissions-Policy (django-permissions-policy) and the Cross-Origin-Resource-Policy. Read by
config/settings.py; the two middlewares at the end are in its MIDDLEWARE."""

from csp.constants import NONE, SELF
from django.conf import settings

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


def _reporting(*, https: bool) -> dict:
    return {
        "report-uri": [CSP_REPORT_PATH],
        **({"report-to": csp_report_group(https=https)} if https else {}),
    }


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
            **_reporting(https=https),
            **({"upgrade-insecure-requests": True} if https else {}),
        },
    }


# A JSON answer (the API, the web app manifest, the offline manifest) loads nothing and runs
# nothing, so its policy allows nothing: should a browser ever render one as a document, no
# script, style, image or form works in it, and no other page may frame it. Refusals are still
# reported, like a page's.


def json_content_security_policy(*, https: bool) -> dict:
    return {
        "default-src": [NONE],
        "base-uri": [NONE],
        "form-action": [NONE],
        "frame-ancestors": [NONE],
        **_reporting(https=https),
    }


def json_policy(get_response):
    """Gives each JSON response the bare policy above instead of the pages' one (unless its view
    chose a policy of its own). Below django-csp's middleware, which builds the header from it."""

    def middleware(request):
        response = get_response(request)
        mime = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
        json = mime == "application/json" or mime.endswith("+json")
        if json and getattr(response, "_csp_config", None) is None:
            response._csp_config = settings.JSON_CONTENT_SECURITY_POLICY
        return response

    return middleware


# No page of another origin may embed a response of this one (as an image, script, style, audio
# or anything else a browser fetches without CORS): it would also let a side channel such as
# Spectre read the bytes. Same-origin pages, the service worker and the manifest are unaffected,
# and so is every client that is not a browser. First in MIDDLEWARE, so that every response has
# it, HTTPS redirects and static files too.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"


def cross_origin_resource_policy(get_response):
    def middleware(request):
        response = get_response(request)
        response.setdefault("Cross-Origin-Resource-Policy", CROSS_ORIGIN_RESOURCE_POLICY)
        return response

    return middleware


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
