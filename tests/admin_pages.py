"""Helpers for tests that fill in admin forms the way a browser would."""


def change_form_data(page) -> dict:
    """What an admin change (or restore) page would post back if saved unchanged:
    the main form, every inline row and the inlines' management forms."""
    data = {}
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f"{formset.prefix}-{name}": value for name, value in formset.management_form.initial.items()})
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None:
                data[form.add_prefix(name)] = value
    return data


def inline_row(data: dict, prefix: str, **fields) -> dict:
    """Add one new row to an inline (prefix like "food_sources") in posted form data."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    data.update({f"{prefix}-{index}-{name}": value for name, value in fields.items()})
    return data


def row_index(data: dict, prefix: str, field: str, value) -> int:
    """The index of the inline row whose field holds value."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    return next(i for i in range(total) if data.get(f"{prefix}-{i}-{field}") == value)
