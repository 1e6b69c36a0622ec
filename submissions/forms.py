from django import forms

from conditions.models import Condition

from .models import Question


class QuestionForm(forms.ModelForm):
    condition = forms.ModelChoiceField(
        queryset=Condition.objects.live(),
        to_field_name="slug",
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
