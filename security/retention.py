"""How long the audit trail and the reports are kept (GUIDE_AUDIT_RETENTION_DAYS,
GUIDE_CSP_REPORT_RETENTION_DAYS)."""

import datetime

from django.conf import settings
from django.utils import timezone

from .models import AuditEvent, CspReport


def security_records_forget(*, dry_run: bool = False) -> dict[str, int]:
    """Delete audit events and reports older than their retention period; the counts deleted
    (or, with `dry_run`, that would be)."""
    now = timezone.now()
    old = {
        "audit events": AuditEvent.objects.filter(
            at__lt=now - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS)
        ),
        "content security policy reports": CspReport.objects.filter(
            last_seen__lt=now - datetime.timedelta(days=settings.CSP_REPORT_RETENTION_DAYS)
        ),
    }
    if dry_run:
        return {what: rows.count() for what, rows in old.items()}
    return {what: rows.delete()[0] for what, rows in old.items()}
