"""How every form's fields are drawn: one template for a field's label, hint,
error and control (templates/forms/field.html), in the GOV.UK pattern."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"
