"""One saved version: what differs from the draft now, and a way to restore it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect

from ... import history
from ...services import WorkflowRefused
from .utils import condition_or_404, condition_url, render_page, version_or_404


def revision(request, object_id, version_id, *, model_admin):
    condition = condition_or_404(model_admin, request, object_id)
    version = version_or_404(condition, version_id)
    if request.method == "POST":
        if not model_admin.has_change_permission(request, condition):
            raise PermissionDenied
        try:
            history.condition_restore(
                condition=condition,
                version=version,
                by=request.user,
                seen_edit_version=request.POST.get("edit_version", ""),
            )
        except WorkflowRefused as refused:
            model_admin.message_user(request, f"{refused} Nothing was restored.", messages.ERROR)
            return HttpResponseRedirect(request.path)
        model_admin.message_user(
            request,
            "The earlier version is now the draft. Patients still see the published page "
            "until a clinical reviewer publishes it.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(condition_url("change", condition.pk))
    return render_page(
        model_admin,
        request,
        "version.html",
        condition,
        title=f"Version of “{condition}”",
        version=version,
        changes=history.diff(
            history.current_document(condition), history.version_document(version)
        ),
        can_restore=model_admin.has_change_permission(request, condition),
    )
