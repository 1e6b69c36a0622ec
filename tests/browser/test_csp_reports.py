"""A refusal under the Content-Security-Policy, in chromium, reaches the report store: the page
breaks the policy the way injected markup would, and chromium reports it by itself.

The test server speaks plain HTTP, where chromium sends `report-uri` reports
(application/csp-report); over HTTPS it sends the Reporting API's application/reports+json
instead: tests/browser/test_reporting_api.py, and tests/test_csp_reports.py posts such a body
exactly as chromium sent it.
"""

import time

from tests.browser.conftest import PHONE

# A script element with inline text, as an injection would add: the policy refuses to run it.
INJECT = """() => {
    const script = document.createElement("script");
    script.textContent = "window.injected = true";
    document.body.append(script);
    return window.injected === true;
}"""


def stored_reports(server, until=bool, timeout=10.0) -> list[tuple]:
    """The stored reports once `until` holds for them (or at the timeout, for the assertion)."""
    deadline = time.monotonic() + timeout
    while True:
        rows = server.query(
            "SELECT directive, blocked_url, document_url, count FROM security_cspreport"
        )
        if (rows and until(rows)) or time.monotonic() > deadline:
            return rows
        time.sleep(0.1)


def test_an_inline_script_chromium_refuses_is_reported_and_stored(browser, app_server):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    refused = []
    context.on("console", lambda m: refused.append(m.text) if "Security Policy" in m.text else 0)
    page = context.new_page()
    page.goto(app_server.url + "/offline/?q=never+stored")
    ran = page.evaluate(INJECT)
    rows = stored_reports(app_server)
    # Chromium reports a refusal once per page: the same one on the page loaded again.
    page.reload()
    page.evaluate(INJECT)
    again = stored_reports(app_server, until=lambda found: found[0][3] == 2)
    context.close()

    assert ran is False
    assert any("script-src" in message for message in refused)
    assert rows == [("script-src-elem", "inline", f"{app_server.url}/offline/", 1)]
    assert again == [("script-src-elem", "inline", f"{app_server.url}/offline/", 2)]
    assert ("POST", "/security/csp-reports/", 204) in app_server.requests()
