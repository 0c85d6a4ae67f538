"""Clinical governance in a real browser: an editor raises magnesium's upper limit,
readers keep the old one until a clinical reviewer (not the editor) approves it,
then the page, its Changes and the site's feed show it; a reader's report of a
problem reaches admin; deleting a warning sign waits for a reviewer too. Every new page
passes axe."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from governance.models import ProblemReport
from nutrients.editors import create_editor, enrol_second_factor
from nutrients.models import Nutrient, WarningSign
from tests import rendered_again
from tests.browser.accessibility import assert_accessible
from tests.conftest import make_reviewer
from tests.second_factor import code_now

PASSWORD = "a-long-test-password"
SUMMARY = "The adult upper limit for magnesium supplements is now 375 mg."


@pytest.fixture
def site(writable_site):
    return writable_site


def sign_in(browser, site, username):
    """Sign an account in with its password and the code its new authenticator app shows."""
    app = enrol_second_factor(get_user_model().objects.get(username=username))
    context = browser.new_context()
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(site + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Code").fill(code_now(app))
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Content").wait_for()
    return page


def upper_limit_amount(page):
    row = (
        page.locator("#intakes-group tr.form-row")
        .filter(has=page.locator('input[name$="-group"][value="Adults 19 and older"]'))
        .filter(has=page.locator('select[name$="-kind"] option[selected][value="UL"]'))
    )
    return row.locator('input[name$="-amount"]')


def test_a_medical_change_reaches_readers_only_after_a_second_pair_of_eyes(site, browser, page):
    create_editor(username="dana", password=PASSWORD)
    make_reviewer(username="dr-shah", password=PASSWORD)
    magnesium = Nutrient.objects.get(slug="magnesium")

    # The editor raises the upper limit and says why, for readers.
    editor = sign_in(browser, site, "dana")
    editor.goto(f"{site}/admin/nutrients/nutrient/{magnesium.pk}/change/")
    upper_limit_amount(editor).fill("375")
    editor.get_by_label("What changed, for readers").fill(SUMMARY)
    editor.get_by_role("button", name="Save", exact=True).click()
    editor.locator(".messagelist .warning").wait_for()

    # Readers still see the published limit.
    page.goto(site + "/nutrients/magnesium/")
    assert "375 mg" not in page.content()

    # The editor's preview shows the change; the editor cannot approve it.
    editor.goto(site + "/preview/nutrients/magnesium/")
    assert "375 mg" in editor.content()
    assert editor.get_by_text("waiting for clinical review").count() >= 1
    editor.get_by_role("link", name=SUMMARY).click()
    expect(editor.get_by_text("another person, a clinical reviewer, must approve it")).to_be_visible()
    assert editor.get_by_role("button", name="Approve and publish").count() == 0

    # A clinical reviewer finds it on the dashboard, sees the difference and approves it.
    reviewer = sign_in(browser, site, "dr-shah")
    expect(reviewer.get_by_role("heading", name="Waiting for clinical review, longest first")).to_be_visible()
    assert_accessible(reviewer)
    reviewer.get_by_role("link", name=f"Magnesium: {SUMMARY}").click()
    expect(reviewer.locator("#changes td", has_text="375")).to_have_count(1)
    assert_accessible(reviewer)
    reviewer.get_by_role("button", name="Approve and publish").click()
    reviewer.locator(".messagelist .success").wait_for()

    # Readers see the new limit, the change under the page's Changes, on /changes/ and in the feed.
    rendered_again.goto(page, site + "/nutrients/magnesium/")
    assert "375 mg" in page.content()
    changes = page.locator("footer.reviewed")
    expect(changes.get_by_text(SUMMARY)).to_be_visible()
    assert changes.get_by_text("Reviewed by Dr Amina Shah, Registered dietitian").count() >= 1
    changes.get_by_role("link", name="Every change on Legwell").click()
    expect(page.get_by_role("link", name="Magnesium")).to_be_visible()
    expect(page.get_by_text(SUMMARY)).to_be_visible()
    assert_accessible(page)
    feed = page.request.get(site + "/changes/feed/")
    assert SUMMARY in feed.text()


def test_deleting_a_warning_sign_waits_for_a_reviewer_and_is_listed_on_its_page(site, browser, page):
    create_editor(username="dana", password=PASSWORD)
    make_reviewer(username="dr-shah", password=PASSWORD)
    sign = WarningSign.objects.filter(symptoms__status="published").first()
    symptom = site + sign.symptoms.filter(status="published").first().get_absolute_url()
    removed = "A warning sign the sources no longer give is removed."

    # The editor deletes the sign; readers still see it.
    editor = sign_in(browser, site, "dana")
    editor.goto(f"{site}/admin/nutrients/warningsign/{sign.pk}/delete/")
    editor.get_by_role("button", name="Yes, I’m sure").click()
    expect(editor.locator(".messagelist .warning")).to_contain_text("waits for a clinical reviewer")
    page.goto(symptom)
    expect(page.get_by_text(sign.sign).first).to_be_visible()

    # The editor says what changes for readers on the review screen.
    editor.locator(".messagelist .warning").get_by_role("link", name="waits for a clinical reviewer").click()
    editor.get_by_label("What changed, for readers").fill(removed)
    editor.get_by_role("button", name="Save the summary").click()
    editor.locator(".messagelist .success").wait_for()

    # A reviewer sees that it is a deletion, and approves it.
    reviewer = sign_in(browser, site, "dr-shah")
    reviewer.get_by_role("link", name=f"Deleting “{sign.sign}”: {removed}").click()
    expect(reviewer.get_by_text(f"This change deletes “{sign.sign}”")).to_be_visible()
    assert_accessible(reviewer)
    reviewer.get_by_role("button", name="Approve and publish").click()
    reviewer.locator(".messagelist .success").wait_for()

    # The sign is gone from the page, whose Changes say so.
    rendered_again.goto(page, symptom)
    assert page.get_by_text(sign.sign).count() == 0
    expect(page.locator("footer.reviewed").get_by_text(removed)).to_be_visible()


def test_a_readers_report_reaches_admin(site, browser, page):
    create_editor(username="dana", password=PASSWORD)
    page.goto(site + "/nutrients/magnesium/")
    assert page.context.cookies() == []
    page.get_by_role("link", name="Report a problem with this page").click()
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("alert").get_by_text("Say what is wrong")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What is wrong?").fill("The upper limit does not say it is for supplements only.")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", name="Thank you for your report")).to_be_visible()
    assert_accessible(page)
    assert ProblemReport.objects.get().page == "/nutrients/magnesium/"

    editor = sign_in(browser, site, "dana")
    expect(editor.get_by_role("heading", name="New reports from readers")).to_be_visible()
    editor.get_by_role("link", name="The upper limit does not say it is for supplements only.").click()
    editor.wait_for_url("**/problemreport/*/change/")
    expect(editor.get_by_text("/nutrients/magnesium/").first).to_be_visible()
    assert_accessible(editor)
