"""A clinical reviewer takes a page off the site; its draft stays."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect

from ...services import WorkflowRefused, condition_unpublish
from .utils import can_publish, condition_or_404, condition_url, render_page


def unpublish(request, pk: int, *, model_admin):
    condition = condition_or_404(model_admin, request, pk)
    if not can_publish(request, condition):
        raise PermissionDenied
    if request.method == "POST":
        try:
            condition_unpublish(condition=condition, by=request.user)
            model_admin.message_user(request, f"“{condition}” is no longer on the site.")
        except WorkflowRefused as refused:
            model_admin.message_user(request, str(refused), messages.WARNING)
        return HttpResponseRedirect(condition_url("change", pk))
    return render_page(
        model_admin, request, "unpublish.html", condition, title=f"Unpublish “{condition}”"
    )
