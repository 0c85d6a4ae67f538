"""Search in a real browser: live results as one types, the same by a plain submit, accessible."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible, assert_accessible_without_js

LABEL = "Search nutrients, symptoms, foods, medicines and conditions"


def results(page):
    return page.locator("#results")


def test_typing_shows_live_results_without_loading_a_new_page(site, page):
    page.goto(site + "/search/")
    page.evaluate("window.sameDocument = true")
    box = page.get_by_role("searchbox", name=LABEL)
    box.press_sequentially("cobalamin", delay=20)
    expect(results(page).get_by_role("link", name="Vitamin B12")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/search/\?q=cobalamin$"))
    assert page.evaluate("window.sameDocument") is True  # htmx swapped the results; no page load
    expect(page.locator("#search-status")).to_have_text(re.compile(r"\d+ results? for “cobalamin”"))
    assert box.evaluate("element => element === document.activeElement")  # focus stays in the box

    box.fill("pins and needles")
    expect(results(page).get_by_role("link", name="Tingling")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/search/\?q=pins(\+|%20)and(\+|%20)needles$"))
    assert page.evaluate("window.sameDocument") is True


def test_back_after_live_search_shows_the_earlier_results(site, page):
    page.goto(site + "/search/")
    box = page.get_by_role("searchbox", name=LABEL)
    box.fill("bananas")
    expect(results(page).get_by_role("link", name="Bananas")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=bananas$"))
    box.fill("anaemia")
    expect(page).to_have_url(re.compile(r"q=anaemia$"))
    expect(results(page).get_by_role("link", name="Iron")).to_be_visible()
    page.go_back()
    expect(page).to_have_url(re.compile(r"q=bananas$"))
    expect(results(page).get_by_role("link", name="Bananas")).to_be_visible()


def test_a_weird_query_shows_its_message_in_place(site, page):
    page.goto(site + "/search/")
    page.get_by_role("searchbox", name=LABEL).fill("%%%")
    expect(results(page)).to_contain_text("Search with letters or numbers")
    expect(page.locator("#search-status")).to_contain_text("Search with letters or numbers")


def test_without_javascript_the_search_button_gives_the_same_results(site, page_without_js):
    page = page_without_js
    page.goto(site + "/search/")
    page.get_by_role("searchbox", name=LABEL).fill("night cramps")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=night\+cramps$"))
    expect(results(page).locator(".search-hits a").first).to_have_text("Night cramps")
    assert_accessible_without_js(page)


def test_the_header_search_box_takes_a_reader_from_any_page_to_results(site, page):
    page.goto(site + "/nutrients/magnesium/")
    box = page.get_by_role("search").get_by_role("combobox", name="Search Legwell")
    box.fill("haemoglobin")
    expect(page.get_by_role("listbox", name="Suggestions")).to_be_visible()
    box.press("Enter")  # no suggestion chosen: Enter searches
    expect(page).to_have_url(re.compile(r"/search/\?q=haemoglobin$"))
    expect(results(page).get_by_role("link", name="Iron")).to_be_visible()


SEARCH_STATES = {
    "empty": "/search/",
    "results": "/search/?q=magnesium",
    "urgent and symptom": "/search/?q=leg+cramps",
    "food table": "/search/?q=foods+high+in+iron",
    "medicine": "/search/?q=metformin",
    "did you mean": "/search/?q=irom",
    "no results": "/search/?q=zzz",
    "error": "/search/?q=%25%25",
}


@pytest.mark.parametrize("url", SEARCH_STATES.values(), ids=SEARCH_STATES.keys())
def test_the_search_page_has_no_accessibility_violations(site, page, dark_page, url):
    for each in (page, dark_page):
        each.goto(site + url)
        assert_accessible(each)


def test_live_results_have_no_accessibility_violations(site, page):
    page.goto(site + "/search/")
    page.get_by_role("searchbox", name=LABEL).fill("vitamin d")
    expect(results(page).get_by_role("link", name="Vitamin D", exact=True)).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("url", ["/", "/search/?q=cramps"])
def test_search_fits_a_320_pixel_phone(site, phone_page, url):
    phone_page.goto(site + url)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 320
    box = phone_page.locator('input[type="search"]').first
    assert box.bounding_box()["width"] >= 150
    assert_accessible(phone_page)


# The header's suggestion list: the ARIA combobox pattern


def test_suggestions_follow_typing_and_the_arrows_choose_one(site, page):
    page.goto(site + "/about/")
    box = page.get_by_role("combobox", name="Search Legwell")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("magn", delay=30)
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#header-suggestions-status")).to_contain_text("use the up and down arrows")
    first = listbox.get_by_role("option").first
    expect(first).to_have_accessible_name(re.compile(r"^Magnesium Nutrient$"))
    assert_accessible(page)

    box.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", "suggestion-1")
    box.press("ArrowUp")  # from the first option, Up wraps to the last
    expect(listbox.get_by_role("option").last).to_have_attribute("aria-selected", "true")
    box.press("ArrowDown")
    box.press("Enter")
    expect(page).to_have_url(site + "/nutrients/magnesium/")


def test_escape_closes_the_suggestions_and_enter_then_searches(site, page):
    page.goto(site + "/nutrients/")
    box = page.get_by_role("combobox", name="Search Legwell")
    box.press_sequentially("swollen leg", delay=20)
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=swollen(\+|%20)leg$"))
    expect(page.locator(".search-urgent")).to_contain_text("blood clot")


def test_a_suggestion_can_be_clicked(site, page):
    page.goto(site + "/foods/")
    page.get_by_role("combobox", name="Search Legwell").press_sequentially("statin", delay=20)
    page.get_by_role("option", name=re.compile("^Statins")).click()
    expect(page).to_have_url(site + "/medicines/statins/")


def test_without_javascript_the_header_box_is_a_plain_search_form(site, page_without_js):
    page = page_without_js
    page.goto(site + "/symptoms/")
    box = page.get_by_role("combobox", name="Search Legwell")
    box.fill("numb feet")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=numb\+feet$"))
    expect(results(page).get_by_role("link", name="Diabetic neuropathy")).to_be_visible()
    assert_accessible_without_js(page)
