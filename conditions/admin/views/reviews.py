"""Published pages whose review is overdue or falls due soon."""

from django.conf import settings
from django.core.exceptions import PermissionDenied

from ...languages import language_name, page_name
from ...models import Condition
from .utils import render_page


def reviews(request, *, model_admin):
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    days = settings.REVIEW_REMINDER_DAYS
    live = Condition.objects.select_related("author", "reviewed_by", "original").order_by(
        "next_review_due", "title"
    )
    groups = [
        {
            "id": "overdue",
            "title": "Review overdue",
            "conditions": live.review_overdue(),
            "empty": "No published page is overdue for review.",
        },
        {
            "id": "due-soon",
            "title": f"Due within {days} days",
            "conditions": live.review_due_within(days=days),
            "empty": f"No published page falls due in the next {days} days.",
        },
    ]
    for group in groups:  # each translation on its own, by its own review date
        group["conditions"] = [
            (condition, page_name(condition), language_name(condition.language))
            for condition in group["conditions"]
        ]
    return render_page(
        model_admin, request, "reviews.html", None, title="Reviews due", groups=groups
    )
