from django.contrib import admin
from django.db import models

from .models import Author, Condition, Section, Source
from .services import publication_refresh, publication_refresh_for_author


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ("position", "kind", "heading", "body")
    ordering = ("position", "id")


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ("position", "title", "publisher", "year", "url")
    ordering = ("position", "id")


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "updated_at", "next_review_due", "is_review_overdue")
    list_filter = ("status", "author")
    search_fields = ("title", "slug", "also_called", "question", "summary", "lead")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("related",)
    list_select_related = ("author",)
    readonly_fields = ("created_at", "updated_at")
    inlines = [SectionInline, SourceInline]
    fieldsets = (
        (
            None,
            {"fields": ("title", "slug", "also_called", "question", "summary", "lead", "status")},
        ),
        ("Trust", {"fields": ("author", "last_reviewed", "next_review_due")}),
        ("Links", {"fields": ("related",)}),
        ("History", {"fields": ("created_at", "updated_at")}),
    )

    def save_related(self, request, form, formsets, change):
        previously_related = list(form.instance.related.all()) if change else []
        super().save_related(request, form, formsets, change)
        publication_refresh(condition=form.instance, previously_related=previously_related)

    def delete_model(self, request, obj):
        related = list(obj.related.all())
        super().delete_model(request, obj)
        for other in related:
            publication_refresh(condition=other)

    def delete_queryset(self, request, queryset):
        related = list(Condition.objects.filter(related__in=queryset).exclude(pk__in=queryset))
        super().delete_queryset(request, queryset)
        for other in related:
            publication_refresh(condition=other)

    @admin.display(boolean=True, description="Review overdue")
    def is_review_overdue(self, condition: Condition) -> bool:
        return condition.is_review_overdue


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ("name", "credentials", "bio_language")
    search_fields = ("name", "credentials")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        publication_refresh_for_author(author=obj)
