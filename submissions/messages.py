"""What a reader is told when a submission is refused, the same from the HTML forms and the API."""

UNKNOWN_CONDITION = "Choose one of the conditions in the list."
QUESTION_REQUIRED = "Please write your question."
COMMENT_REQUIRED = "Please write your comment."
NAME_REQUIRED = "Please give a name to show with your comment."
EMAIL_REQUIRED = "Please give your email address. It is never published."
INVALID_EMAIL = "Enter an email address such as name@example.com."
CONSENT_REQUIRED = "Please tick this box so that we may store your question."
HELPFUL_REQUIRED = "Please answer yes or no."
HONEYPOT_LABEL = "Leave this field empty"
HONEYPOT_FILLED = "This field must be left empty."
KEY_REUSED = (
    "This submission key was already used for a different message. Nothing new was stored; "
    "send it again with a new key."
)
KEY_INVALID = "Send a new UUID in the Idempotency-Key header, the same one for every retry."
LENGTH_REQUIRED = (
    "Send the message with a Content-Length header: a body sent in chunks cannot be read here. "
    "Nothing was stored."
)
FORM_REUSED = (
    "This form was already sent, with different text. Press send again to send this text too."
)


def too_large(limit: int) -> str:
    return f"This message is too long to send: the limit is {limit // 1024} KB."


def too_deep(limit: int) -> str:
    return (
        f"The JSON is nested too deeply: a submission is one object of text fields, nested at "
        f"most {limit} levels. Nothing was stored."
    )


def rate_limited(wait_seconds: int) -> str:
    minutes = max(1, round(wait_seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return (
        f"You have sent a lot of messages in a short time. Please wait {minutes} {unit}, then "
        "try again. Nothing was stored."
    )


# What a reader is told once it is sent: the app shows the API's receipt message, and the page
# after a plain form the same text, so neither says less than the other.
THANKS = {
    "question": (
        "Thank you, your question was sent. Someone from our team will read it. If you gave an "
        "email address, we will answer you there. If your symptoms are getting worse, do not wait "
        "for our answer: speak to your doctor, nurse or pharmacist."
    ),
    "feedback": "Thank you for your feedback.",
    "comment": "Thank you. Your comment will appear here once our team has read it.",
}
