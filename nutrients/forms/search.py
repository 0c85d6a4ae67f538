from django import forms
from django.urls import reverse_lazy

from .. import search

MAX_QUERY_LENGTH = 100
MAX_WORD_LENGTH = 40  # longer than any word a reader types: junk


class SearchForm(forms.Form):
    """The search query string, and the kind of page to list. An empty query is valid:
    the page then suggests topics."""

    q = forms.CharField(
        label="Search nutrients, symptoms, foods, medicines and conditions",
        help_text="Any words work: everyday or medical, British or US spelling, even misspelt.",
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
                # Live results as one types: debounced, the latest request wins, and on Enter or clearing the box.
                "hx-get": reverse_lazy("nutrients:search"),
                "hx-trigger": "input changed delay:300ms, search",
                "hx-sync": "this:replace",
                "hx-target": "#results",
                "hx-swap": "outerHTML",
                "hx-push-url": "true",
            }
        ),
    )
    kind = forms.ChoiceField(
        label="Show only",
        required=False,
        choices=[("", "All kinds"), *search.Kind.PLURALS.items()],
        error_messages={"invalid_choice": "Choose a kind of page from the list, or all kinds."},
    )

    def clean_q(self) -> str:
        query = self.cleaned_data["q"]
        if query and not search.fold(query):
            raise forms.ValidationError(
                "Search with letters or numbers, for example 'magnesium' or 'leg cramps'.", code="no_words"
            )
        if any(len(word) > MAX_WORD_LENGTH for word in search.fold(query).split()):
            raise forms.ValidationError(
                f"Search with words of at most {MAX_WORD_LENGTH} letters, for example 'magnesium'.", code="long_word"
            )
        return query
