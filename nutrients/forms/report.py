from django import forms
from django.urls import Resolver404, resolve

# The reader pages a report can be about (the URL names in nutrients/urls.py).
REPORTABLE = {
    "home",
    "nutrient_list",
    "nutrient",
    "symptom_list",
    "symptom",
    "food_list",
    "food",
    "medicine_list",
    "medicine",
    "condition_list",
    "condition",
    "compare",
    "relief",
    "about",
    "changes",
}


def is_reader_page(path: str) -> bool:
    if not path.startswith("/") or len(path) > 200:
        return False
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.namespace == "nutrients" and match.url_name in REPORTABLE


class ReportForm(forms.Form):
    """A reader's report of a problem with a page: what is wrong, and an address only if they want an answer.
    `website` is a honeypot: hidden from people, filled in by robots."""

    page = forms.CharField(widget=forms.HiddenInput, max_length=200)
    message = forms.CharField(
        label="What is wrong?",
        help_text="For example a number that differs from its source, a broken link, or something hard to use.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Say what is wrong, so the editors can check it.",
            "max_length": "Please keep it under 2,000 characters.",
        },
    )
    contact = forms.EmailField(
        label="Your email address (optional)",
        help_text="Only if you would like an answer. We use it for nothing else.",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com, or leave it empty."},
    )
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_page(self) -> str:
        page = self.cleaned_data["page"]
        if not is_reader_page(page):
            raise forms.ValidationError("That is not a page on Legwell. Use the link at the foot of a page.")
        return page

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
