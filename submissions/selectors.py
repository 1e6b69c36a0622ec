"""Reads for the team: how helpful readers found each page."""

from django.db.models import Count, Q

from conditions.models import Condition


def feedback_summary():
    """Every condition with feedback, the least helpful first: yes, no and comment counts."""
    return (
        Condition.objects.annotate(
            helpful_count=Count("feedback", filter=Q(feedback__helpful=True)),
            not_helpful_count=Count("feedback", filter=Q(feedback__helpful=False)),
            commented_count=Count("feedback", filter=~Q(feedback__comment="")),
        )
        .filter(Q(helpful_count__gt=0) | Q(not_helpful_count__gt=0))
        .order_by("-not_helpful_count", "title")
    )
