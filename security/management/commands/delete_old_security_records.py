from django.conf import settings
from django.core.management.base import BaseCommand

from security.retention import security_records_forget


class Command(BaseCommand):
    help = (
        "Delete audit events older than GUIDE_AUDIT_RETENTION_DAYS and content security policy "
        "reports not seen for GUIDE_CSP_REPORT_RETENTION_DAYS. Run it daily, from cron or a "
        "systemd timer, beside delete_old_submissions."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run, **options):
        counts = security_records_forget(dry_run=dry_run)
        self.stdout.write(
            f"{'Dry run, nothing changed. ' if dry_run else ''}Audit events older than "
            f"{settings.AUDIT_RETENTION_DAYS} days, reports older than "
            f"{settings.CSP_REPORT_RETENTION_DAYS} days:"
        )
        for what, count in counts.items():
            self.stdout.write(f"  {what}: {count}")
