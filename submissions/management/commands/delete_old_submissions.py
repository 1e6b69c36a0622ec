from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from submissions.services import submissions_forget


class Command(BaseCommand):
    help = (
        "Delete questions, feedback and unapproved comments older than the retention period "
        "(DJANGO_SUBMISSION_RETENTION_DAYS) and the weekly counts of searches that found nothing, "
        "and erase the email addresses of older approved "
        "comments, which stay on their pages. Run it daily, from cron or a systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SUBMISSION_RETENTION_DAYS,
            help="Keep what is younger than this many days (default: %(default)s).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, days, dry_run, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        counts = submissions_forget(days=days, dry_run=dry_run)
        heading = "Dry run, nothing changed. Older than" if dry_run else "Older than"
        self.stdout.write(f"{heading} {days} days:")
        for what, count in counts.items():
            self.stdout.write(f"  {what}: {count}")
