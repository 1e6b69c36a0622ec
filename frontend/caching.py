"""How long browsers and CDNs may keep what the app sends, for responses whose view did not say."""

PERSONAL = "private, no-cache"
SHARED = "public, no-cache"


def revalidate_by_default(get_response):
    """Middleware: every GET answer names its caching.

    Views that decide for themselves keep their header (the API, condition pages, sw.js, the
    admin). Of the rest, a page that sets a cookie or depends on one (a form's CSRF token) is for
    this reader only; any other may be kept anywhere, but must be revalidated before reuse.
    """

    def middleware(request):
        response = get_response(request)
        if request.method in ("GET", "HEAD") and "Cache-Control" not in response:
            personal = bool(response.cookies) or "cookie" in response.get("Vary", "").lower()
            response["Cache-Control"] = PERSONAL if personal else SHARED
        return response

    return middleware
