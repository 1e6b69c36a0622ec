from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """A list that is only read: its rows are written by the app (checks, counts, records) and
    deleted by retention, never added, changed or deleted in the admin."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
