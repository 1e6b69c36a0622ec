from django.contrib import admin
from django.db import models

from ..models import Section, Source
from .forms import SectionForm


class SectionInline(admin.StackedInline):
    model = Section
    form = SectionForm
    extra = 0
    fields = ("position", "kind", "urgency", "heading", "body")
    ordering = ("position", "id")


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ("position", "title", "publisher", "year", "url")
    ordering = ("position", "id")


def inline_rows(formset) -> list[dict]:
    """The rows a valid inline formset asks for, as `condition_save` takes them: kept rows with
    their id, new rows without; deleted rows left out.

    The formset is not saved (`condition_save` writes the rows), so this also notes what was
    added, changed and deleted where `formset.save()` would, for the admin's change message.
    """
    fields = [name for name in formset.form._meta.fields or () if name != formset.fk.name]
    deleted = formset.deleted_forms if formset.can_delete else []
    rows = []
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    for form in formset.initial_forms:
        if form.instance.pk is None:  # deleted by someone else since the form was opened
            continue
        if form in deleted:
            formset.deleted_objects.append(form.instance)
            continue
        rows.append({"id": form.instance.pk, **_values(form, fields)})
        if form.has_changed():
            formset.changed_objects.append((form.instance, form.changed_data))
    for form in formset.extra_forms:
        if form in deleted or not form.has_changed():
            continue
        rows.append(_values(form, fields))
        formset.new_objects.append(form.instance)
    return rows


def _values(form, fields: list[str]) -> dict:
    return {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}
