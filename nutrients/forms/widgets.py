"""Widgets for choices by the hundred (a symptom or nutrient list at 100 times
the content): the same markup as Django's, drawn in one template each."""

from django import forms


class LongSelect(forms.Select):
    template_name = "forms/widgets/long_select.html"


class LongCheckboxes(forms.CheckboxSelectMultiple):
    template_name = "forms/widgets/long_checkboxes.html"
