"""Generated requests against the documented API find no server error and no schema mismatch."""

import uuid

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from rest_framework.settings import api_settings
from schemathesis.core.parameters import ParameterLocation

from tests.test_submissions_api import DYSTONIA

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


def with_state_the_schema_cannot_know(case) -> None:
    """Whether a submission is accepted also depends on what is stored: the condition must be
    published and a key is used once. A generated value for either becomes a real one, so that
    every other rule the schema states is checked both ways."""
    if isinstance(case.body, dict) and isinstance(case.body.get("condition"), str):
        case.body = {**case.body, "condition": DYSTONIA}
    if case.headers and not case.meta.is_negative_at(ParameterLocation.HEADER):
        case.headers = {**case.headers, "Idempotency-Key": str(uuid.uuid4())}


@pytest.fixture
def no_rate_limit():
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "submissions": "100000/hour"}
    with override_settings(
        REST_FRAMEWORK={**api_settings.user_settings, "DEFAULT_THROTTLE_RATES": rates}
    ):
        yield


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
def test_api_matches_its_schema(case, seeded, connection_kept_open, no_rate_limit):
    with_state_the_schema_cannot_know(case)
    # Schemathesis calls the WSGI app directly, with nothing to undo a compressed body.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})


def test_the_submission_endpoints_are_documented():
    documented = {
        (path, method.upper())
        for path, operations in schema.raw_schema["paths"].items()
        for method in operations
    }
    for path in ("/api/v1/questions/", "/api/v1/feedback/", "/api/v1/comments/"):
        assert (path, "POST") in documented
