from django import forms

from ..models import Condition
from ..services import EditConflict, edit_conflict_check


class ConditionForm(forms.ModelForm):
    """The condition's own fields. It only validates: `condition_save` writes them, and checks
    again, under lock, that nobody saved the condition after this form was opened."""

    # Set when `condition_save` refused this form's data because someone saved in the moment
    # between this form's check and the save: the form is shown again, as typed, saying why.
    refused: EditConflict | None = None

    class Meta:
        model = Condition
        fields = ["edit_version"]  # the admin adds the rest from its fieldsets
        widgets = {"edit_version": forms.HiddenInput}

    def clean(self):
        cleaned = super().clean()
        conflict = self.refused
        if conflict is None and self.instance.pk is not None:
            current = (
                Condition.objects.select_related("updated_by").filter(pk=self.instance.pk).first()
            )
            try:
                if current is not None:
                    edit_conflict_check(current, seen_edit_version=cleaned.get("edit_version", ""))
            except EditConflict as refused:
                conflict = refused
        if conflict is not None:
            raise forms.ValidationError(
                f"{conflict} Your changes have not been saved. Open this condition "
                "in a new tab to see theirs, copy your changes across, and save there.",
                code="edit_conflict",
            )
        return cleaned


class PublishForm(forms.Form):
    next_review_due = forms.DateField(
        # A date input takes only ISO dates: a value in the site's own format (29/11/2027) is
        # dropped by the browser, leaving the field empty.
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text="Shown to patients as “Next review due”.",
    )
    seen_edit_version = forms.IntegerField(widget=forms.HiddenInput)
