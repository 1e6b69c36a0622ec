"""The editors' status table: every original by every language, each cell a link to the page in
that language, or a Translate button where the editor may make it (`translation_status.py`)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils.translation import gettext

from ...languages import may_edit_language
from ...translation_status import originals, status_rows
from .utils import render_page

PER_PAGE = 100  # originals a page; its queries are as many for 1 as for all of them


def translation_status(request, *, model_admin):
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    page = Paginator(originals(), PER_PAGE).get_page(request.GET.get("p"))
    may_add = model_admin.has_add_permission(request)
    may_translate = {
        code for code, _ in settings.LANGUAGES if may_add and may_edit_language(request.user, code)
    }
    rows = [
        (original, [(cell, cell.translatable and cell.language in may_translate) for cell in cells])
        for original, cells in status_rows(list(page))
    ]
    return render_page(
        model_admin,
        request,
        "translation_status.html",
        None,
        title=gettext("Translations"),
        languages=settings.LANGUAGES,
        rows=rows,
        page=page,
    )
