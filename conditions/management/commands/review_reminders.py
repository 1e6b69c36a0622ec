import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mass_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import formats, timezone

from conditions.languages import page_name
from conditions.models import Condition


class Command(BaseCommand):
    help = (
        "Email each author the published pages of theirs that are overdue for review or fall "
        "due within --days days (each translation on its own, by its own review date, with its "
        "language named). Run it daily or weekly from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.REVIEW_REMINDER_DAYS,
            help="Also remind about pages due within this many days (default: %(default)s).",
        )

    def handle(self, *args, days, **options):
        today = timezone.localdate()
        due = (
            Condition.objects.review_due_by(date=today + datetime.timedelta(days=days))
            .select_related("author", "original")
            .order_by("next_review_due", "title")
        )
        by_email = defaultdict(list)
        unreachable = []
        for condition in due:
            if condition.author and condition.author.email:
                by_email[condition.author.email].append(condition)
            else:
                unreachable.append(condition)

        messages = [
            (
                _subject(conditions),
                _body(conditions, today=today),
                settings.DEFAULT_FROM_EMAIL,
                [email],
            )
            for email, conditions in sorted(by_email.items())
        ]
        send_mass_mail(messages, fail_silently=False)
        pages = sum(len(conditions) for conditions in by_email.values())
        self.stdout.write(f"Sent {len(messages)} reminder(s) about {pages} page(s).")
        for condition in unreachable:
            who = condition.author.name if condition.author else "no author"
            self.stderr.write(
                f"Not reminded: “{page_name(condition)}” "
                f"(due {_date(condition.next_review_due)}) has "
                f"{who}{' without an email address' if condition.author else ''}."
            )


def _date(date) -> str:
    return formats.date_format(date, "j F Y")


def _subject(conditions) -> str:
    if len(conditions) == 1:
        return f"Review due: {page_name(conditions[0])}"
    return f"{len(conditions)} pages are due for review"


def _body(conditions, *, today) -> str:
    lines = ["These published pages you wrote need a clinical review:", ""]
    for condition in conditions:
        when = "overdue since" if condition.next_review_due <= today else "due"
        url = settings.SITE_URL + reverse("admin:conditions_condition_change", args=[condition.pk])
        due = f"{when} {_date(condition.next_review_due)}"
        lines += [f"- {page_name(condition)}: {due}", f"  {url}"]
    lines += [
        "",
        "Update the page if anything has changed and submit it for review; a clinical reviewer "
        "then publishes it, which sets the next review date.",
    ]
    return "\n".join(lines)
