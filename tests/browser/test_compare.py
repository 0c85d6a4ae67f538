"""The comparison table in a real browser: with JavaScript the filters swap only
the table, push the address and Back restores it; without JavaScript the
submit button gives the same table; no accessibility violations; usable at 320 px."""

import re

from playwright.sync_api import expect

from nutrients.comparison import ROWS_PER_PAGE
from nutrients.models import Nutrient
from tests.browser.accessibility import assert_accessible, assert_accessible_without_js
from tests.test_compare_view import add_content, published_names, strongest_first

MARKER = "window.legwellMarker"


def table_names(page) -> list[str]:
    return page.locator("#compare-results tbody th[scope=row]").all_inner_texts()


def status(page):
    return page.locator("#compare-status")


def test_with_javascript_a_filter_swaps_the_table_in_place_and_back_restores_it(site, page):
    page.goto(site + "/compare/")
    everything = table_names(page)
    assert len(everything) == Nutrient.objects.published().count()
    page.evaluate(f"{MARKER} = 'no page load'")

    symptom = page.get_by_label("Leg symptom", exact=True)
    symptom.focus()
    symptom.select_option("restless-legs")
    expect(status(page)).to_have_text(re.compile("linked to restless legs"))
    expect(page).to_have_url(site + "/compare/?symptom=restless-legs")  # the short address, worth sharing
    assert table_names(page) == strongest_first("restless-legs")
    assert page.evaluate(MARKER) == "no page load"
    assert page.evaluate("document.activeElement.id") == "id_symptom"  # focus stays on the control

    page.get_by_label("Vitamins or minerals").select_option("mineral")
    expect(page.locator("#compare-caption")).to_have_text("Minerals linked to restless legs")
    expect(page).to_have_url(site + "/compare/?symptom=restless-legs&kind=mineral")

    page.go_back()
    expect(page.get_by_label("Vitamins or minerals")).to_have_value("")
    expect(page.get_by_label("Leg symptom", exact=True)).to_have_value("restless-legs")
    assert table_names(page) == strongest_first("restless-legs")

    page.go_back()
    expect(status(page)).to_have_text(f"Showing {len(everything)} nutrients.")
    assert page.url == site + "/compare/"
    assert table_names(page) == everything
    expect(page.get_by_label("Leg symptom", exact=True)).to_have_value("")
    assert page.evaluate(MARKER) == "no page load"

    page.go_forward()
    expect(status(page)).to_have_text(re.compile("linked to restless legs"))
    assert table_names(page) == strongest_first("restless-legs")


def link_ranks(page) -> list[int]:
    strengths = page.locator("#compare-results tbody td:nth-child(2) .badge").all_inner_texts()
    return [{"Strong link": 3, "Moderate link": 2, "Possible link": 1}[word] for word in strengths]


def test_with_javascript_a_sort_heading_swaps_the_table_and_announces_the_order(site, page):
    page.goto(site + "/compare/?symptom=numbness")
    heading = page.locator("th", has=page.locator("#sort-strength"))
    expect(heading).to_have_attribute("aria-sort", "descending")  # with a symptom, strongest first
    assert link_ranks(page) == sorted(link_ranks(page), reverse=True)
    page.evaluate(f"{MARKER} = 'no page load'")
    page.locator("#sort-strength").click()
    expect(heading).to_have_attribute("aria-sort", "ascending")
    assert "sort=strength" in page.url
    expect(page.get_by_label("Sort by")).to_have_value("strength")  # the form follows the table
    assert page.evaluate("document.activeElement.id") == "sort-strength"
    assert page.evaluate(MARKER) == "no page load"
    assert link_ranks(page) == sorted(link_ranks(page))


def test_with_javascript_bad_input_shows_the_message_in_place(site, page):
    page.goto(site + "/compare/")
    page.evaluate(f"{MARKER} = 'no page load'")
    for count, slug in enumerate(["calcium", "iron", "magnesium", "potassium", "folate"], start=1):
        page.locator(f'input[name="nutrients"][value="{slug}"]').check()
        if count < 5:
            expect(status(page)).to_have_text(re.compile(f"Showing {count} nutrients? side by side"))
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(status(page)).to_contain_text("Choose at most 4 nutrients")
    assert page.evaluate(MARKER) == "no page load"
    assert_accessible(page)

    page.locator('input[name="nutrients"][value="folate"]').uncheck()
    expect(status(page)).to_have_text("Showing 4 nutrients side by side.")
    expect(page.locator("#compare-results thead th")).to_have_count(5)


