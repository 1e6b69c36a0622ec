from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import format_html

from .. import content, readability
from ..models import Condition, Section
from ..services import EditConflict, edit_conflict_check


def mark_for_checks(form: forms.ModelForm, names: dict[str, content.Form]) -> None:
    """Mark the fields the change form's script checks as the editor types (`names`: each
    field's form, so Markdown is also previewed)."""
    for name, field_form in names.items():
        if name in form.fields:
            form.fields[name].widget.attrs["data-checks"] = field_form.value


def add_readability_notes(form: forms.ModelForm, texts: dict[str, tuple[str, str]]) -> None:
    """Show, under each field named in `texts` (name: (where, plain text)), the checks of the
    text as last saved. Checks of the text as typed come from the change form's script
    (`mark_for_checks`)."""
    for name, (where, text) in texts.items():
        if name not in form.fields or not text.strip():
            continue
        note = render_to_string(
            "admin/conditions/condition/readability_note.html",
            {"check": readability.check(where, text), "target": settings.READING_AGE_TARGET},
        )
        # The admin shows help text as HTML: the help text is escaped, the note by its template.
        form.fields[name].help_text = format_html("{}{}", form.fields[name].help_text, note)


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_for_checks(self, {field.name: field.form for field in readability.checked_fields()})
        if "related" in self.fields:  # a page links to pages in its own language
            related = self.fields["related"]
            related.queryset = related.queryset.filter(language=self.instance.language)
        if self.instance.pk is not None:
            add_readability_notes(
                self,
                {
                    field.name: (
                        field.label,
                        readability.field_text(
                            field, getattr(self.instance, field.name), rendered=False
                        ),
                    )
                    for field in readability.checked_fields()
                },
            )

    def clean_slug(self):
        """An address is unique in its language (a translation may share its original's)."""
        slug = self.cleaned_data.get("slug")
        others = Condition.objects.filter(language=self.instance.language, slug=slug)
        if slug and others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Condition with this Slug already exists.", code="unique")
        return slug

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
    # Asked only when the draft reads above the target reading age (`above_target`). Not
    # required here: `condition_publish` refuses a missing reason, naming the reading age and
    # the target, for every caller.
    reading_age_reason = forms.CharField(
        label="Reason for publishing above the target reading age",
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        max_length=500,
        required=False,
        help_text="Recorded in the page’s history, for example “the medicine’s names cannot "
        "be made simpler”.",
    )

    def __init__(self, *args, above_target: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not above_target:
            del self.fields["reading_age_reason"]


class SectionForm(forms.ModelForm):
    """A section in the condition's form, with the checks of its body as last saved."""

    class Meta:
        model = Section
        fields = ("position", "kind", "urgency", "heading", "body")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_for_checks(self, {"body": content.Form.MARKDOWN})
        if self.instance.pk is not None:
            where = f"Section “{self.instance.heading}”"
            add_readability_notes(
                self, {"body": (where, readability.markdown_text(self.instance.body))}
            )
