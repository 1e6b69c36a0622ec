"""What a reader is told when a submission is refused, the same from the HTML forms and the API.

In the reader's language: lazy, so each is translated when it is shown.
"""

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

UNKNOWN_CONDITION = _("Choose one of the conditions in the list.")
QUESTION_REQUIRED = _("Please write your question.")
COMMENT_REQUIRED = _("Please write your comment.")
NAME_REQUIRED = _("Please give a name to show with your comment.")
EMAIL_REQUIRED = _("Please give your email address. It is never published.")
INVALID_EMAIL = _("Enter an email address such as name@example.com.")
CONSENT_REQUIRED = _("Please tick this box so that we may store your question.")
HELPFUL_REQUIRED = _("Please answer yes or no.")
HONEYPOT_LABEL = _("Leave this field empty")
HONEYPOT_FILLED = _("This field must be left empty.")
KEY_REUSED = _(
    "This submission key was already used for a different message. Nothing new was stored; "
    "send it again with a new key."
)
KEY_INVALID = _("Send a new UUID in the Idempotency-Key header, the same one for every retry.")
LENGTH_REQUIRED = _(
    "Send the message with a Content-Length header: a body sent in chunks cannot be read here. "
    "Nothing was stored."
)
FORM_REUSED = _(
    "This form was already sent, with different text. Press send again to send this text too."
)


def too_large(limit: int) -> str:
    return gettext("This message is too long to send: the limit is %(size)s KB.") % {
        "size": limit // 1024
    }


def too_deep(limit: int) -> str:
    return gettext(
        "The JSON is nested too deeply: a submission is one object of text fields, nested at "
        "most %(limit)s levels. Nothing was stored."
    ) % {"limit": limit}


def rate_limited(wait_seconds: int) -> str:
    minutes = max(1, round(wait_seconds / 60))
    return ngettext(
        "You have sent a lot of messages in a short time. Please wait %(minutes)s minute, then "
        "try again. Nothing was stored.",
        "You have sent a lot of messages in a short time. Please wait %(minutes)s minutes, then "
        "try again. Nothing was stored.",
        minutes,
    ) % {"minutes": minutes}


# What a reader is told once it is sent: the app shows the API's receipt message, and the page
# after a plain form the same text, so neither says less than the other.
THANKS = {
    "question": _(
        "Thank you, your question was sent. Someone from our team will read it. If you gave an "
        "email address, we will answer you there. If your symptoms are getting worse, do not wait "
        "for our answer: speak to your doctor, nurse or pharmacist."
    ),
    "feedback": _("Thank you for your feedback."),
    "comment": _("Thank you. Your comment will appear here once our team has read it."),
}
