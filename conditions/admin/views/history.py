"""Every saved version of one condition, newest first, each linking to its own page."""

from django.urls import reverse
from reversion.admin import VersionAdmin

from ...history import condition_versions
from .utils import condition_or_404


def history(request, object_id, *, model_admin, extra_context=None):
    condition = condition_or_404(model_admin, request, object_id)
    actions = [
        {
            "version_id": version.pk,
            "revision": version.revision,
            "url": reverse("admin:conditions_condition_revision", args=[condition.pk, version.pk]),
        }
        for version in condition_versions(condition).order_by("-revision__date_created", "-pk")
    ]
    # reversion's history page, with this condition's versions only.
    return VersionAdmin.history_view(
        model_admin, request, object_id, {"action_list": actions, **(extra_context or {})}
    )
