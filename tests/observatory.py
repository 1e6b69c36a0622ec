"""The Mozilla HTTP Observatory's score of one address, computed by its published rules from what
the server sent: a test tool, so that a change that weakens a header fails a test.

The rules are those of mdn/mdn-http-observatory (the Observatory MDN runs), read at commit
94042bbfbf9f1af722ad9114ada6d271dcb525b9 (2026-08-20): the modifiers in src/grader/charts.js
(SCORE_TABLE), the two rounds in src/scanner/index.js (penalties first; bonuses only for a score
of 90 or more), and each test in src/analyzer/tests/ (csp.js with analyzer/cspParser.js,
cookies.js, cors.js, redirection.js, referrer-policy.js, strict-transport-security.js,
subresource-integrity.js, x-content-type-options.js, x-frame-options.js,
cross-origin-resource-policy.js, cross-origin-opener-policy.js, cross-origin-embedder-policy.js).
Re-written here for one HTTP policy header and no <meta http-equiv>, which this app never sends;
the HSTS preload list is not consulted (preloading is the site owner's choice).
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

MODIFIERS = {
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-implemented-but-duplicate-directives": 0,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    "redirection-to-https": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "hsts-not-implemented-no-https": -20,
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    "corp-implemented-with-same-origin": 10,
    "corp-implemented-with-same-site": 10,
    "corp-implemented-with-cross-origin": 0,
    "corp-not-implemented": 0,
    "corp-header-invalid": -5,
    "coop-implemented-with-same-origin": 10,
    "coop-implemented-with-same-origin-allow-popups": 10,
    "coop-implemented-with-noopener-allow-popups": 10,
    "coop-implemented-with-unsafe-none": 0,
    "coop-not-implemented": 0,
    "coop-header-invalid": -5,
    "coep-implemented-with-require-corp": 10,
    "coep-implemented-with-credentialless": 10,
    "coep-implemented-with-unsafe-none": 0,
    "coep-not-implemented": 0,
    "coep-header-invalid": -5,
}
MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90
BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
SIX_MONTHS = 15768000


@dataclass
class Visit:
    """What the Observatory fetches for one address: the redirects from its http:// form (each
    URL in order, ending at the final one), the final response's headers and body, every
    Set-Cookie of the way, and the Access-Control headers of a request with an Origin."""

    route: list[str]
    headers: dict[str, list[str]]  # lower-case names
    body: str = ""
    set_cookies: list[str] = field(default_factory=list)
    cors: dict[str, str] = field(default_factory=dict)
    cors_origin: str = "https://http-observatory.security.mozilla.org"

    def first(self, name: str) -> str | None:
        values = self.headers.get(name, [])
        return values[0] if values else None

    @property
    def https(self) -> bool:
        return self.route[-1].startswith("https:")


def parse_csp(value: str) -> dict[str, set[str]] | None:
    """One policy's directives and their sources (cspParser.js), or None when it is invalid."""
    value = value.replace("\r", "").replace("\n", "").strip()
    if len(value) < len("img-src") - 1:
        return None
    policy: dict[str, set[str]] = {}
    for entry in value.split(";"):
        directive, *sources = entry.strip().split()
        if not directive and not sources:
            continue
        directive = directive.lower()
        if directive in policy and directive not in {"report-uri", "report-to"}:
            return None
        if not sources and directive.endswith("-src"):
            sources = ["'none'"]
        policy[directive] = {source.lower() for source in sources}
    return policy


def csp_test(visit: Visit) -> tuple[str, dict | None]:
    headers = visit.headers.get("content-security-policy", [])
    policies = [part.strip() for header in headers for part in header.split(",")]
    if not policies:
        return "csp-not-implemented", None
    assert len(policies) == 1, "the scorer reads one policy; the app sends one"
    csp = parse_csp(policies[0])
    if csp is None:
        return "csp-header-invalid", None
    if not csp:
        return "csp-not-implemented", None
    default = csp.get("default-src")
    script = set(csp.get("script-src") or default or {"*"})
    style = set(csp.get("style-src") or default or {"*"})
    objects = csp.get("object-src") or default or {"*"}
    nonces = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")
    for sources in (script, style):
        if any(s.startswith(nonces) for s in sources):
            sources.discard("'unsafe-inline'")
    if "'strict-dynamic'" in script:
        if not any(s.startswith(nonces) for s in script):
            return "csp-header-invalid", csp
        script = {s for s in script if s not in {"'self'", "'unsafe-inline'"}}
        script = {s for s in script if not any(s.startswith(b) for b in BROAD)}
    passive = {"img-src", "media-src"}
    active = [s for d, v in csp.items() if d not in passive and d != "script-src" for s in v]
    active += list(script)
    passive_sources = [s for d in passive for s in (csp.get(d) or default or set())]
    insecure = ("http:", "ftp:")
    if script & (BROAD | UNSAFE_INLINE) or objects & BROAD:
        result = "csp-implemented-with-unsafe-inline"
    elif visit.https and any(s.startswith(insecure) for s in active):
        result = "csp-implemented-with-insecure-scheme"
    elif "'unsafe-eval'" in script | style:
        result = "csp-implemented-with-unsafe-eval"
    elif visit.https and any(s.startswith(insecure) for s in passive_sources):
        result = "csp-implemented-with-insecure-scheme-in-passive-content-only"
    elif style & (BROAD | UNSAFE_INLINE):
        result = "csp-implemented-with-unsafe-inline-in-style-src-only"
    elif default == {"'none'"}:
        result = "csp-implemented-with-no-unsafe-default-src-none"
    else:
        result = "csp-implemented-with-no-unsafe"
    return result, csp


