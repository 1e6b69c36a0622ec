from django.conf import settings
from django.contrib import admin


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Review overdue"),
            ("due_soon", f"Due within {settings.REVIEW_REMINDER_DAYS} days"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.review_overdue()
        if self.value() == "due_soon":
            return queryset.review_due_within(days=settings.REVIEW_REMINDER_DAYS)
        return queryset


class UnpublishedChangesFilter(admin.SimpleListFilter):
    title = "changes"
    parameter_name = "changes"

    def lookups(self, request, model_admin):
        return [("unpublished", "Has unpublished changes")]

    def queryset(self, request, queryset):
        if self.value() == "unpublished":
            return queryset.with_unpublished_changes()
        return queryset


class OriginalChangedFilter(admin.SimpleListFilter):
    title = "translation"
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [("original_changed", "Original changed")]

    def queryset(self, request, queryset):
        if self.value() == "original_changed":
            return queryset.original_changed()
        return queryset
