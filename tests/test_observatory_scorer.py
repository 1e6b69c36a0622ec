"""The Observatory scorer (tests/observatory.py) itself: it must be able to fail, so weak headers
score what the published rules give them."""

from tests.observatory import Visit, score

STRONG = {
    "content-security-policy": ["default-src 'none'; script-src 'self'; frame-ancestors 'none'"],
    "strict-transport-security": ["max-age=31536000; includeSubDomains"],
    "referrer-policy": ["same-origin"],
    "x-content-type-options": ["nosniff"],
    "cross-origin-opener-policy": ["same-origin"],
    "content-type": ["text/html; charset=utf-8"],
}
HTTPS_ROUTE = ["http://example.org/", "https://example.org/"]
SECURE_COOKIE = "__Host-csrftoken=x; HttpOnly; Path=/; SameSite=Lax; Secure"


def test_strong_headers_score_the_bonuses():
    points, results = score(Visit(route=HTTPS_ROUTE, headers=STRONG, set_cookies=[SECURE_COOKIE]))

    # 100 + CSP 10 + cookies 5 + referrer 5 + frame-ancestors 5 + COOP 10
    assert points == 135, results


def test_no_headers_at_all_scores_what_the_rules_take_away():
    points, results = score(Visit(route=["http://example.org/"], headers={}))

    # 100 - CSP 25 - redirection 20 - HSTS 20 - X-Content-Type-Options 5 - X-Frame-Options 20
    assert points == 10, results


def test_each_weakness_costs_its_modifier_and_the_bonuses_with_it():
    weak = {
        **STRONG,
        "content-security-policy": ["default-src 'self'; script-src 'self' 'unsafe-inline'"],
        "referrer-policy": ["unsafe-url"],
    }
    session = "sessionid=x; Path=/; SameSite=Lax; Secure"

    points, results = score(Visit(route=HTTPS_ROUTE, headers=weak, set_cookies=[session]))

    assert results["content-security-policy"] == "csp-implemented-with-unsafe-inline"
    assert results["cookies"] == "cookies-session-without-httponly-flag"
    assert results["x-frame-options"] == "x-frame-options-not-implemented"
    # CSP 20, cookie 30, referrer 5, framing 20: below 90, so the COOP bonus does not count.
    assert points == 100 - 20 - 30 - 5 - 20


def test_a_script_from_elsewhere_without_integrity_costs_50():
    body = '<script src="http://cdn.example.net/x.js"></script><script src="/own.js"></script>'

    points, results = score(Visit(route=HTTPS_ROUTE, headers=STRONG, body=body))

    assert results["subresource-integrity"] == (
        "sri-not-implemented-and-external-scripts-not-loaded-securely"
    )
    assert points == 50


def test_a_duplicate_directive_makes_the_policy_invalid():
    headers = {**STRONG, "content-security-policy": ["default-src 'none'; default-src 'self'"]}

    _, results = score(Visit(route=HTTPS_ROUTE, headers=headers))

    assert results["content-security-policy"] == "csp-header-invalid"
