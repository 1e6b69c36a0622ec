"""The conditions' list and change form. A form only validates; saving it is
`drafts.condition_save`, and the workflow pages are in `views/`."""

import json
from functools import partial

from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.http import HttpResponseRedirect
from django.urls import path
from django.utils import formats, timezone
from reversion.admin import VersionAdmin

from .. import content, readability
from ..drafts import condition_save, conditions_delete
from ..models import Condition, Section, Source
from ..services import (
    EditConflict,
    WorkflowRefused,
    condition_payload,
    condition_submit_for_review,
    last_saved_by,
    may_publish,
)
from ..unpublished import unpublished_changes
from .columns import WorkflowColumns
from .filters import OriginalChangedFilter, ReviewDueFilter, UnpublishedChangesFilter
from .forms import ConditionForm
from .inlines import SectionInline, SourceInline, inline_rows
from .translating import TranslationAdmin
from .views import (
    checks,
    compare,
    history,
    preview,
    publish,
    reviews,
    revision,
    translate,
    translation_status,
    unpublish,
)
from .views.utils import can_publish, condition_url

# The condition's own columns a form can hold (its links are not a column).
COLUMNS = {field.name for field in Condition._meta.concrete_fields} - {"id", "edit_version"}


class ConditionAdmin(TranslationAdmin, WorkflowColumns, VersionAdmin):
    form = ConditionForm
    change_form_template = "admin/conditions/condition/change_form.html"
    change_list_template = "admin/conditions/condition/change_list.html"
    object_history_template = "admin/conditions/condition/object_history.html"
    list_display = (
        "title",
        "language_and_original",
        "status",
        "is_live",
        "has_unpublished_changes",
        "review_due",
        "saved_on",
    )
    list_filter = (
        "status",
        UnpublishedChangesFilter,
        ReviewDueFilter,
        "language",
        OriginalChangedFilter,
        "author",
    )
    search_fields = content.CONTENT_NAMES
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("related",)
    list_select_related = ("author", "publication")
    readonly_fields = (
        "status",
        "last_reviewed",
        "next_review_due",
        "reviewed_by",
        "created_at",
        "updated_at",
        "last_saved_by",
    )
    inlines = [SectionInline, SourceInline]
    actions = ["submit_for_review"]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    *(field.name for field in content.placed(content.Place.HEAD)),
                    "edit_version",
                )
            },
        ),
        (
            "Trust",
            {"fields": ("author", *(field.name for field in content.placed(content.Place.TRUST)))},
        ),
        ("Links", {"fields": ("related",)}),
        (
            "Review",
            {
                "fields": ("status", "reviewed_by", "last_reviewed", "next_review_due"),
                "description": "Set by a clinical reviewer when they publish.",
            },
        ),
        ("History", {"fields": ("created_at", "updated_at", "last_saved_by")}),
    )

    # --- the list ---

    @admin.display(description="Next review due", ordering="next_review_due")
    def review_due(self, condition: Condition) -> str:
        if condition.next_review_due is None:
            return "–"
        due = formats.date_format(condition.next_review_due, "j M Y")
        return f"{due} (overdue)" if condition.is_review_overdue else due

    @admin.display(description="Last saved", ordering="updated_at")
    def saved_on(self, condition: Condition) -> str:
        return formats.date_format(timezone.localtime(condition.updated_at), "j M Y")

    @admin.display(description="Last saved by")
    def last_saved_by(self, condition: Condition) -> str:
        return last_saved_by(condition) if condition.pk else "–"

    @admin.action(description="Submit selected conditions for review")
    def submit_for_review(self, request, queryset):
        submitted = 0
        for condition in queryset:
            try:
                condition_submit_for_review(condition=condition, by=request.user)
                submitted += 1
            except WorkflowRefused as refused:
                self.message_user(request, str(refused), messages.WARNING)
        if submitted:
            self.message_user(request, f"{submitted} submitted for review.", messages.SUCCESS)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "reviews_url": condition_url("reviews"),
            "translation_status_url": condition_url("translation_status"),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    # --- saving ---

    def has_publish_permission(self, request) -> bool:
        return can_publish(request)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj) and self.has_publish_permission(
            request
        )
        return allowed and (obj is None or may_publish(request.user, obj))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        refused = getattr(request, "condition_save_refused", None)
        if refused is not None:
            form = type(form.__name__, (form,), {"refused": refused})
        return form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except EditConflict as refused:
            # Someone saved between this form's check and its save. Nothing was written (the
            # view's transaction is rolled back): show the form again as typed, saying why.
            request.condition_save_refused = refused
            return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """Nothing yet: `save_related` saves the condition with its sections, sources and links,
        in one step."""

    def save_related(self, request, form, formsets, change):
        rows = {formset.model: inline_rows(formset) for formset in formsets}
        message = self.construct_change_message(request, form, formsets, not change)
        saved = condition_save(
            condition=form.instance,
            values={name: value for name, value in form.cleaned_data.items() if name in COLUMNS},
            sections=rows.get(Section),
            sources=rows.get(Source),
            related=form.cleaned_data.get("related"),
            by=request.user,
            seen_edit_version=form.cleaned_data["edit_version"] if change else None,
            comment=LogEntry(change_message=json.dumps(message)).get_change_message(),
        )
        form.instance.edit_version = saved.edit_version

    # Only reviewers may delete; taking a page off the site also fixes the pages linking to it,
    # and the audit trail records it (`conditions_delete`).
    def delete_model(self, request, obj):
        conditions_delete(conditions=[obj], by=request.user)

    def delete_queryset(self, request, queryset):
        conditions_delete(conditions=queryset, by=request.user)

    def _after_save(self, request, obj, response):
        if "_submit_for_review" in request.POST:
            try:
                condition_submit_for_review(condition=obj, by=request.user)
                self.message_user(request, f"“{obj}” is waiting for a clinical reviewer.")
            except WorkflowRefused as refused:
                self.message_user(request, str(refused), messages.WARNING)
            return HttpResponseRedirect(condition_url("change", obj.pk))
        if "_publish" in request.POST:
            return HttpResponseRedirect(condition_url("publish", obj.pk))
        return response

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._after_save(request, obj, super().response_change(request, obj))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_publish"] = can_publish(request, obj if obj is not None and obj.pk else None)
        context["checks_url"] = condition_url("checks")
        context["checks_language"] = "en"
        if obj is not None and obj.pk:
            payload = condition_payload(obj)
            context["readable"] = readability.payload_report(payload)
            context["checks_language"] = readability.page_language(payload)
            context["unpublished"] = unpublished_changes(obj, draft=payload)
            context.update(self.translation_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- workflow pages ---

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(partial(function, model_admin=self))

        info = "conditions_condition"
        return [
            path("reviews/", view(reviews.reviews), name=f"{info}_reviews"),
            path(
                "translations/",
                view(translation_status.translation_status),
                name=f"{info}_translation_status",
            ),
            path("checks/", view(checks.checks), name=f"{info}_checks"),
            path("<int:pk>/preview/", view(preview.preview), name=f"{info}_preview"),
            path("<int:pk>/preview/page/", view(preview.preview_page), name=f"{info}_preview_page"),
            path("<int:pk>/publish/", view(publish.publish), name=f"{info}_publish"),
            path("<int:pk>/unpublish/", view(unpublish.unpublish), name=f"{info}_unpublish"),
            path("<int:pk>/translate/", view(translate.translate), name=f"{info}_translate"),
            path("<int:pk>/history/compare/", view(compare.compare), name=f"{info}_compare"),
            # Not reversion's recover views: they revert whole revisions (several conditions
            # at once) with raw saves that bypass the workflow. Restoring is per condition.
            *[
                url
                for url in super().get_urls()
                if getattr(url, "name", "") not in {f"{info}_recover", f"{info}_recoverlist"}
            ],
        ]

    def history_view(self, request, object_id, extra_context=None):
        return history.history(request, object_id, model_admin=self, extra_context=extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        return revision.revision(request, object_id, version_id, model_admin=self)
