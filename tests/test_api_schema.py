"""Generated requests against the documented API find no server error and no schema mismatch."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())

# Whether a submission is accepted depends on the data (is that condition published?), which a
# schema cannot say; every other check, a 5xx included, still applies to them.
STATE_DEPENDENT = {"POST"}


@pytest.fixture
def connection_kept_open():
    """As Django's test client does: the test's transaction spans the requests, so the end of a
    request must not close the database connection (PostgreSQL would lose the transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_matches_its_schema(case, seeded, connection_kept_open):
    excluded = [positive_data_acceptance] if case.method in STATE_DEPENDENT else []
    # Schemathesis calls the WSGI app directly, with nothing to undo a compressed body.
    case.call_and_validate(headers={"Accept-Encoding": "identity"}, excluded_checks=excluded)


def test_the_submission_endpoints_are_documented():
    documented = {
        (path, method.upper())
        for path, operations in schema.raw_schema["paths"].items()
        for method in operations
    }
    for path in ("/api/v1/questions/", "/api/v1/feedback/", "/api/v1/comments/"):
        assert (path, "POST") in documented
