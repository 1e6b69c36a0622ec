import uuid

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, trans_real
from django.views.decorators.csrf import csrf_exempt

from conditions import content
from conditions.http import conditional_response
from conditions.models import Condition, Publication
from conditions.search.engine import query_problem
from conditions.search.signals import found_nothing
from conditions.selectors import (
    live_condition,
    publication_revisions,
    publication_search,
    published_terms_list,
)
from submissions import messages
from submissions.forms import CommentForm, FeedbackForm, QuestionForm
from submissions.kinds import COMMENT, FEEDBACK, QUESTION, Kind
from submissions.limits import body_refusal, client_address, throttle_wait
from submissions.repeat_keys import repeat_keys
from submissions.services import KeyReused, request_fingerprint, submission_replay

from .form_origin import SentFrom, csrf_passed, sent_from
from .page_parts import page_copy, parts_url
from .pages import (
    PAGE_REVISIONS,
    condition_cards,
    condition_page_body_key,
    condition_page_html,
    condition_page_revision,
)


def language_offer(request) -> dict | None:
    """Another language the reader's browser prefers to this page's, offered on the home page
    (never a redirect: the reader chooses). The app hides it once a language was chosen."""
    current = translation.get_language()
    header = request.headers.get("Accept-Language", "")
    for code, _quality in trans_real.parse_accept_lang_header(header):
        try:
            preferred = translation.get_supported_language_variant(code)
        except LookupError:
            continue
        if preferred == current:
            return None
        with translation.override(preferred):
            return {
                "code": preferred,
                "current_name": translation.get_language_info(current)["name_translated"],
                "url": reverse("frontend:home"),
                "dir": "rtl" if translation.get_language_bidi() else "ltr",
            }
    return None


def home(request):
    context = {"cards": condition_cards(translation.get_language())}
    if translation.get_language() == settings.LANGUAGE_CODE:
        context["language_offer"] = language_offer(request)
    return render(request, "frontend/home.html", context)


def condition_page(request, slug: str):
    try:
        language = translation.get_language()
        revisions = publication_revisions(slug=slug, language=language)
        page = {key: revisions[key] for key in PAGE_REVISIONS}
        page_revision = condition_page_revision(**page)
        copy = request.GET.get("copy") == "offline"  # the installed app's (page_parts.py)
        response = conditional_response(
            request,
            etag=page_revision,
            # No Last-Modified: a deploy changes the page without a newer publication date.
            last_modified=None,
            cache_key=(
                f"condition-page-copy:{page_revision}"
                if copy
                else condition_page_body_key(page_revision)
            ),
            build_content=lambda: (page_copy if copy else str)(
                condition_page_html(slug=slug, language=language, **page)
            ),
            content_type="text/html; charset=utf-8",
        )
        if copy:
            response["X-Page-Parts"] = parts_url(language)
        return response
    except Publication.DoesNotExist:
        raise Http404(gettext("No published condition has this address.")) from None


def terms(request):
    terms = published_terms_list(translation.get_language())
    return render(request, "frontend/terms.html", {"terms": terms})


def offline(request):
    return render(request, "frontend/offline.html")


def search(request):
    query = request.GET.get("q", "").strip()
    error = query_problem(query)
    found = (
        None
        if error or not query
        else publication_search(query=query, language=translation.get_language())
    )
    if found is not None and not found.results:
        found_nothing.send(sender=search, query=query)
    return render(
        request,
        "frontend/search.html",
        {
            "query": query,
            "found": found,
            "error": error,
            "searched_keys": " ".join(content.SEARCHED_KEYS),
        },
        status=400 if error else 200,
    )