def hsts_test(visit: Visit) -> str:
    if not visit.https:
        return "hsts-not-implemented-no-https"
    header = visit.first("strict-transport-security")
    if header is None:
        return "hsts-not-implemented"
    max_age = None
    if "," in header:
        return "hsts-header-invalid"
    for parameter in (p.strip().lower() for p in header[:1024].split(";")):
        if parameter.startswith("max-age="):
            digits = parameter[8:128]
            max_age = int(digits) if digits.isdigit() else None
    if max_age is None:
        return "hsts-header-invalid"
    if max_age < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months"
    return "hsts-implemented-max-age-at-least-six-months"


COOKIE_BADNESS = [
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
]


def cookies_test(visit: Visit, *, hsts: bool) -> str:
    result = None

    def worse(candidate):
        nonlocal result
        if result is None or COOKIE_BADNESS.index(candidate) > COOKIE_BADNESS.index(result):
            result = candidate

    jar = []
    for raw in visit.set_cookies:
        for part in raw.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "samesite" and value.strip().lower() not in {"lax", "strict", "none"}:
                worse("cookies-samesite-flag-invalid")
        jar.extend(SimpleCookie(raw).values())
    if not jar:
        return "cookies-not-found"
    missing_samesite = False
    for cookie in jar:
        name = cookie.key.lower()
        session = "login" in name or "sess" in name
        secure, same_site = bool(cookie["secure"]), cookie["samesite"]
        if not secure and same_site.lower() == "none":
            worse("cookies-samesite-flag-invalid")
        if not secure:
            worse(
                "cookies-without-secure-flag-but-protected-by-hsts"
                if hsts
                else "cookies-without-secure-flag"
            )
        if "csrf" in name and not same_site:
            worse("cookies-anticsrf-without-samesite-flag")
        if session and not secure:
            worse(
                "cookies-session-without-secure-flag-but-protected-by-hsts"
                if hsts
                else "cookies-session-without-secure-flag"
            )
        if session and not cookie["httponly"]:
            worse("cookies-session-without-httponly-flag")
        missing_samesite = missing_samesite or not same_site
    if result:
        return result
    if missing_samesite:
        return "cookies-secure-with-httponly-sessions"
    return "cookies-secure-with-httponly-sessions-and-samesite"


def cors_test(visit: Visit) -> str:
    allowed = visit.cors.get("access-control-allow-origin")
    if not allowed:
        return "cross-origin-resource-sharing-not-implemented"
    allowed = allowed[:256].strip().lower()
    if allowed == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access"
    credentials = visit.cors.get("access-control-allow-credentials", "").strip().lower()
    if allowed == visit.cors_origin and credentials == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access"
    return "cross-origin-resource-sharing-implemented-with-restricted-access"


def redirection_test(visit: Visit) -> str:
    route = [urlsplit(url) for url in visit.route]
    if len(route) == 1:
        return "redirection-missing"
    if route[-1].scheme != "https":
        return "redirection-not-to-https"
    if route[1].scheme == "http":
        return "redirection-not-to-https-on-initial-redirection"
    if route[0].hostname != route[1].hostname:
        return "redirection-off-host-from-http"
    return "redirection-to-https"


def referrer_test(visit: Visit) -> str:
    good = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]
    bad = ["origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"]
    values = visit.headers.get("referrer-policy", [])
    if not values:
        return "referrer-policy-not-implemented"
    known = [
        v.strip().lower() for v in ", ".join(values).split(",") if v.strip().lower() in good + bad
    ]
    policy = known[-1] if known else ""
    if policy in good:
        return "referrer-policy-private"
    return "referrer-policy-unsafe" if policy in bad else "referrer-policy-header-invalid"


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


SRI_BADNESS = [
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-implemented-and-external-scripts-loaded-securely",
    "sri-implemented-but-external-scripts-not-loaded-securely",
    "sri-not-implemented-but-external-scripts-loaded-securely",
    "sri-not-implemented-and-external-scripts-not-loaded-securely",
    "sri-not-implemented-response-not-html",
]


