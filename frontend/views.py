from django.http import Http404
from django.shortcuts import redirect, render

from conditions.models import Condition
from conditions.selectors import condition_detail, condition_list_published, condition_search
from submissions.forms import QuestionForm
from submissions.services import question_submit

SEARCH_QUERY_MAX_LENGTH = 200


def home(request):
    return render(request, "frontend/home.html", {"conditions": condition_list_published()})


def condition_page(request, slug: str):
    try:
        condition = condition_detail(slug=slug)
    except Condition.DoesNotExist:
        raise Http404("No published condition has this address.") from None
    return render(request, "frontend/condition_detail.html", {"condition": condition})


def search(request):
    query = request.GET.get("q", "").strip()
    error = ""
    results = []
    if len(query) > SEARCH_QUERY_MAX_LENGTH:
        error = f"Please search for at most {SEARCH_QUERY_MAX_LENGTH} characters."
    elif query:
        results = list(condition_search(query=query))
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