def _receive(
    request, *, kind: Kind, form_class, template: str, sent_url: str, context=None, initial=None
):
    """The HTML side of sending something to the team.

    Forms on condition pages are rendered once for every reader (and saved on phones), so they
    carry no CSRF token: one the browser says it sent from this site is taken at the first press,
    one from another site is refused, and one from a browser that does not say is shown again
    here with what the reader wrote and a fresh token, and nothing is stored until the reader
    sends it from this page. A second send of the same form (a double tap, or Back and send) is
    recognised by its key and stores nothing new.
    """
    context = {**(context or {}), "kind": kind.name}
    if request.method != "POST":
        form = form_class(initial=initial)
        return render(request, template, {**context, "form": form})
    refusal = body_refusal(request)
    if refusal is not None:
        status, context["problem"] = refusal
        return render(request, template, {**context, "form": form_class()}, status=status)
    if not csrf_passed(request):
        origin = sent_from(request)
        if origin is SentFrom.ANOTHER_SITE:
            return render(request, "frontend/form_refused.html", status=403)
        if origin is SentFrom.UNKNOWN:
            form = form_class(initial=request.POST.dict())
            return render(request, template, {**context, "form": form, "confirm": True})

    form = form_class(request.POST)
    fields = request.POST.copy()
    for name in ("csrfmiddlewaretoken", "idempotency_key"):
        fields.pop(name, None)
    fingerprint = request_fingerprint(fields)
    try:
        keys = (uuid.UUID(request.POST.get("idempotency_key", "")),)
    except ValueError:
        # The page's address names the condition, which the form's fields do not.
        sender = f"{request.path} {client_address(request)} {request.headers.get('User-Agent', '')}"
        keys = repeat_keys(kind=kind.name, sender=sender, fingerprint=fingerprint)
    try:
        if any(submission_replay(kind.model, key=k, fingerprint=fingerprint) for k in keys):
            return redirect(sent_url)
        wait = throttle_wait(request)
        if wait is not None:
            context["problem"] = messages.rate_limited(wait)
            response = render(request, template, {**context, "form": form}, status=429)
            response["Retry-After"] = str(wait)
            return response
        if form.is_valid():
            # The page's language (/de/ask/ is German): a question's answer is emailed in it.
            data = {
                **form.cleaned_data,
                **context.get("fields", {}),
                "language": translation.get_language(),
            }
            kind.submit(key=keys[0], fingerprint=fingerprint, data=data)
            return redirect(sent_url)
    except KeyReused:
        form.renew_key()
        form.add_error(None, messages.FORM_REUSED)
    return render(request, template, {**context, "form": form}, status=400)


@csrf_exempt  # checked in `_receive`: an expired token from this site loses nothing
def ask(request):
    return _receive(
        request,
        kind=QUESTION,
        form_class=QuestionForm,
        template="frontend/ask.html",
        sent_url=reverse("frontend:ask_sent"),
        initial={"condition": request.GET.get("condition", "")},
    )


def ask_sent(request):
    return render(request, "frontend/ask_sent.html", {"message": messages.THANKS[QUESTION.name]})


def _published_condition(slug: str):
    """The condition a page form at this address is about (`live_condition`, as the API)."""
    try:
        return live_condition(slug=slug, language=translation.get_language())
    except Condition.DoesNotExist:
        raise Http404(gettext("No published condition has this address.")) from None


def _condition_form(request, slug: str, *, kind: Kind, form_class, template: str):
    condition = _published_condition(slug)
    return _receive(
        request,
        kind=kind,
        form_class=form_class,
        template=template,
        sent_url=reverse(f"frontend:{kind.name}_sent", kwargs={"slug": slug}),
        context={
            "condition": {"slug": slug, "title": condition.publication.title},
            "fields": {"condition": condition},
        },
    )


@csrf_exempt  # checked in `_receive`: a form from a saved page has no token
def condition_feedback(request, slug: str):
    return _condition_form(
        request, slug, kind=FEEDBACK, form_class=FeedbackForm, template="frontend/feedback.html"
    )


@csrf_exempt  # checked in `_receive`: a form from a saved page has no token
def condition_comment(request, slug: str):
    return _condition_form(
        request, slug, kind=COMMENT, form_class=CommentForm, template="frontend/comment.html"
    )


def submission_sent(request, slug: str, kind: str):
    condition = _published_condition(slug)
    return render(
        request,
        "frontend/sent.html",
        {
            "message": messages.THANKS[kind],
            "condition": {"slug": slug, "title": condition.publication.title},
        },
    )


def error_response(request, status: int, detail: str):
    """API clients get JSON, readers a page in the site's own look; never a traceback."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail}, status=status)
    return render(request, f"{status}.html", {"detail": detail}, status=status)


def bad_request(request, exception):
    return error_response(request, 400, gettext("Bad request."))


def forbidden(request, exception):
    return error_response(request, 403, gettext("You do not have permission to do this."))


def not_found(request, exception):
    return error_response(request, 404, gettext("Not found."))


def server_error(request):
    return error_response(
        request, 500, gettext("Something went wrong on our side. Please try again later.")
    )
