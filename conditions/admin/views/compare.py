"""What changed between two saved versions of a condition."""

from ...history import diff, version_document
from .utils import condition_or_404, render_page, version_or_404


def compare(request, pk: int, *, model_admin):
    condition = condition_or_404(model_admin, request, pk)
    older = version_or_404(condition, request.GET.get("from"))
    newer = version_or_404(condition, request.GET.get("to"))
    if older.revision.date_created > newer.revision.date_created:
        older, newer = newer, older
    return render_page(
        model_admin,
        request,
        "compare.html",
        condition,
        title=f"Changes to “{condition}”",
        older=older,
        newer=newer,
        changes=diff(version_document(older), version_document(newer)),
    )
