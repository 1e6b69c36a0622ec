"""Where the team answers questions, reads feedback and moderates comments.

What a reader sent is never edited here: only the team's own fields (status, answer) are.
Email addresses appear only on these pages.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import get_language_info, gettext, gettext_lazy

from conditions.admin.read_only import ReadOnlyAdmin

from .models import Comment, Feedback, Question, UnfoundSearch, reader_language
from .selectors import feedback_summary
from .services import (
    NO_ANSWER,
    NO_EMAIL,
    AnswerAlreadySent,
    AnswerNotSent,
    comment_moderate,
    comments_delete,
    question_answer,
    question_answer_send,
    staff_name,
)
from .unfound import OTHERS, this_week

# The home page shows the editors' desk (desk.py): what waits for whom, above the list of apps.
admin.site.index_template = "admin/desk_index.html"


class ReadOnlySubmissionAdmin(admin.ModelAdmin):
    """Readers write these; nobody on the team adds one by hand."""

    def has_add_permission(self, request):
        return False


SEND_ANSWER = "_send_answer"  # the name of the "Save and send answer" button


class QuestionAnswerForm(forms.ModelForm):
    seen_edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Question
        fields = ["status", "answer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_edit_version"].initial = self.instance.edit_version
        if not self.instance.email:
            self.fields["answer"].help_text = NO_EMAIL

    def clean(self):
        cleaned = super().clean()
        if SEND_ANSWER in self.data:
            if not self.instance.email:
                self.add_error("answer", NO_EMAIL)
            elif not cleaned.get("answer", "").strip():
                self.add_error("answer", NO_ANSWER)
            elif cleaned.get("status") == Question.Status.NEW:
                cleaned["status"] = Question.Status.ANSWERED
        if cleaned.get("status") == Question.Status.ANSWERED and not cleaned.get("answer"):
            self.add_error("answer", "Write the answer you sent before marking it answered.")
        # Inside the admin's transaction: the row stays locked until this save commits.
        current = Question.objects.select_for_update().filter(pk=self.instance.pk).first()
        unchanged = current is not None and (cleaned.get("status"), cleaned.get("answer")) == (
            current.status,
            current.answer,
        )
        if (
            current is not None
            and not unchanged
            and cleaned.get("seen_edit_version") != (current.edit_version)
        ):
            who = current.answered_by or "Someone"
            raise forms.ValidationError(
                f"{who} saved this question after you opened it, so your changes have not "
                "been saved. Open it again in a new tab, then copy your answer across.",
                code="edit_conflict",
            )
        return cleaned


@admin.register(Question)
class QuestionAdmin(ReadOnlySubmissionAdmin):
    form = QuestionAnswerForm
    change_form_template = "admin/submissions/question/change_form.html"
    list_display = (
        "excerpt",
        "condition",
        "asked_in",
        "status",
        "created_at",
        "answered_by",
        "answer_sent_at",
    )
    list_filter = ("status", "condition", "language")
    search_fields = ("text", "email", "answer")
    list_select_related = ("condition", "answered_by")
    readonly_fields = (
        "condition",
        "text",
        "email",
        "asked_in",
        "created_at",
        "answered_by",
        "answered_at",
        "answer_emailed",
    )
    fieldsets = [
        (
            "What the reader sent",
            {"fields": ["condition", "text", "email", "asked_in", "created_at"]},
        ),
        (
            "The team's answer",
            {
                "fields": [
                    "status",
                    "answer",
                    "answered_by",
                    "answered_at",
                    "answer_emailed",
                    "seen_edit_version",
                ]
            },
        ),
    ]

    @admin.display(description="Question")
    def excerpt(self, question: Question) -> str:
        return Truncator(question.text).chars(80)

    @admin.display(description="Language", ordering="language")
    def asked_in(self, question: Question) -> str:
        """The language the reader asked in, which the answer is emailed in, named in English."""
        offered = dict(settings.LANGUAGES)
        if question.language not in offered:
            first = get_language_info(reader_language(question.language))["name"]
            return f"{question.language} (no longer offered: the answer is emailed in {first})"
        return get_language_info(question.language)["name"]

    @admin.display(description="Emailed to the reader")
    def answer_emailed(self, question: Question) -> str:
        if not question.email:
            return "No: the reader gave no email address."
        if not question.answer_sent_at:
            return "Not yet."
        when = formats.date_format(timezone.localtime(question.answer_sent_at), "j F Y, H:i")
        sent = f"{when}, by {staff_name(question.answer_sent_by)}."
        if question.answer_sent != question.answer:
            sent += " The answer has changed since: “Save and send answer” sends the new one."
        return sent

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        # After the admin's transaction, so that a failing mail server never undoes the saved
        # answer and no lock is held while it answers.
        if request.method == "POST" and SEND_ANSWER in request.POST and response.status_code == 302:
            question = self.get_object(request, unquote(object_id)) if object_id else None
            if question is not None:
                self._send(request, question)
        return response

    def _send(self, request, question: Question) -> None:
        try:
            question = question_answer_send(question=question, by=request.user)
        except AnswerAlreadySent as refused:
            self.message_user(request, str(refused), messages.WARNING)
        except AnswerNotSent as failed:
            self.message_user(request, str(failed), messages.ERROR)
        else:
            self.message_user(
                request, f"The answer was sent to {question.email}.", messages.SUCCESS
            )

    def response_change(self, request, obj):
        if SEND_ANSWER in request.POST:  # sending says what happened, on this same page
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def save_model(self, request, obj, form, change):
        # The form already checked the edit counter under the same lock, so this cannot conflict.
        question_answer(
            question=obj,
            status=form.cleaned_data["status"],
            answer=form.cleaned_data["answer"],
            by=request.user,
            seen_edit_version=form.cleaned_data["seen_edit_version"],
        )
        obj.refresh_from_db()


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlySubmissionAdmin):
    list_display = ("condition", "helpful", "excerpt", "created_at")
    list_filter = ("helpful", "condition")
    search_fields = ("comment",)
    list_select_related = ("condition",)
    readonly_fields = ("condition", "helpful", "comment", "created_at")
    fields = readonly_fields

    @admin.display(description="Comment")
    def excerpt(self, feedback: Feedback) -> str:
        return Truncator(feedback.comment).chars(80)

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        summary = self.admin_site.admin_view(self.summary_view)
        return [
            path("summary/", summary, name="submissions_feedback_summary"),
            *super().get_urls(),
        ]

    def summary_view(self, request):
        """How helpful readers found each page, the least helpful first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = []
        for condition in feedback_summary():
            answers = condition.helpful_count + condition.not_helpful_count
            rows.append(
                {
                    "condition": condition,
                    "helpful": condition.helpful_count,
                    "not_helpful": condition.not_helpful_count,
                    "commented": condition.commented_count,
                    "percent_helpful": round(100 * condition.helpful_count / answers),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Helpfulness by condition",
            "rows": rows,
        }
        return TemplateResponse(request, "admin/submissions/feedback/summary.html", context)


@admin.register(Comment)
class CommentAdmin(ReadOnlySubmissionAdmin):
    list_display = ("name", "excerpt", "condition", "status", "created_at")
    list_filter = ("status", "condition")
    search_fields = ("name", "email", "text")
    list_select_related = ("condition",)
    readonly_fields = (
        "condition",
        "name",
        "email",
        "text",
        "created_at",
        "moderated_by",
        "moderated_at",
    )
    fields = ("status", *readonly_fields)
    actions = ["approve", "reject"]

    @admin.display(description="Comment")
    def excerpt(self, comment: Comment) -> str:
        return Truncator(comment.text).chars(80)

    def save_model(self, request, obj, form, change):
        comment_moderate(comments=[obj], status=form.cleaned_data["status"], by=request.user)
        obj.refresh_from_db()

    def delete_model(self, request, obj):
        comments_delete(comments=[obj])

    def delete_queryset(self, request, queryset):
        comments_delete(comments=list(queryset))

    @admin.action(description="Approve: show on the page", permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED)

    @admin.action(description="Reject: never show", permissions=["change"])
    def reject(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REJECTED)

    def _moderate(self, request, queryset, status):
        changed = comment_moderate(comments=list(queryset), status=status, by=request.user)
        label = Comment.Status(status).label
        self.message_user(request, f"{changed} comment(s) now {label}.", messages.SUCCESS)


class WeekFilter(admin.SimpleListFilter):
    title = gettext_lazy("week")
    parameter_name = "week"

    def lookups(self, request, model_admin):
        weeks = UnfoundSearch.objects.order_by("-week").values_list("week", flat=True).distinct()
        return [(week.isoformat(), week_label(week)) for week in weeks]

    def queryset(self, request, queryset):
        return queryset.filter(week=self.value()) if self.value() else queryset


def week_label(week) -> str:
    year, number, _ = week.isocalendar()
    label = gettext("%(year)s week %(number)s, from %(monday)s") % {
        "year": year,
        "number": number,
        "monday": formats.date_format(week, "j F"),
    }
    return gettext("This week (%(week)s)") % {"week": label} if week == this_week() else label


OTHERS_LABEL = gettext_lazy("(other words: the week's list was full)")


@admin.register(UnfoundSearch)
class UnfoundSearchAdmin(ReadOnlyAdmin):
    """What readers searched for and did not find, most searched first: guidance to write.
    Counted by the search page and API, deleted by the retention command; never edited."""

    list_display = ("words", "searches", "in_week")
    list_filter = (WeekFilter,)
    search_fields = ("query",)
    list_per_page = 200

    @admin.display(description=gettext_lazy("Searched for"), ordering="query")
    def words(self, unfound: UnfoundSearch) -> str:
        return unfound.query if unfound.query != OTHERS else OTHERS_LABEL

    @admin.display(description=gettext_lazy("Week"), ordering="week")
    def in_week(self, unfound: UnfoundSearch) -> str:
        return week_label(unfound.week)
