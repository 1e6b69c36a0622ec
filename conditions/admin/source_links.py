"""Source addresses as `manage.py check_source_links` last found them; the broken ones are for
an editor to mend in the citing page's sources."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join

from ..source_links import SourceLink
from .read_only import ReadOnlyAdmin


class BrokenLinkFilter(admin.SimpleListFilter):
    title = "link"
    parameter_name = "link"

    def lookups(self, request, model_admin):
        return [("broken", "Broken links")]

    def queryset(self, request, queryset):
        if self.value() == "broken":
            return queryset.broken()
        return queryset


class SourceLinkAdmin(ReadOnlyAdmin):
    """A list to read: the command writes these rows, and a link is mended on its page."""

    list_display = ("url", "result", "status", "error", "checked_at", "cited_by")
    list_filter = (BrokenLinkFilter,)
    search_fields = ("url", "error")
    ordering = ("url",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("conditions")

    @admin.display(description="Result")
    def result(self, link: SourceLink) -> str:
        if link.checked_at is None:
            return "Not checked yet"
        return "Broken" if link.is_broken else "Working"

    @admin.display(description="Cited by")
    def cited_by(self, link: SourceLink) -> str:
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (reverse("admin:conditions_condition_change", args=[c.pk]), c.title)
                    for c in link.conditions.all()
                ),
            )
            or "–"
        )
