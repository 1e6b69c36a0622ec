from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from conditions.source_links import source_links_check, url_checker


class Command(BaseCommand):
    help = (
        "Check every source address of the published pages (HEAD, then GET if refused), a few at "
        "a time, and record each one's status for the admin's list of broken links. Run it from "
        "cron, for example nightly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=float,
            default=settings.SOURCE_LINK_TIMEOUT_SECONDS,
            help="Seconds to wait for each server (default: %(default)s).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.SOURCE_LINK_WORKERS,
            help="Addresses checked at once (default: %(default)s).",
        )

    def handle(self, *args, timeout, workers, **options):
        if timeout <= 0 or workers < 1:
            raise CommandError("--timeout must be above 0 and --workers at least 1.")
        check = url_checker(timeout=timeout, max_redirects=settings.SOURCE_LINK_MAX_REDIRECTS)
        links = source_links_check(check=check, workers=workers)
        broken = [link for link in links if link.is_broken]
        for link in broken:
            found = link.error or f"HTTP {link.status}"
            self.stdout.write(f"Broken: {link.url} ({found})")
        self.stdout.write(
            f"Checked {len(links)} source address{'es' if len(links) != 1 else ''}: "
            f"{len(links) - len(broken)} working, {len(broken)} broken."
        )
