"""The comparison table's rules, without HTTP or a database: sorting, diets,
food ranking, sort links, the status sentence and spreadsheet safety."""

from decimal import Decimal

import pytest

from nutrients import comparison
from nutrients.comparison import Filters
from nutrients.models import Food, FoodSource, Nutrient, Symptom, SymptomLink


def nutrient(name, evidence="mixed", **fields):
    return Nutrient(name=name, slug=name.lower().replace(" ", "-"), evidence_level=evidence, **fields)


def ranked(name, evidence="mixed", strength=None):
    """A nutrient as selectors.comparison_order gives it: with its link strength to the chosen symptom."""
    item = nutrient(name, evidence)
    item.link_strength = strength
    return item


def names(nutrients):
    return [item.name for item in nutrients]


def food(name, vegan=False, vegetarian=False):
    return Food(name=name, slug=name.lower(), is_vegan=vegan, is_vegetarian=vegetarian or vegan)


NUTRIENTS = [
    ranked("Zinc", "unstudied", 1),
    ranked("iron", "helps", 3),
    ranked("Magnesium", "mixed", 3),
    ranked("Calcium", "mixed", 2),
]


def test_name_sort_ignores_case_and_reverses():
    assert names(comparison.sort_nutrients(nutrients=NUTRIENTS, sort="name")) == [
        "Calcium",
        "iron",
        "Magnesium",
        "Zinc",
    ]
    assert names(comparison.sort_nutrients(nutrients=NUTRIENTS, sort="-name")) == [
        "Zinc",
        "Magnesium",
        "iron",
        "Calcium",
    ]


def test_evidence_sort_puts_strongest_first_and_keeps_ties_in_name_order():
    assert names(comparison.sort_nutrients(nutrients=NUTRIENTS, sort="-evidence")) == [
        "iron",
        "Calcium",
        "Magnesium",
        "Zinc",
    ]
    assert names(comparison.sort_nutrients(nutrients=NUTRIENTS, sort="evidence")) == [
        "Zinc",
        "Calcium",
        "Magnesium",
        "iron",
    ]


def test_link_strength_sort_puts_strongest_first_and_keeps_ties_in_name_order():
    assert names(comparison.sort_nutrients(nutrients=NUTRIENTS, sort="-strength")) == [
        "iron",
        "Magnesium",
        "Calcium",
        "Zinc",
    ]
    assert names(comparison.sort_nutrients(nutrients=NUTRIENTS, sort="strength")) == [
        "Zinc",
        "Calcium",
        "iron",
        "Magnesium",
    ]


@pytest.mark.parametrize(
    ("sort", "symptom", "expected"),
    [
        ("-strength", "", "name"),
        ("strength", "", "name"),
        ("-strength", "tingling", "-strength"),
        ("", "", "name"),
        ("", "tingling", "-strength"),
        ("name", "tingling", "name"),
        ("-evidence", "", "-evidence"),
    ],
)
def test_with_a_symptom_the_strongest_link_comes_first_unless_the_reader_chose_another_order(sort, symptom, expected):
    assert comparison.effective_sort(sort=sort, symptom=symptom) == expected


def test_diets_keep_only_suitable_foods():
    salmon, milk, spinach = food("Salmon"), food("Milk", vegetarian=True), food("Spinach", vegan=True)
    expected = {"": ["Salmon", "Milk", "Spinach"], "vegetarian": ["Milk", "Spinach"], "vegan": ["Spinach"]}
    for diet, allowed in expected.items():
        assert [item.name for item in (salmon, milk, spinach) if comparison.suits_diet(food=item, diet=diet)] == allowed


def test_best_foods_are_the_richest_per_serving_each_once_those_without_an_amount_last():
    magnesium = nutrient("Magnesium", unit="mg")
    spinach, almonds, beans, seeds = (food(name, vegan=True) for name in ("Spinach", "Almonds", "Beans", "Seeds"))
    sources = [
        FoodSource(food=spinach, amount=Decimal(80), unit="mg", preparation="cooked"),
        FoodSource(food=spinach, amount=Decimal(20), unit="mg", preparation="raw"),
        FoodSource(food=almonds, amount=Decimal(90), unit="mg"),
        FoodSource(food=beans, amount=None),
        FoodSource(food=seeds, amount=Decimal(150), unit="mg"),
    ]
    assert comparison.best_foods(nutrient=magnesium, sources=sources, diet="") == [seeds, almonds, spinach, beans]
    assert comparison.best_foods(nutrient=magnesium, sources=sources, diet="", limit=2) == [seeds, almonds]


def test_best_foods_compare_iu_and_micrograms_in_the_same_unit():
    vitamin_d = nutrient("Vitamin D", unit="mcg", iu_per_unit=Decimal(40))
    salmon, milk = food("Salmon"), food("Milk", vegetarian=True)
    sources = [
        FoodSource(food=milk, amount=Decimal(3), unit="mcg"),
        FoodSource(food=salmon, amount=Decimal(400), unit="IU"),
    ]
    # 400 IU is 10 mcg: more than milk's 3 mcg, though 3 is not more than 400.
    assert comparison.best_foods(nutrient=vitamin_d, sources=sources, diet="") == [salmon, milk]
    assert comparison.best_foods(nutrient=vitamin_d, sources=sources, diet="vegetarian") == [milk]


