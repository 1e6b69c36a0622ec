from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from reversion.models import Version

from ...history import condition_versions
from ...models import Condition
from ...services import PUBLISH_PERMISSION, may_publish


def condition_url(name: str, pk: int | None = None) -> str:
    args = [pk] if pk is not None else []
    return reverse(f"admin:conditions_condition_{name}", args=args)


def can_publish(request, condition: Condition | None = None) -> bool:
    """A clinical reviewer; for a translation, one allowed its language."""
    if condition is not None:
        return may_publish(request.user, condition)
    return request.user.has_perm(PUBLISH_PERMISSION)


def condition_or_404(model_admin, request, pk) -> Condition:
    """The condition, if the user may see it."""
    if not str(pk).isdigit():
        raise Http404("No condition has this id.")
    condition = get_object_or_404(
        Condition.objects.select_related("publication", "updated_by"), pk=pk
    )
    if not model_admin.has_view_or_change_permission(request, condition):
        raise PermissionDenied
    return condition


def version_or_404(condition: Condition, version_id) -> Version:
    if not str(version_id).isdigit():
        raise Http404("No version has this id.")
    return get_object_or_404(condition_versions(condition), pk=version_id)


def render_page(model_admin, request, template: str, condition: Condition | None, **context):
    """One of the templates in admin/conditions/condition/, in the admin's frame."""
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "original": condition,
        **context,
    }
    return TemplateResponse(request, f"admin/conditions/condition/{template}", context)
