"""The comparison table's query string, read and checked."""

from django import forms
from django.http import QueryDict

from .. import comparison
from ..comparison import COLUMNS, DIETS, MAX_SIDE_BY_SIDE, SORTS
from ..models import Nutrient
from .lists import page_field
from .widgets import LongCheckboxes, LongSelect

Choices = list[tuple[str, str]]


class CompareForm(forms.Form):
    symptom = forms.ChoiceField(
        label="Leg symptom",
        required=False,
        widget=LongSelect,
        error_messages={"invalid_choice": "We have no leg symptom by that name. Choose one from the list."},
    )
    kind = forms.ChoiceField(
        label="Vitamins or minerals",
        required=False,
        choices=[("", "Both"), *((kind.value, f"{kind.label}s only") for kind in Nutrient.Kind)],
        error_messages={"invalid_choice": "Choose vitamins, minerals or both."},
    )
    diet = forms.ChoiceField(
        label="Food sources for",
        required=False,
        choices=DIETS.items(),
        error_messages={"invalid_choice": "Choose any diet, vegetarian or vegan."},
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=SORTS.items(),
        error_messages={"invalid_choice": "We cannot sort the table that way. Choose an order from the list."},
    )
    columns = forms.MultipleChoiceField(
        label="Columns to show",
        required=False,
        choices=COLUMNS.items(),
        widget=forms.CheckboxSelectMultiple,
        help_text="With none ticked, the table shows them all.",
        error_messages={"invalid_choice": "We have no column by that name. Tick the columns you want."},
    )
    nutrients = forms.MultipleChoiceField(
        label="Compare side by side",
        required=False,
        widget=LongCheckboxes,
        help_text="Tick two to four nutrients to see them as columns, one fact a row.",
        error_messages={"invalid_choice": "We have no nutrient by that name. Tick nutrients from the list."},
    )

    # Only the table's page links set this; the form leaves it out, so a new choice starts at page 1.
    page = page_field(of="table", then=" Show the table to start from the first page.")

    def __init__(self, data: QueryDict, *, symptoms: Choices, nutrients: Choices):
        super().__init__(self.with_defaults(data))
        self.fields["symptom"].choices = [("", "Any symptom"), *symptoms]
        self.fields["nutrients"].choices = nutrients
        self.fields["sort"].choices = self.sort_choices(symptom=self.data.get("symptom", ""))

    @staticmethod
    def sort_choices(*, symptom: str) -> Choices:
        """The orders on offer, the default for this view first with an empty value, so a form
        sent after the reader changed only the symptom takes the new symptom's default order."""
        default = comparison.default_sort(symptom=symptom)
        offered = [(key, label) for key, label in SORTS.items() if symptom or "strength" not in key]
        return [("", SORTS[default]), *((key, label) for key, label in offered if key != default)]

    @staticmethod
    def with_defaults(data: QueryDict) -> QueryDict:
        """Fill in what a short address leaves out, so the form shows what the table shows:
        no columns means every column. The view's default order, however it was asked for,
        becomes the empty choice (see sort_choices); link strength without a symptom is name order."""
        data = data.copy()
        if not data.getlist("columns"):
            data.setlist("columns", list(COLUMNS))
        symptom = data.get("symptom", "")
        sort = comparison.effective_sort(sort=data.get("sort", ""), symptom=symptom)
        data["sort"] = "" if sort == comparison.default_sort(symptom=symptom) else sort
        return data

    def clean_nutrients(self) -> list[str]:
        chosen = list(dict.fromkeys(self.cleaned_data["nutrients"]))
        if len(chosen) > MAX_SIDE_BY_SIDE:
            raise forms.ValidationError(
                f"Choose at most {MAX_SIDE_BY_SIDE} nutrients to compare side by side; you ticked {len(chosen)}."
            )
        return chosen

    def filters(self) -> comparison.Filters:
        data = self.cleaned_data
        return comparison.Filters(
            symptom=data["symptom"],
            kind=data["kind"],
            diet=data["diet"],
            sort=comparison.effective_sort(sort=data["sort"], symptom=data["symptom"]),
            columns=tuple(key for key in COLUMNS if key in data["columns"]),
            nutrients=tuple(data["nutrients"]),
            page=data["page"] or 1,
        )

    def add_missing_page_error(self, *, pages: int) -> None:
        self.add_error(
            "page",
            f"The table has {pages} page{'' if pages == 1 else 's'}, so there is no page {self.cleaned_data['page']}."
            " Show the table to start from the first page.",
        )

    def symptom_name(self) -> str:
        slug = self.cleaned_data["symptom"]
        return dict(self.fields["symptom"].choices)[slug] if slug else ""

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor, message) for the error summary; a checkbox group's anchor is its first box."""

        def anchor(name: str) -> str:
            if name == "page":  # not a control of its own: showing the table again starts at page 1
                return "compare-apply"
            boxes = isinstance(self.fields[name].widget, forms.CheckboxSelectMultiple)
            return self[name].auto_id + ("_0" if boxes else "")

        return [(anchor(name), error) for name, errors in self.errors.items() for error in errors]
