"""Reads of guidance content. Views and the API call these; none of them re-spell a filter."""

from .models import Condition


def condition_list_published():
    return Condition.objects.published().select_related("author").order_by("title")


def condition_detail(*, slug: str) -> Condition:
    """The published condition with everything its page shows; raises Condition.DoesNotExist."""
    return Condition.objects.published().with_page_content().get(slug=slug)


def condition_search(*, query: str):
    query = query.strip()
    if not query:
        return Condition.objects.none()
    return condition_list_published().search(query)
