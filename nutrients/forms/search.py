from django import forms
from django.urls import reverse_lazy

from .. import search

MAX_QUERY_LENGTH = 100


class SearchForm(forms.Form):
    """The search query string. An empty query is valid: the page then suggests topics."""

    q = forms.CharField(
        label="Search nutrients, symptoms and foods",
        help_text="Any name works: British or US spelling, everyday or medical words.",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Search for at most {MAX_QUERY_LENGTH} characters: a word or two works best.",
            "null_characters_not_allowed": (
                "The search had characters we cannot read. Type it again with letters and numbers."
            ),
        },
        widget=forms.SearchInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                # Live results as one types: debounced, and on Enter or clearing the box.
                "hx-get": reverse_lazy("nutrients:search"),
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": "#results",
                "hx-swap": "outerHTML",
                "hx-push-url": "true",
            }
        ),
    )

    def clean_q(self) -> str:
        query = self.cleaned_data["q"]
        if query and not search.fold(query):
            raise forms.ValidationError(
                "Search with letters or numbers, for example 'magnesium' or 'leg cramps'.", code="no_words"
            )
        return query