def test_without_javascript_the_button_gives_the_same_table(site, page_without_js):
    no_js = page_without_js
    no_js.goto(site + "/compare/")
    no_js.get_by_label("Leg symptom", exact=True).select_option("restless-legs")
    no_js.get_by_label("Key role").uncheck()
    no_js.get_by_role("button", name="Show the table").click()
    no_js.wait_for_url(re.compile(r"symptom=restless-legs"))
    assert table_names(no_js) == strongest_first("restless-legs")
    expect(status(no_js)).to_have_text(re.compile("linked to restless legs"))
    expect(no_js.locator("#compare-results thead th", has_text="Key role")).to_have_count(0)

    expect(no_js.locator("th[aria-sort=descending]")).to_have_text("Link to restless legs")
    no_js.get_by_role("link", name="Nutrient", exact=True).click()
    no_js.wait_for_url(re.compile(r"sort=name"))
    expect(no_js.locator("th[aria-sort=ascending]")).to_have_text("Nutrient")
    assert_accessible_without_js(no_js)


def test_side_by_side_shows_the_chosen_nutrients_as_columns(site, page):
    page.goto(site + "/compare/")
    page.locator('input[name="nutrients"][value="magnesium"]').check()
    expect(status(page)).to_contain_text("Tick another nutrient")
    page.locator('input[name="nutrients"][value="vitamin-b12"]').check()
    expect(status(page)).to_have_text("Showing 2 nutrients side by side.")
    assert page.locator("#compare-results thead th").all_inner_texts() == ["Nutrient", "Magnesium", "Vitamin B12"]
    assert_accessible(page)
    page.get_by_role("link", name="Back to the full table").click()
    expect(status(page)).to_have_text(f"Showing {Nutrient.objects.published().count()} nutrients.")


def test_the_table_page_has_no_accessibility_violations(site, page, dark_page):
    for browser_page in (page, dark_page):
        browser_page.goto(site + "/compare/?symptom=tingling&diet=vegan&sort=-strength")
        assert_accessible(browser_page)


def test_the_error_page_has_no_accessibility_violations(site, page):
    response = page.goto(site + "/compare/?symptom=gout&columns=price")
    assert response.status == 400
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    page.get_by_role("link", name="We have no column by that name. Tick the columns you want.").click()
    assert page.evaluate("document.activeElement.id") == "id_columns_0"
    assert_accessible(page)


def test_on_a_320_pixel_phone_each_nutrient_is_a_card_with_its_facts_labelled(site, phone_page):
    page = phone_page
    page.goto(site + "/compare/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    wrap = page.locator(".compare-wrap")
    assert wrap.evaluate("box => box.scrollWidth <= box.clientWidth")  # nothing to scroll sideways
    first_row = page.locator("#compare-results tbody tr").first
    name, cell = first_row.locator("th[scope=row]"), first_row.locator("td").first
    assert name.bounding_box()["y"] < cell.bounding_box()["y"]  # the name heads the card
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == '"What it does for legs"'
    assert_accessible(page)


def test_page_links_swap_the_table_with_javascript_and_load_the_page_without(writable_site, page, page_without_js):
    site = writable_site
    add_content(30)
    names = published_names()
    second_page = names[ROWS_PER_PAGE : 2 * ROWS_PER_PAGE]

    page.goto(site + "/compare/")
    page.evaluate(f"{MARKER} = 'no page load'")
    page.get_by_role("link", name="Next page").click()
    expect(status(page)).to_have_text(f"Showing nutrients 21 to 40 of {len(names)}.")
    expect(page).to_have_url(site + "/compare/?page=2")
    assert table_names(page) == second_page
    assert page.evaluate("document.activeElement.id") == "page-next"  # focus stays on the link
    assert page.evaluate(MARKER) == "no page load"
    assert_accessible(page)
    page.go_back()
    expect(status(page)).to_have_text(f"Showing nutrients 1 to 20 of {len(names)}.")

    no_js = page_without_js
    no_js.goto(site + "/compare/")
    no_js.get_by_role("link", name="Next page").click()
    no_js.wait_for_url(re.compile(r"page=2"))
    assert table_names(no_js) == second_page
    expect(no_js).to_have_title(re.compile("^Compare nutrients, page 2 of 3"))
    assert_accessible_without_js(no_js)
