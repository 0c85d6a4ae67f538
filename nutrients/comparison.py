"""The comparison table's rules: which columns exist, how rows sort, which
foods a diet allows, and what a spreadsheet cell may start with.

Plain functions with keyword arguments, so they can be tested without HTTP.
The view sorts what selectors.comparison_order() found (filtered by symptom,
kind and choice), pages it, and builds the table from that page's nutrients
as selectors.comparison_nutrients() gives them: with their published symptom
links and food sources prefetched.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal

from django.core.paginator import Page
from django.urls import reverse
from django.utils.http import urlencode

from . import units
from .models import Caveat, Food, FoodSource, Nutrient, SymptomLink

# The seed article's columns, in its order. The nutrient's name is always shown.
COLUMNS = {
    "function": "What it does for legs",
    "role": "Key role",
    "foods": "Best food sources",
    "symptoms": "Leg symptoms",
    "evidence": "Supplement evidence",
    "benefit": "Who might benefit",
}

DIETS = {"": "Any diet", "vegetarian": "Vegetarian", "vegan": "Vegan"}

# A leading "-" means descending. Evidence and link strength read best
# strongest first, so that is the direction their headings offer first.
SORTS = {
    "name": "Name, A to Z",
    "-name": "Name, Z to A",
    "-evidence": "Evidence, strongest first",
    "evidence": "Evidence, weakest first",
    "-strength": "Link strength, strongest first",
    "strength": "Link strength, weakest first",
}
DEFAULT_SORT = "name"
# Once a symptom is chosen, what matters most is how strongly each nutrient is linked to it.
SYMPTOM_SORT = "-strength"
FIRST_DIRECTION = {"name": "name", "evidence": "-evidence", "strength": "-strength"}

# Strongest evidence that supplements help first; "shown not to help" comes last.
EVIDENCE_RANK = {
    Nutrient.Evidence.HELPS: 3,
    Nutrient.Evidence.MIXED: 2,
    Nutrient.Evidence.NOT_STUDIED: 1,
    Nutrient.Evidence.NO_HELP: 0,
}

MAX_SIDE_BY_SIDE = 4
FOODS_PER_NUTRIENT = 5
# Room for every nutrient the site covers today; a page stays quick to read,
# render and download however many nutrients editors add.
ROWS_PER_PAGE = 20

# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Filters:
    """What the reader chose, already validated (the comparison form's cleaned data)."""

    symptom: str = ""
    kind: str = ""
    diet: str = ""
    columns: tuple[str, ...] = tuple(COLUMNS)
    nutrients: tuple[str, ...] = ()
    sort: str = DEFAULT_SORT
    page: int = 1

    def as_query(self, **changes) -> str:
        """The query string that reproduces this view (with any changes), leaving out defaults."""
        values = asdict(replace(self, **changes))
        defaults = asdict(Filters(sort=default_sort(symptom=values["symptom"])))
        return urlencode({key: value for key, value in values.items() if value != defaults[key]}, doseq=True)


@dataclass
class Row:
    """One nutrient as the table shows it."""

    nutrient: Nutrient
    foods: list[Food]
    symptoms: list[SymptomLink]
    link: SymptomLink | None = None  # its link to the chosen symptom, if one is chosen

    @property
    def benefit(self) -> str:
        return who_might_benefit(nutrient=self.nutrient)


def who_might_benefit(*, nutrient: Nutrient) -> str:
    """The nutrient's own "who might benefit", then the published medicines that lower it
    (selectors.comparison_nutrients annotates their names, joined by "|"), since a medicine can be the reason."""
    names = sorted(filter(None, (getattr(nutrient, "lowering_medicines", "") or "").split("|")))
    if not names:
        return nutrient.who_might_benefit
    return f"{nutrient.who_might_benefit} People who take medicines that can lower it: {', '.join(names)}."


@dataclass
class Heading:
    key: str
    label: str
    aria_sort: str = ""
    href: str = ""  # where its sort link goes; empty for a column that does not sort


@dataclass
class Comparison:
    filters: Filters
    rows: list[Row]
    symptom_name: str = ""
    page: Page | None = None  # None when every row is shown at once
    caveats: list[Caveat] = field(default_factory=list)  # the page's numbered caveats about its foods

    @property
    def side_by_side(self) -> bool:
        return bool(self.filters.nutrients)

    @property
    def paged(self) -> bool:
        return self.page is not None and self.page.paginator.num_pages > 1

    @property
    def summary(self) -> str:
        if not self.paged:
            return summary(count=len(self.rows), symptom_name=self.symptom_name, chosen=len(self.filters.nutrients))
        page = self.page
        return summary(
            count=page.paginator.count,
            symptom_name=self.symptom_name,
            chosen=0,
            shown=(page.start_index(), page.end_index()),
        )

    @property
    def previous_href(self) -> str:
        return self.page_href(self.page.previous_page_number()) if self.paged and self.page.has_previous() else ""

    @property
    def next_href(self) -> str:
        return self.page_href(self.page.next_page_number()) if self.paged and self.page.has_next() else ""

    def page_href(self, number: int) -> str:
        return address("nutrients:compare", self.filters.as_query(page=number))

    @property
    def caption(self) -> str:
        filters, name = self.filters, self.symptom_name
        return caption(kind=filters.kind, symptom_name=name, diet=filters.diet, side_by_side=self.side_by_side)

    @property
    def href(self) -> str:
        """The address of exactly this view."""
        return address("nutrients:compare", self.filters.as_query())

    @property
    def full_table_href(self) -> str:
        """This view with no nutrients ticked: back to one row a nutrient."""
        return address("nutrients:compare", self.filters.as_query(nutrients=(), page=1))

    @property
    def csv_href(self) -> str:
        return address("nutrients:compare_csv", self.filters.as_query())

    @property
    def name_heading(self) -> Heading:
        return self.heading("name")

    @property
    def headings(self) -> list[Heading]:
        """The columns after the nutrient's name: the link to the chosen symptom first, then those chosen."""
        keys = (["strength"] if self.filters.symptom else []) + list(self.filters.columns)
        return [self.heading(key) for key in keys]

    def heading(self, key: str) -> Heading:
        label = {"name": "Nutrient", "strength": f"Link to {self.symptom_name.lower()}"}.get(key) or COLUMNS[key]
        if key not in FIRST_DIRECTION:
            return Heading(key=key, label=label)
        sort = self.filters.sort
        return Heading(
            key=key,
            label=label,
            aria_sort=aria_sort(column=key, sort=sort),
            href=address("nutrients:compare", self.filters.as_query(sort=next_sort(column=key, sort=sort), page=1)),
        )

    def as_csv_rows(self) -> list[list[str]]:
        """Exactly what the page shows, as spreadsheet-safe text."""
        rows = self.rows
        keys = [heading.key for heading in self.headings]
        labels = [heading.label for heading in self.headings]
        if self.side_by_side:
            grid = [["Nutrient", *(row.nutrient.name for row in rows)]]
            grid += [
                [label, *(cell_text(row=row, column=key) for row in rows)]
                for key, label in zip(keys, labels, strict=True)
            ]
        else:
            grid = [["Nutrient", *labels]]
            grid += [[row.nutrient.name, *(cell_text(row=row, column=key) for key in keys)] for row in rows]
        return [[spreadsheet_safe(cell=cell) for cell in line] for line in grid]


def build(
    *, nutrients: Iterable[Nutrient], filters: Filters, symptom_name: str = "", page: Page | None = None
) -> Comparison:
    """The table for nutrients already filtered, sorted and paged (see selectors.comparison_nutrients)."""
    rows = [row_for(nutrient=nutrient, filters=filters) for nutrient in nutrients]
    return Comparison(filters=filters, rows=rows, symptom_name=symptom_name, page=page)


def row_for(*, nutrient: Nutrient, filters: Filters) -> Row:
    links = nutrient.published_symptom_links
    return Row(
        nutrient=nutrient,
        foods=best_foods(nutrient=nutrient, sources=nutrient.published_food_sources, diet=filters.diet),
        symptoms=links,
        link=next((link for link in links if link.symptom.slug == filters.symptom), None),
    )


def address(url_name: str, query: str) -> str:
    return f"{reverse(url_name)}?{query}" if query else reverse(url_name)


def default_sort(*, symptom: str) -> str:
    """The order a view has when the reader chose none: strongest link first once a symptom
    is chosen (ties by name), else by name."""
    return SYMPTOM_SORT if symptom else DEFAULT_SORT


def effective_sort(*, sort: str, symptom: str) -> str:
    """The order the table takes: the default when none is chosen; link strength only means
    something once a symptom is chosen, so without one it sorts by name."""
    if not sort or (sort.lstrip("-") == "strength" and not symptom):
        return default_sort(symptom=symptom)
    return sort


def sort_nutrients(*, nutrients: Iterable[Nutrient], sort: str) -> list[Nutrient]:
    """Sort by name, evidence or link strength (each nutrient's link_strength to the chosen
    symptom, see selectors.comparison_order); ties keep name order (A to Z)."""
    nutrients = sorted(nutrients, key=lambda nutrient: nutrient.name.casefold())
    key = sort.lstrip("-")
    descending = sort.startswith("-")
    if key == "name":
        return nutrients[::-1] if descending else nutrients
    if key == "evidence":
        rank = lambda nutrient: EVIDENCE_RANK.get(nutrient.evidence_level, -1)  # noqa: E731
    else:
        rank = lambda nutrient: nutrient.link_strength or 0  # noqa: E731
    # sorted() is stable, so equal ranks stay in name order either way.
    return sorted(nutrients, key=lambda nutrient: -rank(nutrient) if descending else rank(nutrient))


def suits_diet(*, food: Food, diet: str) -> bool:
    if diet == "vegan":
        return food.is_vegan
    if diet == "vegetarian":
        return food.is_vegetarian
    return True


def best_foods(
    *, nutrient: Nutrient, sources: Iterable[FoodSource], diet: str, limit: int = FOODS_PER_NUTRIENT
) -> list[Food]:
    """The foods with the most of the nutrient per serving, suited to the diet, each food once.

    Amounts are compared in the nutrient's own unit (vitamin D's IU converted);
    foods the sources name without an amount come after those with one.
    """

    def richness(source: FoodSource) -> Decimal:
        if source.amount is None:
            return Decimal(-1)
        return units.in_nutrient_unit(source.amount, source.unit, nutrient)

    foods: list[Food] = []
    for source in sorted(sources, key=lambda source: (-richness(source), source.food.name)):
        if source.food not in foods and suits_diet(food=source.food, diet=diet):
            foods.append(source.food)
    return foods[:limit]


def aria_sort(*, column: str, sort: str) -> str:
    """The aria-sort value for a column heading: 'ascending', 'descending' or '' when unsorted."""
    if sort.lstrip("-") != column:
        return ""
    return "descending" if sort.startswith("-") else "ascending"


def next_sort(*, column: str, sort: str) -> str:
    """Where a column heading's link goes: its first direction, or the reverse when already sorted that way."""
    first = FIRST_DIRECTION[column]
    if sort != first:
        return first
    return first[1:] if first.startswith("-") else f"-{first}"


def summary(*, count: int, symptom_name: str, chosen: int, shown: tuple[int, int] | None = None) -> str:
    """The sentence a screen reader hears after the table changes; `shown` is the
    (first, last) row of a page when the table has more than one."""
    if not count:
        return "No nutrient matches these choices. Try fewer filters."
    nutrients = f"{count} nutrient{'' if count == 1 else 's'}"
    if shown:
        nutrients = f"nutrients {shown[0]} to {shown[1]} of {count}"
    if chosen:
        text = f"Showing {nutrients} side by side."
        if count < chosen:
            text += f" {chosen - count} of those you ticked do not match the filters."
        if count == 1:
            text += " Tick another nutrient to compare."
        return text
    if symptom_name:
        return f"Showing {nutrients} linked to {symptom_name.lower()}."
    return f"Showing {nutrients}."


def caption(*, kind: str, symptom_name: str, diet: str, side_by_side: bool) -> str:
    """What the table shows, in words: 'Vitamins linked to numbness, with vegan food sources'."""
    text = {"vitamin": "Vitamins", "mineral": "Minerals"}.get(kind, "Nutrients")
    if symptom_name:
        text += f" linked to {symptom_name.lower()}"
    if side_by_side:
        text += " side by side"
    if diet:
        text += f", with {diet} food sources"
    return text


def cell_text(*, row: Row, column: str) -> str:
    """One cell as plain text, for the CSV download."""
    nutrient = row.nutrient
    match column:
        case "strength":
            return f"{row.link.get_strength_display()}: {row.link.why}" if row.link else ""
        case "function":
            return nutrient.leg_function
        case "role":
            return nutrient.key_role
        case "foods":
            return ", ".join(food.name for food in row.foods)
        case "symptoms":
            return ", ".join(link.symptom.name for link in row.symptoms)
        case "evidence":
            basis = f" ({nutrient.best_evidence})" if nutrient.best_evidence else ""
            return f"{nutrient.get_evidence_level_display()}{basis}: {nutrient.evidence_note}"
        case "benefit":
            return row.benefit
    raise ValueError(f"Unknown column {column!r}")


def spreadsheet_safe(*, cell: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula, by starting it with a quote.

    The first character is compared in its compatibility form too, since some
    spreadsheets read a fullwidth '＝' as '='.
    """
    first = unicodedata.normalize("NFKC", cell[:1])
    return f"'{cell}" if first.startswith(FORMULA_STARTS) else cell