@pytest.mark.parametrize(
    ("column", "sort", "aria", "next_sort"),
    [
        ("name", "name", "ascending", "-name"),
        ("name", "-name", "descending", "name"),
        ("name", "-evidence", "", "name"),
        ("evidence", "name", "", "-evidence"),
        ("evidence", "-evidence", "descending", "evidence"),
        ("evidence", "evidence", "ascending", "-evidence"),
        ("strength", "-strength", "descending", "strength"),
    ],
)
def test_column_headings_announce_their_sort_and_link_to_the_other_direction(column, sort, aria, next_sort):
    assert comparison.aria_sort(column=column, sort=sort) == aria
    assert comparison.next_sort(column=column, sort=sort) == next_sort


def test_a_query_string_leaves_out_the_defaults_so_links_stay_short():
    assert Filters().as_query() == ""
    filters = Filters(symptom="tingling", columns=("foods", "evidence"), sort="-strength")
    assert filters.as_query() == "symptom=tingling&columns=foods&columns=evidence"  # strongest first: the default
    assert filters.as_query(sort="name") == "symptom=tingling&columns=foods&columns=evidence&sort=name"
    assert filters.as_query(symptom="", sort="name") == "columns=foods&columns=evidence"


@pytest.mark.parametrize(
    ("count", "symptom_name", "chosen", "expected"),
    [
        (11, "", 0, "Showing 11 nutrients."),
        (1, "Restless legs", 0, "Showing 1 nutrient linked to restless legs."),
        (2, "", 2, "Showing 2 nutrients side by side."),
        (1, "", 1, "Showing 1 nutrient side by side. Tick another nutrient to compare."),
        (2, "", 3, "Showing 2 nutrients side by side. 1 of those you ticked do not match the filters."),
        (0, "Tingling", 0, "No nutrient matches these choices. Try fewer filters."),
    ],
)
def test_the_status_sentence_says_what_the_table_now_shows(count, symptom_name, chosen, expected):
    assert comparison.summary(count=count, symptom_name=symptom_name, chosen=chosen) == expected


def test_the_caption_names_every_filter_in_words():
    assert comparison.caption(kind="", symptom_name="", diet="", side_by_side=False) == "Nutrients"
    assert (
        comparison.caption(kind="vitamin", symptom_name="Numbness", diet="vegan", side_by_side=True)
        == "Vitamins linked to numbness side by side, with vegan food sources"
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_quoted(start):
    assert comparison.spreadsheet_safe(cell=f"{start}1+1") == f"'{start}1+1"


def test_ordinary_cells_are_left_alone():
    assert comparison.spreadsheet_safe(cell="Vitamin B12 (cobalamin)") == "Vitamin B12 (cobalamin)"
    assert comparison.spreadsheet_safe(cell="") == ""


def comparison_of(nutrients, filters):
    for item in nutrients:
        item.published_food_sources = []
        item.published_symptom_links = []
    return comparison.build(nutrients=nutrients, filters=filters)


def test_the_csv_grid_is_the_table_as_shown_with_formulas_neutralised():
    bad = nutrient("Iron", "helps", leg_function='=HYPERLINK("http://evil.example")', key_role="-2+3")
    table = comparison_of([nutrient("Calcium"), bad], Filters(columns=("function", "role")))
    assert table.as_csv_rows() == [
        ["Nutrient", "What it does for legs", "Key role"],
        ["Calcium", "", ""],
        ["Iron", '\'=HYPERLINK("http://evil.example")', "'-2+3"],
    ]


def test_side_by_side_the_csv_grid_turns_nutrients_into_columns():
    iron = nutrient("Iron", "helps", who_might_benefit="People with anemia")
    calcium = nutrient("Calcium", "mixed", who_might_benefit="People with a shortage")
    table = comparison_of([calcium, iron], Filters(columns=("evidence", "benefit"), nutrients=("iron", "calcium")))
    assert table.side_by_side
    grid = table.as_csv_rows()
    assert grid[0] == ["Nutrient", "Calcium", "Iron"]
    assert grid[1][0] == "Supplement evidence" and grid[1][2].startswith("Shown to help: ")
    assert grid[2] == ["Who might benefit", "People with a shortage", "People with anemia"]


def test_with_a_symptom_the_link_comes_first_and_its_heading_sorts():
    magnesium = nutrient("Magnesium")
    magnesium.published_food_sources = []
    link = SymptomLink(strength=3, why="It relaxes muscles.", symptom=Symptom(name="Night cramps", slug="night-cramps"))
    magnesium.published_symptom_links = [link]
    table = comparison.build(
        nutrients=[magnesium],
        filters=Filters(symptom="night-cramps", columns=("role",), sort="-strength"),
        symptom_name="Night cramps",
    )
    assert table.rows[0].link is link
    headings = table.headings
    assert [heading.label for heading in headings] == ["Link to night cramps", "Key role"]
    assert headings[0].aria_sort == "descending"
    assert headings[0].href == "/compare/?symptom=night-cramps&columns=role&sort=strength"
    assert headings[1].href == ""  # key role does not sort
    assert table.as_csv_rows()[1][:2] == ["Magnesium", "Strong: It relaxes muscles."]


def test_a_table_of_several_pages_says_which_rows_it_shows():
    assert (
        comparison.summary(count=41, symptom_name="", chosen=0, shown=(21, 40)) == "Showing nutrients 21 to 40 of 41."
    )
    assert (
        comparison.summary(count=41, symptom_name="Tingling", chosen=0, shown=(41, 41))
        == "Showing nutrients 41 to 41 of 41 linked to tingling."
    )
