import datetime

from csp.constants import SELF
from csp.decorators import csp_replace
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.module_loading import import_string
from django.views.decorators.clickjacking import xframe_options_sameorigin
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import content, history
from .models import Author, Condition, Section, Source
from .services import (
    PUBLISH_PERMISSION,
    EditConflict,
    WorkflowRefused,
    author_saved,
    condition_payload,
    condition_publish,
    condition_saved,
    condition_submit_for_review,
    condition_unpublish,
    last_saved_by,
    publication_remove,
    reviewer_profile,
)


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ("position", "kind", "urgency", "heading", "body")
    ordering = ("position", "id")


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ("position", "title", "publisher", "year", "url")
    ordering = ("position", "id")


class ConditionForm(forms.ModelForm):
    """Refuses to save over a change someone else saved after this form was opened."""

    class Meta:
        model = Condition
        fields = ["edit_version"]  # the admin adds the rest from its fieldsets
        widgets = {"edit_version": forms.HiddenInput}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        # Inside the admin's transaction: the row stays locked until this save commits.
        current = (
            Condition.objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .filter(pk=self.instance.pk)
            .first()
        )
        if current is not None and cleaned.get("edit_version") != current.edit_version:
            raise forms.ValidationError(
                f"{EditConflict(current)} Your changes have not been saved. Open this condition "
                "in a new tab to see theirs, copy your changes across, and save there.",
                code="edit_conflict",
            )
        return cleaned


WORKFLOW_FIELDS = {"status", "last_reviewed", "next_review_due", "reviewed_by", "draft_revision"}
FORM_SAVED_FIELDS = [
    field.name
    for field in Condition._meta.concrete_fields
    if not field.primary_key and field.name not in WORKFLOW_FIELDS | {"created_at"}
]


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


class PublishForm(forms.Form):
    next_review_due = forms.DateField(
        # A date input takes only ISO dates: a value in the site's own format (29/11/2027) is
        # dropped by the browser, leaving the field empty.
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text="Shown to patients as “Next review due”.",
    )
    seen_edit_version = forms.IntegerField(widget=forms.HiddenInput)


