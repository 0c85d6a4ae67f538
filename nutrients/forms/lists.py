"""The page of a long list (?page=), read like every other query string."""

from django import forms


class ListPageForm(forms.Form):
    page = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": "A page of the list is a whole number, such as 2.",
            "min_value": "The list's pages start at 1.",
        },
    )

    def number(self) -> int:
        return self.cleaned_data["page"] or 1
