"""The comparison table over HTTP: what each view shows, full page versus htmx
fragment, the headers, the CSV download, every kind of bad input, and the queries."""

import csv
import datetime
import io
import re

import pytest

from nutrients.comparison import ROWS_PER_PAGE
from nutrients.models import Food, FoodSource, Nutrient, Status, Symptom, SymptomLink
from tests import factories

URL = "/compare/"
CSV_URL = "/compare/table.csv"
HTMX = {"HX-Request": "true"}
# The form's two option lists, the nutrients in the chosen order, then one page of them
# with their symptom links and food sources, and the foods' caveats with their sources.
MAX_QUERIES = 8


def body_rows(page) -> list[str]:
    """The nutrients the view put in the table, in order."""
    return [row.nutrient.name for row in page.context["table"].rows]


def linked_row_headings(page) -> list[str]:
    """The nutrient names heading each row of the table as rendered, each a link to its page."""
    body = page.text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<tr><th scope="row"><a href="/nutrients/[\w-]+/">([^<]+)</a>', body)


def column_headings(page) -> list[str]:
    head = page.text.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)]


def published_names(**filters) -> list[str]:
    return sorted(Nutrient.objects.published().filter(**filters).values_list("name", flat=True), key=str.casefold)


def strongest_first(symptom: str) -> list[str]:
    """The published nutrients linked to a symptom, strongest link first, then by name."""
    links = SymptomLink.objects.filter(symptom__slug=symptom, nutrient__status=Status.PUBLISHED)
    ranked = sorted(links.select_related("nutrient"), key=lambda link: (-link.strength, link.nutrient.name.casefold()))
    return [link.nutrient.name for link in ranked]


def sort_options(page) -> list[tuple[str, str, bool]]:
    """The sort menu's options as (value, label, selected)."""
    menu = re.search(r'<select name="sort".*?</select>', page.text, re.S).group(0)
    return [
        (value, label, bool(selected))
        for value, selected, label in re.findall(r'<option value="([^"]*)"( selected)?>([^<]+)</option>', menu)
    ]


def status_line(page) -> str:
    return page.context["table"].summary


def announced_status(page) -> str:
    """The role="status" line as rendered, which screen readers announce."""
    return re.search(r'<p id="compare-status"[^>]*>(.*?)</p>', page.text, re.S).group(1).strip()


def test_the_full_table_lists_every_published_nutrient_with_the_seed_columns(client, content):
    page = client.get(URL)
    assert page.status_code == 200
    assert body_rows(page) == published_names()
    assert linked_row_headings(page) == published_names()
    assert announced_status(page) == status_line(page)
    assert column_headings(page) == [
        "Nutrient",
        "What it does for legs",
        "Key role",
        "Best food sources",
        "Leg symptoms",
        "Supplement evidence",
        "Who might benefit",
    ]
    assert "<caption" in page.text
    assert status_line(page) == f"Showing {len(published_names())} nutrients."
    magnesium = Nutrient.objects.get(slug="magnesium")
    for text in (magnesium.leg_function, magnesium.key_role, magnesium.evidence_note):
        assert text in page.text


def test_the_page_has_no_cookie_and_varies_on_the_htmx_headers(client, content):
    page = client.get(URL)
    assert not page.cookies
    vary = {header.strip() for header in page["Vary"].split(",")}
    assert {"HX-Request", "HX-History-Restore-Request"} <= vary
    assert "csrfmiddlewaretoken" not in page.text


def test_an_htmx_request_gets_only_the_results_with_the_filters_and_status_out_of_band(client, content):
    page = client.get(URL, {"symptom": "restless-legs"}, headers=HTMX)
    assert page.status_code == 200
    assert "<html" not in page.text and "<h1>" not in page.text
    assert '<div id="compare-filters" hx-swap-oob="innerHTML">' in page.text
    assert '<p id="compare-status" hx-swap-oob="innerHTML">' in page.text
    assert 'value="restless-legs" selected' in page.text
    assert body_rows(page) == strongest_first("restless-legs")