def sri_test(visit: Visit) -> str:
    mime = (visit.first("content-type") or "").split(";", 1)[0]
    if mime and mime not in {"text/html", "application/xhtml+xml"}:
        return "sri-not-implemented-response-not-html"
    parser = _Scripts()
    parser.feed(visit.body)
    if not parser.scripts:
        return "sri-not-implemented-but-no-scripts-loaded"
    host = urlsplit(visit.route[-1]).hostname
    result, foreign = None, False

    def worse(candidate):
        nonlocal result
        if result is None or SRI_BADNESS.index(candidate) > SRI_BADNESS.index(result):
            result = candidate

    for script in parser.scripts:
        src = script.get("src")
        if not src:
            continue
        integrity = script.get("integrity")
        protocol_relative = src.startswith("//") and not src.startswith("///")
        full = src.startswith(("http://", "https://"))
        same_origin = not protocol_relative and (not full or urlsplit(src).hostname == host)
        secure = src.startswith("https://") or (not full and not protocol_relative and visit.https)
        if not same_origin:
            foreign = True
            if integrity and not secure:
                worse("sri-implemented-but-external-scripts-not-loaded-securely")
            elif not integrity:
                worse(
                    "sri-not-implemented-but-external-scripts-loaded-securely"
                    if secure
                    else "sri-not-implemented-and-external-scripts-not-loaded-securely"
                )
        elif integrity and secure and result is None:
            result = "sri-implemented-and-all-scripts-loaded-securely"
    if result:
        return result
    if foreign:
        return "sri-implemented-and-external-scripts-loaded-securely"
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"


def _token_test(visit: Visit, header: str, prefix: str, values: set[str]) -> str:
    found = visit.headers.get(header, [])
    if not found:
        return f"{prefix}-not-implemented"
    if len(found) > 1:
        return f"{prefix}-header-invalid"
    token = found[0][:1024].strip().split(";")[0].strip().lower()
    return f"{prefix}-implemented-with-{token}" if token in values else f"{prefix}-header-invalid"


def visit_results(visit: Visit) -> dict[str, str]:
    """Each test's result for `visit`."""
    csp_result, csp = csp_test(visit)
    hsts = hsts_test(visit)
    xfo = (visit.first("x-frame-options") or "")[:1024].strip().lower()
    if csp and "frame-ancestors" in csp:
        xfo_result = "x-frame-options-implemented-via-csp"
    elif xfo in {"deny", "sameorigin"}:
        xfo_result = "x-frame-options-sameorigin-or-deny"
    elif xfo.startswith("allow-from"):
        xfo_result = "x-frame-options-allow-from-origin"
    else:
        xfo_result = "x-frame-options-header-invalid" if xfo else "x-frame-options-not-implemented"
    xcto = visit.first("x-content-type-options")
    corp = (visit.first("cross-origin-resource-policy") or "")[:256].strip().lower()
    corp_result = {
        "": "corp-not-implemented",
        "same-origin": "corp-implemented-with-same-origin",
        "same-site": "corp-implemented-with-same-site",
        "cross-origin": "corp-implemented-with-cross-origin",
    }.get(corp, "corp-header-invalid")
    return {
        "content-security-policy": csp_result,
        "cookies": cookies_test(visit, hsts=hsts.startswith("hsts-implemented-max-age-at-least")),
        "cross-origin-embedder-policy": _token_test(
            visit,
            "cross-origin-embedder-policy",
            "coep",
            {"require-corp", "credentialless", "unsafe-none"},
        ),
        "cross-origin-opener-policy": _token_test(
            visit,
            "cross-origin-opener-policy",
            "coop",
            {"same-origin", "same-origin-allow-popups", "noopener-allow-popups", "unsafe-none"},
        ),
        "cross-origin-resource-sharing": cors_test(visit),
        "redirection": redirection_test(visit),
        "referrer-policy": referrer_test(visit),
        "strict-transport-security": hsts,
        "subresource-integrity": sri_test(visit),
        "x-content-type-options": (
            "x-content-type-options-not-implemented"
            if xcto is None
            else "x-content-type-options-nosniff"
            if xcto[:256].strip().lower() == "nosniff"
            else "x-content-type-options-header-invalid"
        ),
        "x-frame-options": xfo_result,
        "cross-origin-resource-policy": corp_result,
    }


def score(visit: Visit) -> tuple[int, dict[str, str]]:
    """The score (penalties, then bonuses only if at least 90 is left) and each test's result."""
    results = visit_results(visit)
    modifiers = [MODIFIERS[result] for result in results.values()]
    uncurved = 100 + sum(m for m in modifiers if m < 0)
    total = 100 + sum(modifiers)
    return max(0, total if uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT else uncurved), results
