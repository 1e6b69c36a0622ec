"""Read-only lists for administrators: the audit trail and the browsers' reports. Nobody adds,
changes or deletes a row here (retention deletes them); reading needs the model's view
permission, which only superusers have unless one is given it."""

from django.contrib import admin

from conditions.admin.read_only import ReadOnlyAdmin

from .models import AuditEvent, CspReport


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "kind", "actor_name", "subject", "detail", "address")
    list_filter = ("kind", "at")
    search_fields = ("actor_name", "subject", "detail", "address")
    date_hierarchy = "at"
    list_select_related = ("actor",)


@admin.register(CspReport)
class CspReportAdmin(ReadOnlyAdmin):
    list_display = ("last_seen", "directive", "blocked_url", "document_url", "count")
    list_filter = ("directive", "disposition")
    search_fields = ("blocked_url", "document_url", "source_file")
    readonly_fields = ("first_seen",)
    exclude = ("fingerprint",)
