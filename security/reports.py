"""Reports of what the Content-Security-Policy refused, as browsers send them, read into one shape
and counted.

Two formats arrive: `application/csp-report` (the `report-uri` directive: one object under
"csp-report", hyphenated keys) and `application/reports+json` (the Reporting API behind
`report-to`: a list of reports, each with a "type" and a "body" in camelCase). Addresses are kept
without their query and fragment, so a reader's search words never reach the table.
"""

import hashlib
import json
from urllib.parse import urlsplit, urlunsplit

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from submissions.parsers import nesting_depth

from .models import CspReport

CSP_REPORT = "application/csp-report"
REPORTS_JSON = "application/reports+json"
MAX_NESTING = 4  # a list of reports, each with a body of plain values

# Our field: (its key in application/csp-report, its key in a Reporting API body).
TEXT_FIELDS = {
    "directive": ("effective-directive", "effectiveDirective"),
    "blocked_url": ("blocked-uri", "blockedURL"),
    "document_url": ("document-uri", "documentURL"),
    "source_file": ("source-file", "sourceFile"),
    "sample": ("script-sample", "sample"),
    "disposition": ("disposition", "disposition"),
}
NUMBER_FIELDS = {
    "line": ("line-number", "lineNumber"),
    "column": ("column-number", "columnNumber"),
}
URL_FIELDS = ("blocked_url", "document_url", "source_file")


class ReportRefused(Exception):
    """A body that is not a report, with the reason the sender is told."""


def reports_read(body: bytes, content_type: str) -> list[dict]:
    """The violations in `body`, each as CspReport's fields, or ReportRefused naming the
    problem. A Reporting API list may hold other kinds of report, which are left out."""
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ReportRefused("The body is not UTF-8 text.") from None
    except RecursionError:
        raise ReportRefused(_too_deep()) from None
    except ValueError as error:
        raise ReportRefused(f"The body is not JSON: {error}.") from None
    if nesting_depth(data, limit=MAX_NESTING) > MAX_NESTING:
        raise ReportRefused(_too_deep())
    if content_type == CSP_REPORT:
        if not isinstance(data, dict) or not isinstance(data.get("csp-report"), dict):
            raise ReportRefused('Expected a JSON object with a "csp-report" object in it.')
        return [_fields(data["csp-report"], key=0)]
    if not isinstance(data, list):
        raise ReportRefused("Expected a JSON list of reports.")
    violations = []
    for index, report in enumerate(data):
        if not isinstance(report, dict):
            raise ReportRefused(f"Report {index} is not a JSON object.")
        if report.get("type") != "csp-violation":
            continue
        if not isinstance(report.get("body"), dict):
            raise ReportRefused(f'Report {index} has no "body" object.')
        violations.append(_fields(report["body"], key=1))
    return violations


def _too_deep() -> str:
    return f"The JSON is nested too deeply: a report nests at most {MAX_NESTING} levels."


def _fields(raw: dict, *, key: int) -> dict:
    fields = {}
    for name, keys in TEXT_FIELDS.items():
        value = raw.get(keys[key], "")
        if name == "directive" and not value:
            # Older browsers name only the directive as written in the policy.
            value = raw.get("violated-directive", "") if key == 0 else value
        if not isinstance(value, str):
            raise ReportRefused(f'"{keys[key]}" must be text.')
        fields[name] = value
    for name, keys in NUMBER_FIELDS.items():
        value = raw.get(keys[key])
        if value is not None and (type(value) is not int or not 0 <= value < 2**31):
            raise ReportRefused(f'"{keys[key]}" must be a whole number.')
        fields[name] = value
    if not fields["directive"]:
        raise ReportRefused(f'"{TEXT_FIELDS["directive"][key]}" is missing.')
    fields["directive"] = fields["directive"].split()[0]
    for name in URL_FIELDS:
        fields[name] = _without_query(fields[name])
    for name in TEXT_FIELDS:
        fields[name] = fields[name][: CspReport._meta.get_field(name).max_length]
    return fields


def _without_query(url: str) -> str:
    """An address without its query and fragment; keywords such as "inline" stay as they are."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url.split("?", 1)[0].split("#", 1)[0]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def report_store(fields: dict) -> None:
    """Count this violation: a new row the first time, one more on its row after that."""
    fingerprint = hashlib.sha256(
        json.dumps([fields[name] for name in sorted(fields)]).encode()
    ).hexdigest()
    now = timezone.now()
    existing = CspReport.objects.filter(fingerprint=fingerprint)
    if existing.update(count=F("count") + 1, last_seen=now):
        return
    try:
        with transaction.atomic():
            CspReport.objects.create(
                fingerprint=fingerprint, first_seen=now, last_seen=now, **fields
            )
    except IntegrityError:  # the same report, stored by another request meanwhile
        existing.update(count=F("count") + 1, last_seen=now)
