"""Terms in the admin: editors write and submit them, clinical reviewers publish them.

The workflow steps are the list's actions, each refused with its reason for the terms it cannot
apply to; reversion keeps each save and step in the term's history.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import format_html, format_html_join
from reversion.admin import VersionAdmin

from ..terms.models import Term
from ..terms.services import (
    PUBLISH_PERMISSION,
    TermRefused,
    term_delete,
    term_publish,
    term_submit_for_review,
    term_unpublish,
)
from .columns import WorkflowColumns


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ("language", "term", "other_names", "explanation")
        widgets = {
            "other_names": forms.Textarea(attrs={"rows": 4}),
            "explanation": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "term": {"required": "Write the term, for example “tremor”."},
            "explanation": {
                "required": "Write a short, plain explanation: patients read it when they tap "
                "the term.",
                "max_length": "Keep the explanation to %(limit_value)d characters or fewer "
                "(it has %(show_value)d): one or two short sentences.",
            },
        }


class TermAdmin(WorkflowColumns, VersionAdmin):
    form = TermForm
    list_display = ("term", "language", "status", "is_live", "has_unpublished_changes")
    list_filter = ("language", "status")
    search_fields = ("term", "other_names", "explanation")
    list_select_related = ("published",)
    readonly_fields = ("status", "what_patients_see", "updated_at")
    fields = ("language", "term", "other_names", "explanation", *readonly_fields)
    actions = ["submit_for_review", "publish", "unpublish"]

    @admin.display(description="What patients see")
    def what_patients_see(self, term: Term) -> str:
        if not term.pk or not term.is_live:
            return "Nothing yet: a clinical reviewer publishes the term."
        published = term.published
        names = format_html_join(", ", "{}", ((name,) for name in published.other_names))
        return format_html(
            "<strong>{}</strong> (also: {}): {}", published.term, names or "none",
            published.explanation,
        )  # fmt: skip

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        term_delete(term=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for term in queryset:
            term_delete(term=term, by=request.user)

    def _each(self, request, queryset, step, done: str):
        succeeded = []
        for term in queryset:
            try:
                step(term=term, by=request.user)
            except (TermRefused, PermissionDenied) as refused:
                self.message_user(request, str(refused), messages.ERROR)
            except ValidationError as invalid:
                problems = " ".join(invalid.messages)
                self.message_user(
                    request, f"“{term}” was not published: {problems}", messages.ERROR
                )
            else:
                succeeded.append(str(term))
        if succeeded:
            self.message_user(request, f"{done}: {', '.join(succeeded)}.", messages.SUCCESS)

    @admin.action(description="Submit the selected terms for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._each(request, queryset, term_submit_for_review, "Submitted for review")

    @admin.action(description="Publish the selected terms", permissions=["publish"])
    def publish(self, request, queryset):
        self._each(request, queryset, term_publish, "Published")

    @admin.action(description="Unpublish the selected terms", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._each(request, queryset, term_unpublish, "Unpublished")
