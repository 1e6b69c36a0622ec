"""The editors' desk on the admin's home page: what waits for whom, each with its count and a
link to the list of exactly those items.

It lives here because it counts both apps' rows: `submissions` may import `conditions`, never
the other way round. Each list is one of the querysets named after its state (the review dates,
broken links, comments awaiting moderation), so the desk counts what the filtered list shows,
and the whole desk costs a fixed number of queries however much is waiting.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext

from conditions.admin.filters import ReviewDueFilter
from conditions.admin.source_links import BrokenLinkFilter
from conditions.models import Condition, SourceLink

from .models import Comment, Question, UnfoundSearch
from .unfound import this_week, unfound_searches_this_week

EDITORS = "Editors"
REVIEWERS = "Clinical reviewers"


@dataclass(frozen=True)
class Task:
    what: str
    count: int
    waits_for: str
    url: str


def _changelist(model, **filters) -> str:
    query = "&".join(f"{name}={value}" for name, value in filters.items())
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{query}"


def _condition_counts() -> dict[str, int]:
    """Conditions in review, overdue and due soon, in one query."""
    conditions = Condition.objects.all()
    days = settings.REVIEW_REMINDER_DAYS
    return conditions.aggregate(
        in_review=Count("pk", filter=Q(status=Condition.Status.IN_REVIEW)),
        overdue=Count("pk", filter=Q(pk__in=conditions.review_overdue().values("pk"))),
        due_soon=Count("pk", filter=Q(pk__in=conditions.review_due_within(days=days).values("pk"))),
    )


def desk_tasks(user) -> list[Task]:
    """What waits, for the lists `user` may see."""
    tasks = []
    if user.has_perm("submissions.view_comment"):
        tasks.append(
            Task(
                "Comments to moderate",
                Comment.objects.awaiting_moderation().count(),
                EDITORS,
                _changelist(Comment, status__exact=Comment.Status.PENDING),
            )
        )
    if user.has_perm("submissions.view_question"):
        tasks.append(
            Task(
                "Questions without an answer",
                Question.objects.unanswered().count(),
                EDITORS,
                _changelist(Question, status__exact=Question.Status.NEW),
            )
        )
    if user.has_perm("submissions.view_unfoundsearch"):
        tasks.append(
            Task(
                gettext("Searches that found nothing this week"),
                unfound_searches_this_week(),
                EDITORS,
                _changelist(UnfoundSearch, week=this_week().isoformat()),
            )
        )
    if user.has_perm("conditions.view_condition"):
        counts = _condition_counts()
        review = ReviewDueFilter.parameter_name
        days = settings.REVIEW_REMINDER_DAYS
        tasks += [
            Task(
                "Conditions in review",
                counts["in_review"],
                REVIEWERS,
                _changelist(Condition, status__exact=Condition.Status.IN_REVIEW),
            ),
            Task(
                "Reviews overdue",
                counts["overdue"],
                REVIEWERS,
                _changelist(Condition, **{review: "overdue"}),
            ),
            Task(
                f"Reviews due within {days} days",
                counts["due_soon"],
                REVIEWERS,
                _changelist(Condition, **{review: "due_soon"}),
            ),
        ]
    if user.has_perm("conditions.view_sourcelink"):
        tasks.append(
            Task(
                "Broken source links",
                SourceLink.objects.broken().count(),
                EDITORS,
                _changelist(SourceLink, **{BrokenLinkFilter.parameter_name: "broken"}),
            )
        )
    return tasks
