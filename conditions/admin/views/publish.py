"""A clinical reviewer reads what would change for patients and publishes it."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.utils import formats, timezone

from ... import readability
from ...page_diff import page_diff
from ...services import (
    EditConflict,
    ReadingAgeUnconfirmed,
    WorkflowRefused,
    condition_payload,
    condition_publish,
    reviewer_profile,
)
from ..forms import PublishForm
from .utils import can_publish, condition_or_404, condition_url, render_page


def publish(request, pk: int, *, model_admin):
    condition = condition_or_404(model_admin, request, pk)
    if not can_publish(request, condition):
        raise PermissionDenied
    draft = condition_payload(condition)
    seen = condition.edit_version
    default_due = timezone.localdate() + datetime.timedelta(days=settings.REVIEW_INTERVAL_DAYS)
    readable = readability.payload_report(draft)
    form = PublishForm(
        request.POST or None,
        initial={
            "next_review_due": default_due,
            "seen_edit_version": seen,
        },
        above_target=readable.above_target,
    )
    if request.method == "POST" and form.is_valid():
        try:
            condition_publish(
                condition=condition,
                by=request.user,
                next_review_due=form.cleaned_data["next_review_due"],
                seen_edit_version=form.cleaned_data["seen_edit_version"],
                reading_age_reason=form.cleaned_data.get("reading_age_reason", ""),
            )
        except EditConflict as conflict:
            # Offer the draft as it is now; confirming again publishes what is shown.
            form = PublishForm(
                {
                    "next_review_due": form.cleaned_data["next_review_due"],
                    "seen_edit_version": seen,
                    "reading_age_reason": form.cleaned_data.get("reading_age_reason", ""),
                },
                above_target=readable.above_target,
            )
            form.is_valid()
            form.add_error(
                None,
                f"{conflict} Nothing was published. Read the changes below, then publish again.",
            )
        except ReadingAgeUnconfirmed as refused:
            form.add_error("reading_age_reason" if readable.above_target else None, str(refused))
        except WorkflowRefused as refused:
            form.add_error(None, str(refused))
        else:
            due = formats.date_format(form.cleaned_data["next_review_due"], "j F Y")
            model_admin.message_user(
                request, f"“{condition}” is published. Next review due {due}.", messages.SUCCESS
            )
            return HttpResponseRedirect(condition_url("change", pk))
    live = condition.publication.payload if condition.is_live else None
    reviewer_problem = ""
    try:
        reviewer = reviewer_profile(request.user)
    except WorkflowRefused as refused:
        reviewer, reviewer_problem = None, str(refused)
    return render_page(
        model_admin,
        request,
        "publish.html",
        condition,
        title=f"Publish “{condition}”",
        form=form,
        reviewer=reviewer,
        reviewer_problem=reviewer_problem,
        changes=page_diff(live, draft),
        is_first_publication=live is None,
        readable=readable,
    )
