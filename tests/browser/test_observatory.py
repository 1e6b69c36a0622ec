"""The Mozilla HTTP Observatory's score (tests/observatory.py, by its published rules) of the
addresses the issue names, from the app under gunicorn with production settings behind a
TLS-terminating proxy: at least 125 each, all it offers but the HSTS preload bonus, which is the
site owner's choice."""

import pytest

from tests.browser.test_production_server import VIA_HTTPS, request
from tests.observatory import Visit, score

PATHS = [
    "/",
    "/conditions/severe-or-persistent-muscle-spasms/",
    "/api/v1/conditions/",
    "/admin/login/",
]


def observatory_visit(server, path: str) -> Visit:
    """As the Observatory fetches an address: http:// first, following the redirect to https://
    (through the proxy), keeping every cookie set on the way; then once more with an Origin."""
    route, set_cookies = [f"http://127.0.0.1:{server.port}{path}"], []
    status, headers, body = request(server, "GET", path)
    set_cookies += headers.get_all("Set-Cookie") or []
    while status in (301, 302, 307, 308):
        route.append(headers["Location"])
        assert route[-1].startswith(f"https://127.0.0.1:{server.port}/"), route
        path = route[-1].removeprefix(f"https://127.0.0.1:{server.port}")
        status, headers, body = request(server, "GET", path, headers=VIA_HTTPS)
        set_cookies += headers.get_all("Set-Cookie") or []
    assert status == 200, (path, status)
    visit = Visit(
        route=route,
        headers={name.lower(): headers.get_all(name) for name in set(headers)},
        body=body,
        set_cookies=set_cookies,
    )
    _, cors, _ = request(server, "GET", path, headers={**VIA_HTTPS, "Origin": visit.cors_origin})
    visit.cors = {name.lower(): value for name, value in cors.items()}
    return visit


@pytest.fixture
def production_server(start_server):
    return start_server(
        settings={"DJANGO_HTTPS": "true", "DJANGO_NUM_PROXIES": "1"}, probe_headers=VIA_HTTPS
    )


def test_each_address_scores_at_least_125_in_the_http_observatory(production_server):
    visits = {path: observatory_visit(production_server, path) for path in PATHS}
    scores = {path: score(visit) for path, visit in visits.items()}

    assert {path: points for path, (points, _) in scores.items()} == {
        "/": 140,
        "/conditions/severe-or-persistent-muscle-spasms/": 140,
        "/api/v1/conditions/": 140,
        "/admin/login/": 145,  # its cookies add 5
    }, scores
    for path, (points, results) in scores.items():
        assert points >= 125, f"{path} scores {points}: {results}"
        assert results["cross-origin-resource-policy"] == "corp-implemented-with-same-origin"
        assert results["cross-origin-opener-policy"] == "coop-implemented-with-same-origin"
        assert results["content-security-policy"] == (
            "csp-implemented-with-no-unsafe-default-src-none"
        )
        assert results["redirection"] == "redirection-to-https"
        assert results["strict-transport-security"] == (
            "hsts-implemented-max-age-at-least-six-months"
        )
    assert scores["/admin/login/"][1]["cookies"] == (
        "cookies-secure-with-httponly-sessions-and-samesite"
    )
    # Over HTTPS, browsers are pointed at the report endpoint by the Reporting API too.
    home, api = visits["/"], visits["/api/v1/conditions/"]
    assert "report-to csp-violations" in home.first("content-security-policy")
    assert home.first("reporting-endpoints") == 'csp-violations="/security/csp-reports/"'
    # JSON loads nothing: its policy allows nothing, and reports like a page's.
    assert sorted(api.first("content-security-policy").split("; ")) == [
        "base-uri 'none'",
        "default-src 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
        "report-to csp-violations",
        "report-uri /security/csp-reports/",
    ]