def test_htmx_pushes_the_short_address_of_the_view(client, content):
    everything_the_form_sends = {
        "symptom": "restless-legs",
        "kind": "",
        "diet": "",
        "sort": "",
        "columns": ["function", "foods"],
    }
    page = client.get(URL, everything_the_form_sends, headers=HTMX)
    assert page["HX-Push-Url"] == "/compare/?symptom=restless-legs&columns=function&columns=foods"
    assert "HX-Push-Url" not in client.get(URL, {"symptom": "gout"}, headers=HTMX)
    assert "HX-Push-Url" not in client.get(URL, everything_the_form_sends)


def test_a_history_restore_gets_the_full_page(client, content):
    page = client.get(URL, {"kind": "mineral"}, headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in page.text and "<h1>Compare nutrients</h1>" in page.text
    assert body_rows(page) == published_names(kind="mineral")


def test_filtering_by_a_symptom_keeps_only_linked_nutrients_and_shows_the_link(client, content):
    page = client.get(URL, {"symptom": "restless-legs", "sort": "-strength"})
    links = SymptomLink.objects.filter(symptom__slug="restless-legs", nutrient__status=Status.PUBLISHED)
    expected = sorted(links, key=lambda link: (-link.strength, link.nutrient.name.casefold()))
    assert body_rows(page) == [link.nutrient.name for link in expected]
    assert column_headings(page)[1] == "Link to restless legs"
    assert '<th scope="col" aria-sort="descending"><a id="sort-strength"' in page.text
    for link in links:
        assert link.why in page.text
    assert status_line(page) == f"Showing {len(expected)} nutrients linked to restless legs."


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["without JavaScript", "with htmx"])
def test_choosing_a_symptom_puts_the_strongest_link_first_then_names(client, content, headers):
    # What the form sends when the reader changes only the symptom: the sort menu on its default.
    page = client.get(URL, {"symptom": "leg-cramps", "kind": "", "diet": "", "sort": ""}, headers=headers)
    expected = strongest_first("leg-cramps")
    assert len({link.strength for link in SymptomLink.objects.filter(symptom__slug="leg-cramps")}) > 1
    assert body_rows(page) == expected
    assert linked_row_headings(page) == expected
    assert '<th scope="col" aria-sort="descending"><a id="sort-strength"' in page.text
    assert sort_options(page)[0] == ("", "Link strength, strongest first", True)
    assert body_rows(client.get(URL, {"symptom": "leg-cramps"}, headers=headers)) == expected


def test_an_order_the_reader_chose_stays_when_the_symptom_changes_and_the_default_follows_it(client, content):
    by_name = client.get(URL, {"symptom": "leg-cramps", "sort": "name"})
    assert body_rows(by_name) == published_names(symptom_links__symptom__slug="leg-cramps")
    assert ("name", "Name, A to Z", True) in sort_options(by_name)
    no_symptom = client.get(URL, {"symptom": "", "sort": ""})
    assert sort_options(no_symptom)[0] == ("", "Name, A to Z", True)
    assert not any("strength" in value for value, _, _ in sort_options(no_symptom))


def test_filtering_by_kind_keeps_only_that_kind(client, content):
    assert body_rows(client.get(URL, {"kind": "vitamin"})) == published_names(kind="vitamin")
    assert body_rows(client.get(URL, {"kind": "mineral"})) == published_names(kind="mineral")


def test_a_vegan_diet_lists_only_vegan_food_sources(client, content):
    page = client.get(URL, {"diet": "vegan", "columns": "foods"})
    linked = set(re.findall(r'href="/foods/([\w-]+)/"', page.text))
    assert linked
    assert linked <= set(Food.objects.filter(is_vegan=True).values_list("slug", flat=True))
    all_diets = set(re.findall(r'href="/foods/([\w-]+)/"', client.get(URL, {"columns": "foods"}).text))
    assert "salmon" in all_diets and "salmon" not in linked


