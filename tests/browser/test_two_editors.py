"""Two editors in two browsers on the same nutrient: the second to save is
told what the first changed, and nothing is lost until they choose."""

import pytest

from nutrients.models import Nutrient
from tests.browser.conftest import new_page
from tests.browser.editors import sign_in_new_editor


@pytest.fixture
def second_page(browser):
    yield from new_page(browser)


def test_the_second_editor_to_save_sees_the_first_ones_change_and_saves_only_when_sure(
    writable_site, page, second_page
):
    site, ann, ben = writable_site, page, second_page
    potassium = Nutrient.objects.get(slug="potassium")
    url = f"{site}/admin/nutrients/nutrient/{potassium.pk}/change/"
    sign_in_new_editor(ann, site, "ann")
    sign_in_new_editor(ben, site, "ben")
    ann.goto(url)
    ben.goto(url)

    ann.locator("#id_summary").fill("Ann's summary.")
    ann.get_by_role("button", name="Save", exact=True).click()
    ann.locator(".messagelist .success").wait_for()

    ben.locator("#id_key_role").fill("Ben's key role.")
    ben.get_by_role("button", name="Save", exact=True).click()
    warning = ben.locator(".errorlist.nonfield")
    warning.wait_for()
    assert "This nutrient was changed by ann at" in warning.inner_text()
    assert "Ann's summary." in warning.inner_text()
    potassium.refresh_from_db()
    assert potassium.summary == "Ann's summary."
    assert potassium.key_role != "Ben's key role."

    # Ben keeps his version: his typing is still there, and saving again saves it.
    assert ben.locator("#id_key_role").input_value() == "Ben's key role."
    ben.get_by_role("button", name="Save", exact=True).click()
    ben.locator(".messagelist .success").wait_for()
    potassium.refresh_from_db()
    assert potassium.key_role == "Ben's key role."