@admin.register(Condition)
class ConditionAdmin(VersionAdmin):
    form = ConditionForm
    change_form_template = "admin/conditions/condition/change_form.html"
    change_list_template = "admin/conditions/condition/change_list.html"
    object_history_template = "admin/conditions/condition/object_history.html"
    list_display = (
        "title",
        "status",
        "is_live",
        "has_unpublished_changes",
        "next_review_due",
        "is_review_overdue",
        "updated_at",
    )
    list_filter = ("status", UnpublishedChangesFilter, ReviewDueFilter, "author")
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

    @admin.display(boolean=True, description="On the site")
    def is_live(self, condition: Condition) -> bool:
        return condition.is_live

    @admin.display(boolean=True, description="Unpublished changes")
    def has_unpublished_changes(self, condition: Condition) -> bool:
        return condition.has_unpublished_changes

    @admin.display(boolean=True, description="Review overdue")
    def is_review_overdue(self, condition: Condition) -> bool:
        return condition.is_review_overdue

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

    # --- saving ---

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.has_publish_permission(request)

    def save_model(self, request, obj, form, change):
        obj.edit_version = (form.cleaned_data.get("edit_version") or 0) + 1
        obj.updated_by = request.user
        if change:  # a publish that landed after this form was loaded keeps its fields
            obj.save(update_fields=FORM_SAVED_FIELDS)
        else:
            obj.save()

    def save_related(self, request, form, formsets, change):
        previously_related = set(form.instance.related.all()) if change else set()
        super().save_related(request, form, formsets, change)
        now_related = set(form.instance.related.all())
        # Links are stored on both sides: forms open on the other side are out of date now.
        Condition.objects.filter(pk__in=[c.pk for c in previously_related ^ now_related]).update(
            edit_version=F("edit_version") + 1, updated_by=request.user, updated_at=timezone.now()
        )
        condition_saved(
            condition=form.instance, by=request.user, previously_related=previously_related
        )

    # Only reviewers may delete; taking a page off the site also fixes the pages linking to it.
    def delete_model(self, request, obj):
        publication_remove(condition=obj, by=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for condition in queryset:
            publication_remove(condition=condition, by=request.user)
        super().delete_queryset(request, queryset)

    def _after_save(self, request, obj, response):
        if "_submit_for_review" in request.POST:
            try:
                condition_submit_for_review(condition=obj, by=request.user)
                self.message_user(request, f"“{obj}” is waiting for a clinical reviewer.")
            except WorkflowRefused as refused:
                self.message_user(request, str(refused), messages.WARNING)
            return HttpResponseRedirect(self._url("change", obj.pk))
        if "_publish" in request.POST:
            return HttpResponseRedirect(self._url("publish", obj.pk))
        return response

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._after_save(request, obj, super().response_change(request, obj))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_publish"] = self.has_publish_permission(request)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- workflow pages ---

    def get_urls(self):
        view = self.admin_site.admin_view
        info = "conditions_condition"
        return [
            path("reviews/", view(self.reviews_view), name=f"{info}_reviews"),
            path("<int:pk>/preview/", view(self.preview_view), name=f"{info}_preview"),
            path(
                "<int:pk>/preview/page/",
                view(
                    csp_replace({"frame-ancestors": [SELF]})(
                        xframe_options_sameorigin(self.preview_page_view)
                    )
                ),
                name=f"{info}_preview_page",
            ),
            path("<int:pk>/publish/", view(self.publish_view), name=f"{info}_publish"),
            path("<int:pk>/unpublish/", view(self.unpublish_view), name=f"{info}_unpublish"),
            path(
                "<int:pk>/history/compare/",
                view(self.compare_view),
                name=f"{info}_compare",
            ),
            # Not reversion's recover views: they revert whole revisions (several conditions
            # at once) with raw saves that bypass the workflow. Restoring is per condition.
            *[
                url
                for url in super().get_urls()
                if getattr(url, "name", "") not in {f"{info}_recover", f"{info}_recoverlist"}
            ],
        ]

    def _url(self, name: str, pk: int | None = None) -> str:
        args = [pk] if pk is not None else []
        return reverse(f"admin:conditions_condition_{name}", args=args)

    def _condition(self, request, pk) -> Condition:
        if not str(pk).isdigit():
            raise Http404("No condition has this id.")
        condition = get_object_or_404(
            Condition.objects.select_related("publication", "updated_by"), pk=pk
        )
        if not self.has_view_or_change_permission(request, condition):
            raise PermissionDenied
        return condition

    def _page(self, request, template: str, condition: Condition | None, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": condition,
            **context,
        }
        return TemplateResponse(request, f"admin/conditions/condition/{template}", context)

    def preview_view(self, request, pk: int):
        condition = self._condition(request, pk)
        return self._page(
            request,
            "preview.html",
            condition,
            title=f"Preview of “{condition}”",
            frame_url=self._url("preview_page", pk),
        )

    def preview_page_view(self, request, pk: int):
        render_preview = import_string(settings.CONDITION_PREVIEW)
        return render_preview(request, condition_payload(self._condition(request, pk)))

    def publish_view(self, request, pk: int):
        condition = self._condition(request, pk)
        if not self.has_publish_permission(request):
            raise PermissionDenied
        draft = condition_payload(condition)
        seen = condition.edit_version
        default_due = timezone.localdate() + datetime.timedelta(days=settings.REVIEW_INTERVAL_DAYS)
        form = PublishForm(
            request.POST or None,
            initial={
                "next_review_due": default_due,
                "seen_edit_version": seen,
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                condition_publish(
                    condition=condition,
                    by=request.user,
                    next_review_due=form.cleaned_data["next_review_due"],
                    seen_edit_version=form.cleaned_data["seen_edit_version"],
                )
            except EditConflict as conflict:
                # Offer the draft as it is now; confirming again publishes what is shown.
                form = PublishForm(
                    {
                        "next_review_due": form.cleaned_data["next_review_due"],
                        "seen_edit_version": seen,
                    }
                )
                form.is_valid()
                form.add_error(
                    None,
                    f"{conflict} Nothing was published. Read the changes below, then publish "
                    "again.",
                )
            except WorkflowRefused as refused:
                form.add_error(None, str(refused))
            else:
                due = formats.date_format(form.cleaned_data["next_review_due"], "j F Y")
                self.message_user(
                    request, f"“{condition}” is published. Next review due {due}.", messages.SUCCESS
                )
                return HttpResponseRedirect(self._url("change", pk))
        live = condition.publication.payload if condition.is_live else None
        reviewer_problem = ""
        try:
            reviewer = reviewer_profile(request.user)
        except WorkflowRefused as refused:
            reviewer, reviewer_problem = None, str(refused)
        return self._page(
            request,
            "publish.html",
            condition,
            title=f"Publish “{condition}”",
            form=form,
            reviewer=reviewer,
            reviewer_problem=reviewer_problem,
            changes=history.diff(
                history.payload_document(live) if live else [],
                history.payload_document(draft),
            ),
            is_first_publication=live is None,
        )

    def unpublish_view(self, request, pk: int):
        condition = self._condition(request, pk)
        if not self.has_publish_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            try:
                condition_unpublish(condition=condition, by=request.user)
                self.message_user(request, f"“{condition}” is no longer on the site.")
            except WorkflowRefused as refused:
                self.message_user(request, str(refused), messages.WARNING)
            return HttpResponseRedirect(self._url("change", pk))
        return self._page(request, "unpublish.html", condition, title=f"Unpublish “{condition}”")

    def reviews_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        days = settings.REVIEW_REMINDER_DAYS
        live = Condition.objects.select_related("author", "reviewed_by").order_by(
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
        return self._page(request, "reviews.html", None, title="Reviews due", groups=groups)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"reviews_url": self._url("reviews"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        condition = self._condition(request, object_id)
        actions = [
            {
                "version_id": version.pk,
                "revision": version.revision,
                "url": reverse(
                    "admin:conditions_condition_revision", args=[condition.pk, version.pk]
                ),
            }
            for version in history.condition_versions(condition).order_by(
                "-revision__date_created", "-pk"
            )
        ]
        return super().history_view(
            request, object_id, {"action_list": actions, **(extra_context or {})}
        )

    def _version(self, condition: Condition, version_id) -> Version:
        if not str(version_id).isdigit():
            raise Http404("No version has this id.")
        return get_object_or_404(history.condition_versions(condition), pk=version_id)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """One saved version: what differs from the draft now, and a way to restore it."""
        condition = self._condition(request, object_id)
        version = self._version(condition, version_id)
        if request.method == "POST":
            if not self.has_change_permission(request, condition):
                raise PermissionDenied
            try:
                history.condition_restore(
                    condition=condition,
                    version=version,
                    by=request.user,
                    seen_edit_version=request.POST.get("edit_version", ""),
                )
            except WorkflowRefused as refused:
                self.message_user(request, f"{refused} Nothing was restored.", messages.ERROR)
                return HttpResponseRedirect(request.path)
            self.message_user(
                request,
                "The earlier version is now the draft. Patients still see the published page "
                "until a clinical reviewer publishes it.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self._url("change", condition.pk))
        return self._page(
            request,
            "version.html",
            condition,
            title=f"Version of “{condition}”",
            version=version,
            changes=history.diff(
                history.current_document(condition), history.version_document(version)
            ),
            can_restore=self.has_change_permission(request, condition),
        )

    def compare_view(self, request, pk: int):
        condition = self._condition(request, pk)
        older = self._version(condition, request.GET.get("from"))
        newer = self._version(condition, request.GET.get("to"))
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        return self._page(
            request,
            "compare.html",
            condition,
            title=f"Changes to “{condition}”",
            older=older,
            newer=newer,
            changes=history.diff(history.version_document(older), history.version_document(newer)),
        )


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ("name", "credentials", "bio_language", "user")
    search_fields = ("name", "credentials")
    list_select_related = ("user",)

    def get_readonly_fields(self, request, obj=None):
        # Who a login is shown to patients as, when it publishes, is for administrators to say.
        if request.user.has_perm("auth.change_user"):
            return ()
        if obj is not None and obj.user_id is not None and obj.user_id != request.user.pk:
            return ("user", "name", "credentials")
        return ("user",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        author_saved(author=obj, by=request.user)
