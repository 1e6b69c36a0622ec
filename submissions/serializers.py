"""The JSON side of the submission forms: the same fields, limits and messages as `forms.py`."""

from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from conditions.models import Condition
from conditions.selectors import live_condition

from . import messages
from .models import Comment, Feedback, Question, max_length
from .text import without_format_characters


def required(message: str) -> dict:
    return {"required": message, "blank": message, "null": message}


@extend_schema_field(OpenApiTypes.STR)
class PublishedConditionField(serializers.SlugRelatedField):
    """A condition named by its published slug (which lives on its publication): a translation
    may share its original's slug, so the request's language picks between them, by the rule
    the HTML forms follow too (`conditions.selectors.live_condition`)."""

    def to_internal_value(self, data):
        """The condition the reader means in the request's language (`live_condition`)."""
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            return live_condition(slug=data, language=translation.get_language())
        except Condition.DoesNotExist:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)


def published_condition(*, required: bool) -> PublishedConditionField:
    return PublishedConditionField(
        queryset=Condition.objects.live(),
        slug_field="publication__slug",
        required=required,
        allow_null=not required,
        help_text="The address (slug) of a published condition.",
        error_messages={
            "does_not_exist": messages.UNKNOWN_CONDITION,
            "invalid": messages.UNKNOWN_CONDITION,
            "required": messages.UNKNOWN_CONDITION,
            "null": messages.UNKNOWN_CONDITION,
        },
    )


class WrittenText(serializers.CharField):
    """Text a reader wrote: a JSON string, never a number turned into one. Its schema says
    exactly what is accepted (`schema.py`)."""

    format_characters_count = True

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ReaderName(WrittenText):
    """A name shown on the page: format characters (zero-width, direction overrides) removed,
    so that it cannot hide itself or turn the text after it around."""

    format_characters_count = False

    def to_internal_value(self, data):
        name = without_format_characters(super().to_internal_value(data)).strip()
        if not name:
            self.fail("blank")
        return name


class Agreement(serializers.BooleanField):
    """A JSON true or false; "yes", 1 or "true" are not an answer a client means."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class Consent(Agreement):
    """Only true is consent."""

    def to_internal_value(self, data):
        if super().to_internal_value(data) is not True:
            raise serializers.ValidationError(messages.CONSENT_REQUIRED)
        return True


class Honeypot(serializers.CharField):
    """A field the form hides from people; robots fill it in, and anything in it refuses the
    submission."""

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_blank=True, trim_whitespace=False, **kwargs)

    def to_internal_value(self, data):
        if data != "":
            raise serializers.ValidationError(messages.HONEYPOT_FILLED)
        return data


class SubmissionSerializer(serializers.Serializer):
    website = Honeypot(
        help_text="Must be absent or empty: the form hides it from people, robots fill it in."
    )


class QuestionSubmissionSerializer(SubmissionSerializer):
    condition = published_condition(required=False)
    text = WrittenText(
        max_length=max_length(Question, "text"),
        error_messages=required(messages.QUESTION_REQUIRED),
    )
    email = serializers.EmailField(
        required=False,
        allow_blank=True,
        # As the schema says: empty, or an address. Trimmed, "\r" would pass as empty (the
        # app's email fields are trimmed by the browser before they are sent).
        trim_whitespace=False,
        max_length=max_length(Question, "email"),
        help_text="Where to send the answer; never published.",
        error_messages={"invalid": messages.INVALID_EMAIL},
    )
    consent = Consent(
        help_text="Must be true: the reader agrees that the team may store the question.",
        error_messages={"required": messages.CONSENT_REQUIRED},
    )


class FeedbackSubmissionSerializer(SubmissionSerializer):
    condition = published_condition(required=True)
    helpful = Agreement(
        help_text="The reader's answer to “Was this helpful?”",
        error_messages={"required": messages.HELPFUL_REQUIRED},
    )
    comment = WrittenText(
        required=False, allow_blank=True, max_length=max_length(Feedback, "comment")
    )


class CommentSubmissionSerializer(SubmissionSerializer):
    condition = published_condition(required=True)
    name = ReaderName(
        max_length=max_length(Comment, "name"),
        help_text="Shown with the comment once it is approved.",
        error_messages=required(messages.NAME_REQUIRED),
    )
    email = serializers.EmailField(
        trim_whitespace=False,  # as the schema says: an address, not one with spaces around
        max_length=max_length(Comment, "email"),
        help_text="Never published.",
        error_messages={**required(messages.EMAIL_REQUIRED), "invalid": messages.INVALID_EMAIL},
    )
    text = WrittenText(
        max_length=max_length(Comment, "text"),
        error_messages=required(messages.COMMENT_REQUIRED),
    )


class ReceiptSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="The Idempotency-Key the submission was sent with.")
    kind = serializers.ChoiceField(choices=["question", "feedback", "comment"])
    received_at = serializers.DateTimeField()
    message = serializers.CharField(help_text="What to tell the reader.")


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
