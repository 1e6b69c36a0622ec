from django.contrib import admin

from .models import Question


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "condition", "status", "created_at")
    list_filter = ("status", "condition")
    search_fields = ("text", "email")
    readonly_fields = ("text", "email", "condition", "created_at")
    list_select_related = ("condition",)
