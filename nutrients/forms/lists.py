"""The page of a long list or table (?page=), read like every other query string."""

from django import forms


def page_field(*, of: str, then: str = "") -> forms.IntegerField:
    """An optional page number, 1 or more, whose errors name what is paged ("list",
    "table") and say what to do next (`then`)."""
    return forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": f"A page of the {of} is a whole number.{then}",
            "min_value": f"The {of}'s pages start at 1.{then}",
        },
    )


class ListPageForm(forms.Form):
    page = page_field(of="list")

    def number(self) -> int:
        return self.cleaned_data["page"] or 1
