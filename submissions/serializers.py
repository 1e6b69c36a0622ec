"""The JSON side of the submission forms: the same fields, limits and messages as `forms.py`."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from conditions.models import Condition

from . import messages
from .models import Comment, Feedback, Question


def required(message: str) -> dict:
    return {"required": message, "blank": message, "null": message}


@extend_schema_field(OpenApiTypes.STR)
class PublishedConditionField(serializers.SlugRelatedField):
    """A condition named by its published slug (which lives on its publication)."""


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


class SubmissionSerializer(serializers.Serializer):
    website = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="Must be absent or empty: the form hides it from people, robots fill it in.",
    )

    def validate_website(self, value: str) -> str:
        if value:
            raise serializers.ValidationError(messages.HONEYPOT_FILLED)
        return value


class QuestionSubmissionSerializer(SubmissionSerializer):
    condition = published_condition(required=False)
    text = serializers.CharField(
        max_length=Question._meta.get_field("text").max_length,
        error_messages=required(messages.QUESTION_REQUIRED),
    )
    email = serializers.EmailField(
        required=False,
        allow_blank=True,
        help_text="Where to send the answer; never published.",
        error_messages={"invalid": messages.INVALID_EMAIL},
    )
    consent = serializers.BooleanField(
        help_text="Must be true: the reader agrees that the team may store the question.",
        error_messages={"required": messages.CONSENT_REQUIRED},
    )

    def validate_consent(self, value: bool) -> bool:
        if value is not True:
            raise serializers.ValidationError(messages.CONSENT_REQUIRED)
        return value


class FeedbackSubmissionSerializer(SubmissionSerializer):
    condition = published_condition(required=True)
    helpful = serializers.BooleanField(
        help_text="The reader's answer to “Was this helpful?”",
        error_messages={"required": messages.HELPFUL_REQUIRED},
    )
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=Feedback._meta.get_field("comment").max_length,
    )


class CommentSubmissionSerializer(SubmissionSerializer):
    condition = published_condition(required=True)
    name = serializers.CharField(
        max_length=Comment._meta.get_field("name").max_length,
        help_text="Shown with the comment once it is approved.",
        error_messages=required(messages.NAME_REQUIRED),
    )
    email = serializers.EmailField(
        help_text="Never published.",
        error_messages={**required(messages.EMAIL_REQUIRED), "invalid": messages.INVALID_EMAIL},
    )
    text = serializers.CharField(
        max_length=Comment._meta.get_field("text").max_length,
        error_messages=required(messages.COMMENT_REQUIRED),
    )


class ReceiptSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="The Idempotency-Key the submission was sent with.")
    kind = serializers.ChoiceField(choices=["question", "feedback", "comment"])
    received_at = serializers.DateTimeField()
    message = serializers.CharField(help_text="What to tell the reader.")


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
