"""The Reporting API end to end: the app over HTTPS (gunicorn's own TLS, with a certificate made
here), chromium refuses an inline script under the policy, sends its report by the Reporting API
(`report-to`, the endpoint named in `Reporting-Endpoints`), the app stores it, and an
administrator reads it in the admin.

Chromium sends Reporting API reports only from HTTPS pages (here with the certificate error
ignored), and may queue them for up to a minute to send in a batch. `--short-reporting-delay`, a
switch of chromium's own for its web tests, makes that a tenth of a second. Debian's chromium 156
sent this report within 0.2 s without it too, but the switch keeps the test quick if a later one
batches; the test waits for the report itself, never for a set time. Over plain HTTP chromium
uses `report-uri` instead: tests/browser/test_csp_reports.py.
"""

import datetime
import ipaddress
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.browser.staff_steps import STAFF_PASSWORD, log_in_to_admin
from tests.browser.test_csp_reports import INJECT, stored_reports


def self_signed_certificate(directory) -> tuple:
    """A certificate for 127.0.0.1 valid for a day, and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def https_server(start_server, tmp_path):
    server = start_server.server(settings={"DJANGO_HTTPS": "true"})
    server.tls = self_signed_certificate(tmp_path)
    server.start()
    server.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser('rui', 'rui@example.org', '{STAFF_PASSWORD}')",
    )
    return server


@pytest.fixture
def reporting_browser(playwright):
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--short-reporting-delay"]
    )
    yield browser
    browser.close()


def reports_delivered(page, events: list, timeout=10.0) -> list[dict]:
    """The reports chromium says it delivered to our endpoint, once there is one (or none at the
    timeout, for the assertion). Waiting on the page lets Playwright hand over the events."""
    deadline = time.monotonic() + timeout
    while True:
        done = [
            event["report"]
            for event in events
            if event["report"]["status"] == "Success"
            and event["report"]["destination"] == "csp-violations"
        ]
        if done or time.monotonic() > deadline:
            return done
        page.wait_for_timeout(50)


def test_a_refusal_over_https_is_sent_by_the_reporting_api_stored_and_shown(
    reporting_browser, https_server
):
    context = reporting_browser.new_context(
        viewport=PHONE, ignore_https_errors=True, service_workers="block"
    )
    page = context.new_page()
    # Chromium's own account of its Reporting API queue (the DevTools protocol).
    devtools = context.new_cdp_session(page)
    updates = []
    devtools.on("Network.reportingApiReportUpdated", lambda event: updates.append(event))
    devtools.on("Network.reportingApiReportAdded", lambda event: updates.append(event))
    devtools.send("Network.enable")
    devtools.send("Network.enableReportingApi", {"enable": True})
    mark = https_server.log_mark()

    response = page.goto(https_server.url + "/offline/?q=never+stored")
    ran = page.evaluate(INJECT)
    delivered = reports_delivered(page, updates)
    rows = stored_reports(https_server)
    posts = https_server.requests_once(
        lambda found: ("POST", "/security/csp-reports/", 204) in found, since=mark
    )

    log_in_to_admin(page, https_server)
    page.goto(https_server.url + "/admin/security/cspreport/")
    listed = page.locator("#result_list tbody tr")

    assert "report-to csp-violations" in response.headers["content-security-policy"]
    assert ran is False
    assert [(r["type"], r["body"]["effectiveDirective"]) for r in delivered] == [
        ("csp-violation", "script-src-elem")
    ]
    # One upload, by the Reporting API alone: chromium leaves report-uri aside when report-to
    # is named.
    assert [r for r in posts if r[1] == "/security/csp-reports/"] == [
        ("POST", "/security/csp-reports/", 204)
    ]
    assert rows == [("script-src-elem", "inline", f"{https_server.url}/offline/", 1)]
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("script-src-elem")
    expect(listed).to_contain_text(f"{https_server.url}/offline/")
    context.close()
