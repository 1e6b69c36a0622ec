""" "Translate": an editor starts a condition's translation into another language."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect

from ...languages import language_name
from ...services import WorkflowRefused
from ...translations import translation_start
from .utils import condition_or_404, condition_url


def translate(request, pk: int, *, model_admin):
    """Make the translation's draft (once: a second press opens the one made by the first)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    original = condition_or_404(model_admin, request, pk)
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    language = request.POST.get("language", "")
    try:
        translation, made = translation_start(original=original, language=language, by=request.user)
    except WorkflowRefused as refused:
        model_admin.message_user(request, f"{refused} No translation was made.", messages.WARNING)
        return HttpResponseRedirect(condition_url("change", pk))
    name = language_name(language)
    model_admin.message_user(
        request,
        f"A draft in {name} was made from “{original}”: translate its text, sections and "
        "sources, then save and submit it for review."
        if made
        else f"“{original}” already has a translation in {name}: here it is.",
        messages.SUCCESS if made else messages.INFO,
    )
    return HttpResponseRedirect(condition_url("change", translation.pk))
