from django.contrib import admin

from .models import Author, Condition, Section


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ("position", "kind", "heading", "body")
    ordering = ("position", "id")


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "updated_at", "next_review_due", "is_review_overdue")
    list_filter = ("status", "author")
    search_fields = ("title", "slug", "question", "summary", "lead")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("related",)
    list_select_related = ("author",)
    readonly_fields = ("created_at", "updated_at")
    inlines = [SectionInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "question", "summary", "lead", "status")}),
        ("Trust", {"fields": ("author", "last_reviewed", "next_review_due")}),
        ("Links", {"fields": ("related",)}),
        ("History", {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(boolean=True, description="Review overdue")
    def is_review_overdue(self, condition: Condition) -> bool:
        return condition.is_review_overdue


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ("name", "credentials", "bio_language")
    search_fields = ("name", "credentials")