def test_a_nutrient_with_no_food_for_the_diet_says_so(client, content):
    FoodSource.objects.filter(nutrient__slug="vitamin-b12", food__is_vegan=True).delete()
    page = client.get(URL, {"diet": "vegan", "columns": "foods", "nutrients": ["vitamin-b12", "iron"]})
    assert "None recorded for a vegan diet" in page.text


def test_chosen_columns_are_the_only_ones_shown(client, content):
    page = client.get(URL, {"columns": ["evidence", "foods"]})
    assert column_headings(page) == ["Nutrient", "Best food sources", "Supplement evidence"]
    assert 'value="evidence" id="id_columns_4" checked' in page.text
    assert 'value="role" id="id_columns_1">' in page.text


def test_sorting_by_evidence_puts_strong_evidence_first_and_the_heading_says_so(client, content):
    Nutrient.objects.filter(slug__in=["iron", "vitamin-k"]).update(evidence_level=Nutrient.Evidence.HELPS)
    page = client.get(URL, {"sort": "-evidence"})
    strong = published_names(evidence_level=Nutrient.Evidence.HELPS)
    assert len(strong) == 2
    assert body_rows(page)[: len(strong)] == strong
    assert '<th scope="col" aria-sort="descending"><a id="sort-evidence" href="/compare/?sort=evidence"' in page.text
    assert '<th scope="col"><a id="sort-name" href="/compare/" hx-get="/compare/"' in page.text


def test_sort_links_keep_every_other_choice(client, content):
    page = client.get(URL, {"symptom": "tingling", "kind": "vitamin", "diet": "vegan", "columns": "foods"})
    query = "symptom=tingling&amp;kind=vitamin&amp;diet=vegan&amp;columns=foods"
    assert f'id="sort-name" href="/compare/?{query}&amp;sort=name"' in page.text
    assert f'id="sort-strength" href="/compare/?{query}&amp;sort=strength"' in page.text
    assert f'href="/compare/table.csv?{query}"' in page.text


def test_link_strength_without_a_symptom_falls_back_to_name_order(client, content):
    page = client.get(URL, {"sort": "-strength"})
    assert page.status_code == 200
    assert body_rows(page) == published_names()
    assert '<option value="" selected>Name, A to Z</option>' in page.text
    assert "strength" not in re.search(r'<select name="sort".*?</select>', page.text, re.S).group(0)


def test_two_to_four_nutrients_are_shown_side_by_side_one_fact_a_row(client, content):
    page = client.get(URL, {"nutrients": ["magnesium", "iron", "vitamin-b12"], "columns": ["evidence", "benefit"]})
    assert page.status_code == 200
    assert column_headings(page) == ["Nutrient", "Iron", "Magnesium", "Vitamin B12"]
    assert re.findall(r'<tr><th scope="row">([^<]+)</th>', page.text) == ["Supplement evidence", "Who might benefit"]
    assert status_line(page) == "Showing 3 nutrients side by side."
    assert 'id="compare-full-table" href="/compare/?columns=evidence&amp;columns=benefit"' in page.text


def test_one_ticked_nutrient_is_shown_with_a_hint_to_tick_another(client, content):
    page = client.get(URL, {"nutrients": ["iron", "iron"]})
    assert page.status_code == 200
    assert column_headings(page) == ["Nutrient", "Iron"]
    assert "Tick another nutrient to compare." in status_line(page)


def test_filters_that_match_nothing_say_so(client, content):
    page = client.get(URL, {"symptom": "bone-pain", "nutrients": ["iron", "magnesium"]})
    assert page.status_code == 200
    assert "No nutrient matches these choices" in page.text
    assert "<table" not in page.text


def test_drafts_never_appear(client, content):
    Nutrient.objects.filter(slug="vitamin-k").update(status=Status.DRAFT)
    Food.objects.filter(slug="kale").update(status=Status.DRAFT)
    Symptom.objects.filter(slug="tingling").update(status=Status.DRAFT)
    page = client.get(URL)
    assert "Vitamin K" not in body_rows(page)
    assert 'value="vitamin-k"' not in page.text
    assert "/foods/kale/" not in page.text
    assert "/symptoms/tingling/" not in page.text and 'value="tingling"' not in page.text
    assert client.get(URL, {"symptom": "tingling"}).status_code == 400
    assert client.get(URL, {"nutrients": ["vitamin-k", "iron"]}).status_code == 400


