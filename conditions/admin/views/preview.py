"""The draft as patients would see it, in a frame of the admin, with the accessibility checks of
what its editors wrote (`conditions/accessibility.py`)."""

from csp.constants import SELF
from csp.decorators import csp_replace, csp_update
from django.conf import settings
from django.utils.module_loading import import_string
from django.views.decorators.clickjacking import xframe_options_sameorigin

from ... import accessibility
from ...services import condition_payload
from .utils import condition_or_404, condition_url, render_page


@csp_update({"frame-src": [SELF]})
def preview(request, pk: int, *, model_admin):
    condition = condition_or_404(model_admin, request, pk)
    return render_page(
        model_admin,
        request,
        "preview.html",
        condition,
        title=f"Preview of “{condition}”",
        frame_url=condition_url("preview_page", pk),
        accessibility_issues=accessibility.condition_issues(condition),
    )


@csp_replace({"frame-ancestors": [SELF]})
@xframe_options_sameorigin
def preview_page(request, pk: int, *, model_admin):
    """The page in the frame, rendered by the site (settings.CONDITION_PREVIEW)."""
    render_preview = import_string(settings.CONDITION_PREVIEW)
    return render_preview(request, condition_payload(condition_or_404(model_admin, request, pk)))
