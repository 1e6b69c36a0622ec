"""Browsers' reports of what the Content-Security-Policy refused: both formats stored and counted,
every response pointing browsers at the endpoint, hostile bodies refused by name (never a 500),
a rate limit per address, read-only in the admin, and deleted after the retention period."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from security.models import CspReport
from tests.staff import staff_client

ENDPOINT = "/security/csp-reports/"
# As chromium sends them for an inline script on a condition page (report-uri, then report-to).
CSP_REPORT = {
    "csp-report": {
        "document-uri": "https://guide.example.org/conditions/dystonia/?q=my+private+words",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'none'; script-src 'self'",
        "disposition": "enforce",
        "blocked-uri": "inline",
        "line-number": 12,
        "column-number": 3,
        "source-file": "https://guide.example.org/conditions/dystonia/",
        "status-code": 200,
        "script-sample": "alert(1)",
    }
}
# Exactly as chromium 156 sent one over HTTPS (report-to), with a report of another kind after it.
REPORTS_JSON = [
    {
        "age": 40,
        "body": {
            "blockedURL": "inline",
            "columnNumber": 95,
            "disposition": "enforce",
            "documentURL": "https://guide.example.org/ask/?condition=dystonia#form",
            "effectiveDirective": "script-src-elem",
            "lineNumber": 1,
            "originalPolicy": "default-src 'none'; script-src 'self'; report-to csp-violations",
            "referrer": "",
            "sample": "",
            "statusCode": 200,
        },
        "type": "csp-violation",
        "url": "https://guide.example.org/ask/?condition=dystonia#form",
        "user_agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/156.0.0.0 Safari/537.36",
    },
    {"age": 1, "type": "deprecation", "url": "https://guide.example.org/", "body": {"id": "x"}},
]


def post(client, body, content_type="application/csp-report", **extra):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.generic("POST", ENDPOINT, data, content_type=content_type, **extra)


def test_a_report_uri_report_is_stored_without_the_pages_query(client, db):
    response = post(client, CSP_REPORT)

    assert response.status_code == 204
    report = CspReport.objects.get()
    assert report.directive == "script-src-elem"
    assert report.blocked_url == "inline"
    assert report.document_url == "https://guide.example.org/conditions/dystonia/"
    assert (report.line, report.column, report.sample) == (12, 3, "alert(1)")
    assert report.count == 1


def test_a_reporting_api_report_is_stored_and_other_kinds_of_report_are_left_out(client, db):
    response = post(client, REPORTS_JSON, content_type="application/reports+json")

    assert response.status_code == 204
    report = CspReport.objects.get()
    assert report.directive == "script-src-elem"
    assert report.blocked_url == "inline"
    assert report.document_url == "https://guide.example.org/ask/"
    assert (report.line, report.column, report.source_file) == (1, 95, "")


def test_a_blocked_address_is_kept_without_its_query(client, db):
    report = json.loads(json.dumps(CSP_REPORT))
    report["csp-report"].update(
        {"effective-directive": "img-src", "blocked-uri": "https://tracker.example/p.gif?id=42"}
    )

    post(client, report)

    assert CspReport.objects.get().blocked_url == "https://tracker.example/p.gif"


def test_the_same_refusal_again_is_counted_on_its_row(client, db):
    for _ in range(3):
        post(client, CSP_REPORT)
    other_page = json.loads(json.dumps(CSP_REPORT))
    other_page["csp-report"]["document-uri"] = "https://guide.example.org/"
    post(client, other_page)

    assert sorted(CspReport.objects.values_list("count", flat=True)) == [1, 3]


def test_every_response_names_the_report_endpoint(client, db):
    response = client.get("/offline/")

    assert f"report-uri {ENDPOINT}" in response["Content-Security-Policy"]
    # Over plain HTTP chromium would send nothing to a report-to endpoint, and would then
    # ignore report-uri too (tests/browser/test_production_server.py checks HTTPS).
    assert "report-to" not in response["Content-Security-Policy"]
    assert not response.has_header("Reporting-Endpoints")


@pytest.mark.parametrize(
    ("body", "content_type", "status", "named"),
    [
        (b"{not json", "application/csp-report", 400, "not JSON"),
        (b"\xff\xfe{}", "application/csp-report", 400, "not UTF-8"),
        ("[" * 3000 + "]" * 3000, "application/reports+json", 400, "nested too deeply"),
        ('{"csp-report": {"a": [[[[[1]]]]]}}', "application/csp-report", 400, "nested too deeply"),
        ("[]", "application/csp-report", 400, '"csp-report" object'),
        ('{"csp-report": {}}', "application/csp-report", 400, '"effective-directive" is missing'),
        (
            '{"csp-report": {"effective-directive": ["img-src"]}}',
            "application/csp-report",
            400,
            '"effective-directive" must be text',
        ),
        (
            '{"csp-report": {"effective-directive": "img-src", "line-number": 1e99}}',
            "application/csp-report",
            400,
            '"line-number" must be a whole number',
        ),
        (
            '{"csp-report": {"effective-directive": "img-src", "line-number": 99999999999}}',
            "application/csp-report",
            400,
            '"line-number" must be a whole number',
        ),
        ('{"csp-report": {}}', "application/reports+json", 400, "list of reports"),
        ('[{"type": "csp-violation"}]', "application/reports+json", 400, '"body" object'),
        ("[1]", "application/reports+json", 400, "Report 0 is not a JSON object"),
        ('{"csp-report": {}}', "text/plain", 415, "application/csp-report"),
        ("x" * 9000, "application/csp-report", 413, "at most 8192 bytes"),
    ],
)
def test_a_body_that_is_not_a_report_is_refused_by_name_and_stores_nothing(
    client, db, body, content_type, status, named
):
    response = post(client, body, content_type=content_type)

    assert response.status_code == status
    assert named in response.json()["detail"]
    assert not CspReport.objects.exists()


def test_a_body_without_a_length_is_refused_unread(client, db):
    response = post(client, CSP_REPORT, CONTENT_LENGTH="", HTTP_TRANSFER_ENCODING="chunked")

    assert response.status_code == 411
    assert not CspReport.objects.exists()


def test_only_posts_are_accepted(client, db):
    assert client.get(ENDPOINT).status_code == 405


def test_one_address_may_send_only_so_many_reports(client, db, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "csp_reports": "3/hour",
        },
    }

    answers = [post(client, CSP_REPORT).status_code for _ in range(4)]
    elsewhere = post(client, CSP_REPORT, REMOTE_ADDR="192.0.2.9")
    question = client.post(
        "/api/v1/questions/",
        {"text": "Is this normal?", "consent": True},
        content_type="application/json",
        headers={"Idempotency-Key": "6f9619ff-8b86-d011-b42d-00c04fc964ff"},
    )

    assert answers == [204, 204, 204, 429]
    limited = post(client, CSP_REPORT)
    assert int(limited["Retry-After"]) > 0
    assert "Too many reports" in limited.json()["detail"]
    assert elsewhere.status_code == 204
    assert CspReport.objects.get().count == 4
    # Reports count apart from what readers send.
    assert question.status_code == 201


def test_administrators_read_reports_and_nobody_changes_them(client, editor_client):
    from django.contrib.auth.models import User

    administrator = staff_client(User.objects.create_superuser("ada", "ada@example.org", "pw"))
    post(client, CSP_REPORT)
    report = CspReport.objects.get()

    listing = administrator.get("/admin/security/cspreport/")
    detail = administrator.get(f"/admin/security/cspreport/{report.pk}/change/")
    added = administrator.get("/admin/security/cspreport/add/")
    deleted = administrator.get(f"/admin/security/cspreport/{report.pk}/delete/")

    assert listing.status_code == 200
    assert "script-src-elem" in listing.content.decode()
    assert detail.status_code == 200
    assert 'name="directive"' not in detail.content.decode()  # read-only
    assert added.status_code == 403
    assert deleted.status_code == 403
    assert editor_client.get("/admin/security/cspreport/").status_code == 403


def test_reports_not_seen_for_the_retention_period_are_deleted(client, db, settings):
    settings.CSP_REPORT_RETENTION_DAYS = 30
    post(client, CSP_REPORT)
    post(client, REPORTS_JSON, content_type="application/reports+json")
    CspReport.objects.filter(document_url__endswith="/ask/").update(
        last_seen=timezone.now() - datetime.timedelta(days=31)
    )

    call_command("delete_old_security_records", verbosity=0)

    assert list(CspReport.objects.values_list("document_url", flat=True)) == [
        "https://guide.example.org/conditions/dystonia/"
    ]