def test_editor_text_in_the_table_is_escaped(client, content):
    Nutrient.objects.filter(slug="iron").update(key_role='<script>alert("x")</script>')
    page = client.get(URL)
    assert '<script>alert("x")</script>' not in page.text
    assert "&lt;script&gt;" in page.text


BAD_INPUT = {
    "unknown symptom": ({"symptom": "gout"}, "We have no leg symptom by that name"),
    "unknown nutrient": ({"nutrients": ["iron", "unobtainium"]}, "We have no nutrient by that name"),
    "unknown column": ({"columns": ["foods", "price"]}, "We have no column by that name"),
    "five nutrients": (
        {"nutrients": ["iron", "magnesium", "calcium", "potassium", "folate"]},
        "Choose at most 4 nutrients to compare side by side; you ticked 5.",
    ),
    "unknown kind": ({"kind": "amino-acid"}, "Choose vitamins, minerals or both."),
    "unknown diet": ({"diet": "keto"}, "Choose any diet, vegetarian or vegan."),
    "unknown sort": ({"sort": "price"}, "We cannot sort the table that way."),
    "huge value": ({"symptom": "x" * 3_000}, "We have no leg symptom by that name"),
    "binary": ({"kind": "\x00\xff\ufffd"}, "Choose vitamins, minerals or both."),
    "SQL": ({"symptom": "' OR 1=1 --"}, "We have no leg symptom by that name"),
    "page not a number": ({"page": "two"}, "A page of the table is a whole number."),
    "page zero": ({"page": "0"}, "The table&#x27;s pages start at 1."),
    "page past the end": ({"page": "2"}, "The table has 1 page, so there is no page 2."),
    "page far past the end": ({"page": "9" * 30}, "The table has 1 page, so there is no page 999"),
}


