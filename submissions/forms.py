from django import forms
from django.core.exceptions import ValidationError

from conditions.models import Condition

from .models import Question


class PublishedConditionField(forms.ModelChoiceField):
    """Conditions as patients know them: by their published title and address, never a draft's."""

    def label_from_instance(self, condition: Condition) -> str:
        return condition.publication.title

    def prepare_value(self, value):
        if isinstance(value, Condition):
            return value.publication.slug
        return super().prepare_value(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.queryset.get(publication__slug=value)
        except (Condition.DoesNotExist, ValueError, TypeError):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class QuestionForm(forms.ModelForm):
    condition = PublishedConditionField(
        queryset=Condition.objects.live()
        .select_related("publication")
        .order_by("publication__title"),
        required=False,
        empty_label="Not about one condition",
        label="Which guidance is it about? (optional)",
        error_messages={"invalid_choice": "Choose one of the conditions in the list."},
    )
    text = forms.CharField(
        label="Your question *",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Please write your question."},
    )
    email = forms.EmailField(
        label="Your email address, if you would like an answer (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address such as name@example.com."},
    )
    consent = forms.BooleanField(
        label="I agree that the team may store my question to answer it *",
        error_messages={"required": "Please tick this box so that we may store your question."},
    )

    class Meta:
        model = Question
        fields = ["condition", "text", "email"]
