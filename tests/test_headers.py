"""What a response may do in a browser, beyond the pages' policy (tests/test_production.py): JSON
answers allow nothing, and no other origin may embed anything of this one."""

import json

import pytest

from tests.headers import csp_directives

SLUG = "severe-or-persistent-muscle-spasms"
# What a JSON answer may do: nothing. Its refusals are reported like a page's (over HTTPS by the
# Reporting API too: tests/browser/test_observatory.py).
NOTHING = {
    "default-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'none'",
    "frame-ancestors": "'none'",
    "report-uri": "/security/csp-reports/",
}


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/conditions/", 200),
        (f"/api/v1/conditions/{SLUG}/", 200),
        ("/api/v1/search/?q=spasm", 200),
        ("/api/v1/search/?q=", 400),
        ("/api/v1/offline-manifest/", 200),
        ("/api/v1/conditions/no-such-condition/", 404),
        ("/api/v1/no-such-endpoint/", 404),
        ("/manifest.webmanifest", 200),
    ],
)
def test_json_answers_carry_a_policy_that_allows_nothing(client, seeded, path, status):
    response = client.get(path)

    assert response.status_code == status
    assert response["Content-Type"].split(";")[0] in {
        "application/json",
        "application/manifest+json",
    }
    assert csp_directives(response) == NOTHING
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_a_refused_submission_answers_under_the_same_bare_policy(client, seeded):
    response = client.post(
        "/api/v1/questions/", data=json.dumps({"text": ""}), content_type="application/json"
    )

    assert response.status_code == 400
    assert csp_directives(response) == NOTHING


def test_the_api_docs_and_the_pages_keep_their_own_policies(client, seeded):
    docs = client.get("/api/v1/docs/")
    schema = client.get("/api/v1/schema/")
    page = client.get(f"/conditions/{SLUG}/")

    assert docs["Content-Type"].startswith("text/html")
    assert csp_directives(docs)["img-src"] == "'self' data:"
    assert csp_directives(docs)["script-src"] == "'self'"
    assert csp_directives(page)["script-src"] == "'self'"
    # The OpenAPI schema is YAML, not JSON: it keeps the pages' policy, which allows it nothing
    # more than that policy allows any page.
    assert schema["Content-Type"].startswith("application/vnd.oai.openapi")
    assert csp_directives(schema)["default-src"] == "'none'"


@pytest.mark.parametrize(
    "path",
    [
        "frontend/css/app.css",  # a static file
        "/sw.js",
        "/no-such-page/",
        "/security/csp-reports/",  # a GET: 405
    ],
)
def test_no_other_origin_may_embed_any_response(client, db, path):
    from django.templatetags.static import static

    response = client.get(path if path.startswith("/") else static(path))

    assert response.status_code in {200, 404, 405}
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_a_request_for_another_host_is_not_embeddable_either(client, db):
    response = client.get("/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
