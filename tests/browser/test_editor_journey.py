"""An editor's day in a real browser: sign in, edit a nutrient and a food amount,
preview a draft, publish it, then restore the nutrient's earlier version. The
admin runs under the site's strict CSP, so the console must show no violation."""

import pytest
from playwright.sync_api import expect

from nutrients.editors import create_editor
from nutrients.models import FoodSource, Nutrient
from tests.browser.accessibility import assert_accessible
from tests.browser.editors import PASSWORD, sign_in_new_editor
from tests.conftest import approve_waiting, make_reviewer

# Chromium reports each thing the CSP blocks in the console, naming the policy.
CSP = "Content Security Policy"
NEW_SUMMARY = "Helps muscles relax after they tighten; edited in the journey test."


@pytest.fixture
def site(writable_site):
    """Every test here writes: accounts, sign-in attempts, edits."""
    return writable_site


@pytest.fixture
def editor_page(site, page):
    """A browser signed in as an editor (staff, not a superuser), recording CSP violations."""
    page.csp_violations = []
    page.on("console", lambda message: page.csp_violations.append(message.text) if CSP in message.text else None)
    sign_in_new_editor(page, site, "dana")
    return page


def save(page):
    page.get_by_role("button", name="Save", exact=True).click()
    page.locator(".messagelist .success").wait_for()


def food_row_amount(page, food: str):
    """The amount box in the nutrient page's inline row for a food."""
    row = page.locator("tr.form-row").filter(
        has=page.locator(f'select[name$="-food"] option[selected]:text-is("{food}")')
    )
    return row.locator('input[name$="-amount"]')


def test_an_editor_edits_previews_a_draft_publishes_and_restores_an_earlier_version(site, editor_page):
    page = editor_page
    magnesium = Nutrient.objects.get(slug="magnesium")
    old_summary = magnesium.summary
    spinach_row = FoodSource.objects.filter(nutrient=magnesium, food__slug="spinach").exclude(amount=None).get()

    # Edit the summary and the amount in spinach, on the nutrient's own page.
    page.goto(f"{site}/admin/nutrients/nutrient/{magnesium.pk}/change/")
    page.locator("#id_summary").fill(NEW_SUMMARY)
    food_row_amount(page, "Spinach").fill("99")
    save(page)
    # The amount is a medical fact: it waits for a clinical reviewer (tests/browser/test_governance_journey.py).
    reviewer = make_reviewer()
    approve_waiting(reviewer)
    page.goto(site + "/nutrients/magnesium/")
    assert page.locator("#summary").inner_text() == NEW_SUMMARY
    assert page.get_by_role("row", name="Spinach").get_by_text("99 mg").count() == 1

    # Set the food to draft: readers lose it, the editor previews it.
    page.goto(f"{site}/admin/nutrients/food/{spinach_row.food_id}/change/")
    page.locator("#id_status").select_option("draft")
    save(page)
    assert page.goto(site + "/foods/spinach/").status == 404
    page.goto(f"{site}/admin/nutrients/food/{spinach_row.food_id}/change/")
    page.get_by_role("link", name="View on site").click()
    page.wait_for_url(site + "/preview/foods/spinach/")
    assert page.get_by_text("Preview: not published.").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == "Spinach"
    assert_accessible(page)

    # Publish it: once a clinical reviewer approves, readers see it again, with the new amount.
    page.get_by_role("link", name="Edit it in admin").click()
    page.locator("#id_status").select_option("published")
    save(page)
    assert page.goto(site + "/foods/spinach/").status == 404
    approve_waiting(reviewer)
    assert page.goto(site + "/foods/spinach/").status == 200
    assert page.get_by_role("row", name="Magnesium").get_by_text("99 mg").count() == 1

    # Restore the nutrient's version from before the edit.
    page.goto(f"{site}/admin/nutrients/nutrient/{magnesium.pk}/history/")
    assert page.get_by_role("cell", name="dana").count() == 1
    page.get_by_role("row").filter(has_text="dana").get_by_role("link", name="What changed").click()
    expect(page.get_by_role("cell", name=NEW_SUMMARY)).to_be_visible()
    page.go_back()
    page.get_by_role("link", name="Restore this version").last.click()
    assert page.locator("#id_summary").input_value() == old_summary
    save(page)
    approve_waiting(reviewer)  # a restore waits for a clinical reviewer too
    page.goto(site + "/nutrients/magnesium/")
    assert page.locator("#summary").inner_text() == old_summary
    assert page.get_by_role("row", name="Spinach").get_by_text("99 mg").count() == 0

    assert page.csp_violations == []


def test_the_history_and_what_changed_pages_are_accessible(site, editor_page):
    page = editor_page
    magnesium = Nutrient.objects.get(slug="magnesium")
    page.goto(f"{site}/admin/nutrients/nutrient/{magnesium.pk}/change/")
    page.locator("#id_summary").fill(NEW_SUMMARY)
    save(page)
    page.goto(f"{site}/admin/nutrients/nutrient/{magnesium.pk}/history/")
    assert_accessible(page)
    page.get_by_role("link", name="What changed").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What changed in Magnesium")
    assert_accessible(page)
    assert page.csp_violations == []


def test_the_sign_in_page_asks_editors_for_their_code_and_is_accessible(site, page):
    page.goto(site + "/admin/login/")
    assert page.get_by_label("Code").get_attribute("autocomplete") == "one-time-code"
    assert_accessible(page)


def test_the_lockout_page_is_clear_and_accessible(site, page):
    create_editor(username="dana", password=PASSWORD)
    for _ in range(5):
        page.goto(site + "/admin/login/?next=/admin/")
        page.get_by_label("Username").fill("dana")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Sign-in paused")).to_be_visible()
    assert_accessible(page)


def test_an_editor_picks_a_food_for_a_new_row_by_typing_part_of_its_name(site, editor_page):
    # The rows name their food through admin's autocomplete (its own static script),
    # so the page stays small however many foods there are.
    page = editor_page
    magnesium = Nutrient.objects.get(slug="magnesium")
    page.goto(f"{site}/admin/nutrients/nutrient/{magnesium.pk}/change/")
    group = page.locator("#food_sources-group")
    group.locator(".add-row a").click()  # the inline's own "Add another Food source"
    row = group.locator("tr.dynamic-food_sources").last
    row.locator(".field-food .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("banan")
    page.get_by_role("option", name="Bananas", exact=True).click()
    row.locator('input[name$="-preparation"]').fill("sliced")
    save(page)
    approve_waiting(make_reviewer())  # a new food row is medical: it waits for a clinical reviewer
    assert FoodSource.objects.filter(nutrient=magnesium, food__slug="bananas", preparation="sliced").exists()
    assert page.csp_violations == []
