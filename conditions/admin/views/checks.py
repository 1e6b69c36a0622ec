"""Checks of one field's text as an editor types it, for the change form's script
(`conditions/static/conditions/js/checks.js`): its reading age against the target, its long
sentences with their place, the words patients may not know and, for Markdown, the text as
patients will see it, rendered and sanitized by the site's own `render_markdown`.

The text is posted and never stored, and no content is read (only the signed-in user and their
permissions): a request costs the same whatever the database holds, and its size is capped so
that it costs at most a bounded amount of work.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from ... import readability
from ...content import Form
from ...markdown import render_markdown

# Longer than any section the seed content has (about 3,000 characters) by far.
MAX_TEXT_CHARS = 20_000
# The text, each character up to 4 bytes, percent-encoded, and the other fields.
MAX_BODY_BYTES = MAX_TEXT_CHARS * 12 + 2_000
FORMS = {Form.TEXT.value, Form.MARKDOWN.value}


class BadInput(ValueError):
    """The request cannot be checked; the message says why, to the editor."""


def _text(request) -> tuple[str, str, str]:
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit():
        raise BadInput("The request does not say its length; send the text as a form.")
    if int(length) > MAX_BODY_BYTES:
        raise BadInput(f"The text is too long to check: at most {MAX_TEXT_CHARS:,} characters.")
    text = request.POST.get("text")
    language = request.POST.get("language", "en")
    form = request.POST.get("form", Form.TEXT.value)
    if text is None:
        raise BadInput("Send the text to check as “text”.")
    if len(text) > MAX_TEXT_CHARS:
        raise BadInput(
            f"The text is too long to check: {len(text):,} characters, at most "
            f"{MAX_TEXT_CHARS:,}. Checks resume when it is shorter."
        )
    if language not in dict(settings.LANGUAGES):
        raise BadInput(f"“{language[:20]}” is not a language code this site knows.")
    if form not in FORMS:
        raise BadInput(f"“form” must be one of: {', '.join(sorted(FORMS))}.")
    return text, language, form


def _check(text: str, language: str) -> dict:
    age = readability.reading_age(text, language)
    target = settings.READING_AGE_TARGET
    return {
        "reading_age": age.age if age else None,
        "grades": age.grades if age else {},
        "target": target,
        "above_target": bool(age and age.age > target),
        "long_sentences": [
            {"number": number, "sentence": sentence}
            for number, sentence in readability.numbered_long_sentences(text, language)
        ],
        "unfamiliar_words": readability.unfamiliar_words(text, language),
    }


@require_POST
def checks(request, *, model_admin):
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    try:
        text, language, form = _text(request)
    except BadInput as bad:
        return JsonResponse({"error": str(bad)}, status=400)
    if form == Form.MARKDOWN.value:
        html = render_markdown(text)
        return JsonResponse({**_check(readability.plain_text(html), language), "html": html})
    return JsonResponse(_check(text, language))
