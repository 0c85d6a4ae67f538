"""Two editors on one page: a save made since an editor opened the form is
never silently overwritten, and saving a page from a browser records only
the fields the editor changed."""

import pytest
from django.test import Client
from reversion.models import Version

from governance import review
from nutrients.editors import create_editor
from nutrients.models import Nutrient

from .admin_pages import change_form_data
from .second_factor import force_verified_login

PASSWORD = "a-long-test-password"


def editor_client(name: str, full_name: str = "") -> Client:
    user = create_editor(username=name, password=PASSWORD)
    user.first_name = full_name
    user.save()
    client = Client()
    force_verified_login(client, user)
    return client


@pytest.fixture
def potassium(content):
    return Nutrient.objects.get(slug="potassium")


def change_url(nutrient) -> str:
    return f"/admin/nutrients/nutrient/{nutrient.pk}/change/"


def test_a_save_made_since_the_form_was_opened_is_shown_and_not_overwritten(potassium):
    ann, ben = editor_client("ann", "Ann Editor"), editor_client("ben")
    url = change_url(potassium)
    ann_form, ben_form = change_form_data(ann.get(url)), change_form_data(ben.get(url))

    assert ann.post(url, ann_form | {"summary": "Ann's new summary."}).status_code == 302
    page = ben.post(url, ben_form | {"key_role": "Ben's new key role."})

    assert page.status_code == 200
    assert "This nutrient was changed by Ann Editor at" in page.text
    assert "since you opened it" in page.text
    assert "Ann&#x27;s new summary." in page.text  # what she changed
    potassium.refresh_from_db()
    assert potassium.summary == "Ann's new summary."
    assert potassium.key_role != "Ben's new key role."


def test_saving_again_after_the_warning_confirms_the_editors_version(potassium):
    ann, ben = editor_client("ann"), editor_client("ben")
    url = change_url(potassium)
    ben_form = change_form_data(ben.get(url))
    ann.post(url, change_form_data(ann.get(url)) | {"summary": "Ann's new summary."})

    warned = ben.post(url, ben_form | {"key_role": "Ben's new key role."})
    # The warning page carries Ann's revision as the one Ben has now seen.
    seen = warned.context["adminform"].form["opened_revision"].value()
    assert ben.post(url, ben_form | {"key_role": "Ben's new key role.", "opened_revision": seen}).status_code == 302
    potassium.refresh_from_db()
    assert potassium.key_role == "Ben's new key role."


def test_one_editor_saving_twice_is_never_warned(potassium):
    ann = editor_client("ann")
    url = change_url(potassium)
    assert ann.post(url, change_form_data(ann.get(url)) | {"summary": "First."}).status_code == 302
    assert ann.post(url, change_form_data(ann.get(url)) | {"summary": "Second."}).status_code == 302


def test_restoring_an_earlier_version_is_not_taken_for_someone_elses_save(potassium):
    ann = editor_client("ann")
    url = change_url(potassium)
    ann.post(url, change_form_data(ann.get(url)) | {"summary": "First."})
    ann.post(url, change_form_data(ann.get(url)) | {"summary": "Second."})
    first = Version.objects.get_for_object(potassium).get(
        revision__comment__contains="Summary", serialized_data__contains="First."
    )
    restore = f"{url[: -len('change/')]}history/{first.pk}/"
    assert ann.post(restore, change_form_data(ann.get(restore))).status_code == 302
    # Accepted, not refused as a conflict: a restore waits for a clinical reviewer (governance).
    assert review.open_pending(potassium) is not None


def test_line_breaks_from_a_browser_are_stored_as_in_the_fixture_and_untouched_fields_are_not_changed(potassium):
    ann = editor_client("ann")
    url = change_url(potassium)
    assert "\n" in potassium.role_in_legs
    form = change_form_data(ann.get(url))
    browser_sent = {name: value.replace("\n", "\r\n") for name, value in form.items() if isinstance(value, str)}
    assert ann.post(url, form | browser_sent | {"summary": "Changed."}).status_code == 302
    potassium.refresh_from_db()
    assert "\r" not in potassium.role_in_legs
    comment = Version.objects.get_for_object(potassium).first().revision.comment
    assert comment == "Changed Summary."