@pytest.mark.parametrize(("query", "message"), BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_gets_a_400_page_with_the_message_and_the_form(client, content, query, message):
    page = client.get(URL, query)
    assert page.status_code == 400
    assert "<h1>Compare nutrients</h1>" in page.text
    assert "There is a problem" in page.text and message in page.text
    assert '<form method="get" action="/compare/"' in page.text
    assert 'href="/compare/">Start again with the full table</a>' in page.text
    assert "x" * 1000 not in page.text  # a huge value is not echoed back


@pytest.mark.parametrize(("query", "message"), BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_under_htmx_bad_input_gets_the_message_in_place(client, content, query, message):
    page = client.get(URL, query, headers=HTMX)
    assert page.status_code == 400
    assert "<html" not in page.text
    assert message in page.text
    assert announced_status(page).startswith("There is a problem:")
    assert '<div id="compare-filters" hx-swap-oob="innerHTML">' in page.text


def test_an_error_links_to_the_control_that_needs_fixing(client, content):
    page = client.get(URL, {"columns": "price", "symptom": "gout", "page": "0"})
    assert '<a href="#id_columns_0">' in page.text
    assert '<a href="#id_symptom">' in page.text
    assert '<a href="#compare-apply">' in page.text  # a page has no control: showing the table again starts at 1
    assert 'aria-describedby="id_symptom_error"' in page.text and 'id="id_symptom_error"' in page.text


def test_a_raw_binary_query_string_gets_a_400_not_a_500(client, content):
    page = client.get(URL + "?symptom=%00%ff%fe&kind=%c3%28&columns=%e2%82")
    assert page.status_code == 400


def test_too_many_parameters_get_a_400_not_a_500(client, content):
    page = client.get(URL + "?" + "&".join(["c="] * 1001))
    assert page.status_code == 400


def test_an_address_too_long_for_any_table_gets_a_414_not_a_500(client, content):
    page = client.get(URL + "?" + "&".join(f"columns=foods{number}" for number in range(2000)))
    assert page.status_code == 414


def test_unknown_parameters_redirect_to_the_same_table_without_them(client, content):
    page = client.get(URL, {"kind": "mineral", "utm_source": "newsletter"}, follow=True)
    assert page.redirect_chain == [(f"{URL}?kind=mineral", 301)]
    assert page.status_code == 200


def test_the_table_only_answers_get(client, content):
    assert client.post(URL).status_code == 405
    assert client.post(CSV_URL).status_code == 405


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_the_csv_download_is_exactly_the_current_view(client, content):
    Nutrient.objects.filter(slug="iron").update(evidence_level=Nutrient.Evidence.HELPS, best_evidence="Two trials")
    query = {"symptom": "restless-legs", "sort": "-strength", "columns": ["foods", "evidence"], "diet": "vegan"}
    page = client.get(URL, query)
    download = client.get(CSV_URL, query)
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Content-Disposition"] == 'attachment; filename="legwell-comparison.csv"'
    grid = read_csv(download)
    assert grid[0] == column_headings(page)
    assert [line[0] for line in grid[1:]] == body_rows(page)
    iron = next(line for line in grid if line[0] == "Iron")
    assert "Salmon" not in iron[2]
    assert iron[3].startswith("Shown to help (Two trials): ")


def test_the_csv_download_of_a_side_by_side_view_has_nutrients_as_columns(client, content):
    grid = read_csv(client.get(CSV_URL, {"nutrients": ["magnesium", "iron"], "columns": ["role"]}))
    magnesium = Nutrient.objects.get(slug="magnesium")
    assert grid[0] == ["Nutrient", "Iron", "Magnesium"]
    assert grid[1][0] == "Key role" and grid[1][2] == magnesium.key_role


def test_the_csv_download_neutralises_spreadsheet_formulas(client, content):
    Nutrient.objects.filter(slug="iron").update(leg_function='=HYPERLINK("http://evil.example","Click")')
    Nutrient.objects.filter(slug="magnesium").update(key_role="@SUM(A1:A9)")
    Nutrient.objects.filter(slug="phosphorus").update(who_might_benefit="-1+2")  # no medicine lowers it
    grid = read_csv(client.get(CSV_URL))
    cells = [cell for line in grid for cell in line]
    assert '\'=HYPERLINK("http://evil.example","Click")' in cells
    assert "'@SUM(A1:A9)" in cells and "'-1+2" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_the_csv_download_with_bad_input_gets_the_400_page(client, content):
    page = client.get(CSV_URL, {"columns": "price"})
    assert page.status_code == 400
    assert "We have no column by that name" in page.text
    assert page["Content-Type"].startswith("text/html")


VIEWS = {
    "full table": {},
    "symptom": {"symptom": "restless-legs", "sort": "-strength"},
    "side by side": {"nutrients": ["iron", "magnesium"], "diet": "vegan"},
    "bad input": {"symptom": "gout"},
}


def add_content(count: int):
    """Many more published nutrients, foods and links than the fixtures hold."""
    today = datetime.date(2026, 1, 1)
    review = {"status": Status.PUBLISHED, "reviewed_on": today, "reviewer_name": "Test", "reviewer_role": "Tester"}
    nutrients = Nutrient.objects.bulk_create(
        Nutrient(
            name=f"Extra nutrient {number}",
            slug=f"extra-nutrient-{number}",
            kind="mineral",
            summary="s",
            leg_function="f",
            key_role="r",
            role_in_legs="r",
            how_shortage_shows="h",
            unit="mg",
            evidence_level="mixed",
            evidence_note="n",
            who_might_benefit="w",
            **review,
        )
        for number in range(count)
    )
    foods = Food.objects.bulk_create(
        Food(
            name=f"Extra food {number}",
            slug=f"extra-food-{number}",
            category="fruit",
            is_vegan=True,
            is_vegetarian=True,
            **review,
        )
        for number in range(count)
    )
    symptoms = list(Symptom.objects.published())
    FoodSource.objects.bulk_create(FoodSource(nutrient=n, food=f) for n in nutrients for f in foods[:10])
    SymptomLink.objects.bulk_create(
        SymptomLink(nutrient=n, symptom=s, strength=2, why="w") for n in nutrients for s in symptoms
    )


@pytest.mark.parametrize("query", VIEWS.values(), ids=VIEWS.keys())
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_each_view_runs_a_fixed_number_of_queries(client, content, django_assert_max_num_queries, query, headers):
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(URL, query, headers=headers)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(CSV_URL, query)


@pytest.mark.parametrize("query", VIEWS.values(), ids=VIEWS.keys())
def test_the_query_count_does_not_grow_with_the_content(client, content, django_assert_max_num_queries, query):
    add_content(60)
    with django_assert_max_num_queries(MAX_QUERIES):
        page = client.get(URL, query)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(URL, {**query, "page": 2}, headers=HTMX)
    if not query:
        assert len(body_rows(page)) == ROWS_PER_PAGE < len(published_names())


def page_links(page) -> dict[str, str]:
    """The table's page links, by their text."""
    return dict(
        (text, href.replace("&amp;", "&"))
        for href, text in re.findall(r'<a id="page-\w+" rel="\w+" href="([^"]+)"[^>]*>([^<]+)</a>', page.text)
    )


def test_a_long_table_is_split_into_pages_with_links_between_them(client, content):
    add_content(2 * ROWS_PER_PAGE + 1 - Nutrient.objects.count())
    names = published_names()
    assert len(names) == 2 * ROWS_PER_PAGE + 1

    first = client.get(URL)
    assert body_rows(first) == names[:ROWS_PER_PAGE]
    assert status_line(first) == f"Showing nutrients 1 to {ROWS_PER_PAGE} of {len(names)}."
    assert "Page 1 of 3" in first.text
    assert page_links(first) == {"Next page": "/compare/?page=2"}

    last = client.get(URL, {"page": 3})
    assert body_rows(last) == names[-1:]
    assert "<title>Compare nutrients, page 3 of 3" in last.text
    assert page_links(last) == {"Previous page": "/compare/?page=2"}
    assert "Download this page of the table" in last.text


def test_every_page_follows_the_chosen_order_and_keeps_the_choices(client, content):
    add_content(50)
    page = client.get(URL, {"sort": "-name", "kind": "mineral", "page": 2})
    minerals = published_names(kind="mineral")[::-1]
    assert body_rows(page) == minerals[ROWS_PER_PAGE : 2 * ROWS_PER_PAGE]
    assert page_links(page) == {
        "Previous page": "/compare/?kind=mineral&sort=-name",
        "Next page": "/compare/?kind=mineral&sort=-name&page=3",
    }
    # A new order starts again at the first page.
    assert 'id="sort-name" href="/compare/?kind=mineral"' in page.text


def test_under_htmx_a_page_link_swaps_the_results_and_pushes_its_address(client, content):
    add_content(30)
    page = client.get(URL, {"page": 2}, headers=HTMX)
    assert "<html" not in page.text
    assert page["HX-Push-Url"] == "/compare/?page=2"
    assert body_rows(page) == published_names()[ROWS_PER_PAGE : 2 * ROWS_PER_PAGE]


def test_the_csv_download_of_a_page_holds_that_page(client, content):
    add_content(30)
    rows = read_csv(client.get(CSV_URL, {"page": 2}))
    assert [row[0] for row in rows[1:]] == published_names()[ROWS_PER_PAGE : 2 * ROWS_PER_PAGE]


def test_a_food_with_a_caveat_is_marked_in_the_food_column_and_the_caveat_shown_below(client, content):
    spinach = Food.objects.get(slug="spinach")
    factories.caveat(applies_to="If you take warfarin", text="Keep the amount you eat steady.", foods=[spinach])
    page = client.get(URL, {"nutrients": ["magnesium"], "columns": ["foods"]}).text
    assert '>Spinach</a> <span class="caveat-marks">Take care <a href="#caveat-1">' in page
    assert "Keep the amount you eat steady." in page
    without_foods = client.get(URL, {"nutrients": ["magnesium"], "columns": ["role"]}).text
    assert "Keep the amount you eat steady." not in without_foods
