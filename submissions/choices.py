"""The question form's choice of condition: every published page in the reader's language, which
is thousands of options on a large site.

Django builds a model instance for each choice and renders each option from a template: 11 s for
20,000 conditions, for every reader opening the form. Here the choices are read as (address,
title) pairs and the options written in one pass, as Django's template would write them.
"""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


class PageChoices(ModelChoiceIterator):
    """(address, title) of each condition in the field's queryset, after the empty choice."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("publication__slug", "publication__title")


class ManyOptionsSelect(forms.Select):
    """A <select> whose options are written in one pass."""

    template_name = "submissions/widgets/many_options_select.html"

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)  # not every option's
        chosen = set(context["widget"]["value"])
        options = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            selected = " selected" if option_value in chosen else ""
            options.append(
                f'\n  <option value="{conditional_escape(option_value)}"{selected}>'
                f"{conditional_escape(label)}</option>"
            )
        # Every value and label is escaped above.
        context["widget"]["options"] = mark_safe("".join(options))  # noqa: S308
        return context
