from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render

from conditions.api import conditional_response
from conditions.models import Publication
from conditions.selectors import publication_detail, publication_list, publication_search
from submissions.forms import QuestionForm
from submissions.services import question_submit

from .pages import condition_page_html, condition_page_revision

SEARCH_QUERY_MAX_LENGTH = 200


def home(request):
    return render(request, "frontend/home.html", {"conditions": publication_list()})


def condition_page(request, slug: str):
    try:
        publication = publication_detail(slug=slug)
    except Publication.DoesNotExist:
        raise Http404("No published condition has this address.") from None
    return conditional_response(
        request,
        etag=condition_page_revision(revision=publication.revision),
        # No Last-Modified: a deploy changes the page without a newer publication date.
        last_modified=None,
        build_content=lambda: condition_page_html(publication),
        content_type="text/html; charset=utf-8",
    )


def offline(request):
    return render(request, "frontend/offline.html")


def search(request):
    query = request.GET.get("q", "").strip()
    error = ""
    results = []
    if len(query) > SEARCH_QUERY_MAX_LENGTH:
        error = f"Please search for at most {SEARCH_QUERY_MAX_LENGTH} characters."
    elif query:
        results = list(publication_search(query=query))
    return render(
        request,
        "frontend/search.html",
        {"query": query, "results": results, "error": error},
        status=400 if error else 200,
    )


def ask(request):
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            question_submit(
                text=form.cleaned_data["text"],
                email=form.cleaned_data["email"],
                condition=form.cleaned_data["condition"],
            )
            return redirect("frontend:ask_sent")
    else:
        form = QuestionForm(initial={"condition": request.GET.get("condition", "")})
    return render(
        request,
        "frontend/ask.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


def ask_sent(request):
    return render(request, "frontend/ask_sent.html")


def not_found(request, exception):
    """API clients get JSON, readers get the 404 page in the site's own look."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "404.html", status=404)
