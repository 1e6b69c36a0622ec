"""The three ways a reader writes to the team, as ordinary HTML forms.

The JSON API (`serializers.py`) accepts the same fields with the same rules and messages, so a
reader sees the same error whether the app sent the form or the browser did.
"""

import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from conditions.models import Condition
from conditions.selectors import live_condition

from . import messages
from .choices import ManyOptionsSelect, PageChoices
from .models import Comment, Feedback, Question, max_length
from .text import without_format_characters


class PublishedConditionField(forms.ModelChoiceField):
    """Conditions as patients know them: by their published title and address, never a draft's."""

    iterator = PageChoices
    widget = ManyOptionsSelect

    def label_from_instance(self, condition: Condition) -> str:
        return condition.publication.title

    def prepare_value(self, value):
        if isinstance(value, Condition):
            return value.publication.slug
        return super().prepare_value(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:  # the rule the API follows too, in the page's language
            return live_condition(slug=value, language=translation.get_language())
        except Condition.DoesNotExist:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


def published_conditions():
    return Condition.objects.live().select_related("publication").order_by("publication__title")


class HoneypotField(forms.CharField):
    """A field people never see (hidden by CSS and from screen readers) but form-filling robots
    do; anything in it refuses the submission."""

    def __init__(self, **kwargs):
        widget = forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
        super().__init__(
            required=False, label=messages.HONEYPOT_LABEL, widget=widget, strip=False, **kwargs
        )

    def validate(self, value):
        super().validate(value)
        if value:
            raise ValidationError(messages.HONEYPOT_FILLED, code="honeypot")


class SubmissionForm(forms.ModelForm):
    """Carries the key that makes a second send of the same form the same submission."""

    idempotency_key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    website = HoneypotField()

    def __init__(self, *args, fresh_key: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        # A form shown again after an error keeps its key: nothing was stored under it yet. A
        # form on a page many readers share gets none; the app gives each submission its own.
        if fresh_key and not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = uuid.uuid4()

    def renew_key(self) -> None:
        """Give the form a new key, for a reader who sends changed text after a first send."""
        self.data = self.data.copy()
        self.data["idempotency_key"] = str(uuid.uuid4())

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]


class QuestionForm(SubmissionForm):
    condition = PublishedConditionField(
        queryset=published_conditions(),
        required=False,
        empty_label=_("Not about one condition"),
        label=_("Which guidance is it about? (optional)"),
        error_messages={"invalid_choice": messages.UNKNOWN_CONDITION},
    )
    text = forms.CharField(
        label=_("Your question *"),
        max_length=max_length(Question, "text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": messages.QUESTION_REQUIRED},
    )
    email = forms.EmailField(
        label=_("Your email address, if you would like an answer (optional)"),
        required=False,
        max_length=max_length(Question, "email"),
        error_messages={"invalid": messages.INVALID_EMAIL},
    )
    consent = forms.BooleanField(
        label=_("I agree that the team may store my question to answer it *"),
        error_messages={"required": messages.CONSENT_REQUIRED},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The pages in the reader's language (a translation may share its original's slug).
        language = translation.get_language() or settings.LANGUAGE_CODE
        field = self.fields["condition"]
        field.queryset = field.queryset.filter(language=language)

    class Meta:
        model = Question
        fields = ["condition", "text", "email"]


class FeedbackForm(SubmissionForm):
    """ "Was this helpful?" answered with one of two buttons, so one tap is enough."""

    helpful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda answer: answer == "yes",
        widget=forms.HiddenInput,
        error_messages={"required": messages.HELPFUL_REQUIRED},
    )
    comment = forms.CharField(
        label=_("Anything you would like to tell us? (optional)"),
        max_length=max_length(Feedback, "comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Feedback
        fields = ["helpful", "comment"]

    def hidden_fields(self):
        # The answer comes from the button the reader presses, not from a field of its own.
        return [field for field in super().hidden_fields() if field.name != "helpful"]


class CommentForm(SubmissionForm):
    text = forms.CharField(
        label=_("Comment *"),
        max_length=max_length(Comment, "text"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": messages.COMMENT_REQUIRED},
    )
    name = forms.CharField(
        label=_("Name *"),
        max_length=max_length(Comment, "name"),
        error_messages={"required": messages.NAME_REQUIRED},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email *"),
        max_length=max_length(Comment, "email"),
        error_messages={"required": messages.EMAIL_REQUIRED, "invalid": messages.INVALID_EMAIL},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta:
        model = Comment
        fields = ["text", "name", "email"]

    def clean_name(self) -> str:
        """As the API does (`serializers.ReaderName`): no format characters in a shown name."""
        name = without_format_characters(self.cleaned_data["name"]).strip()
        if not name:
            raise ValidationError(messages.NAME_REQUIRED, code="required")
        return name
