"""Deleting a row that carries medical meaning (a warning sign, a link, an intake, a
citation) waits for a clinical reviewer like any other medical change, whichever
admin screen deletes it; so does bringing a deleted row back."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from governance import review
from governance.models import PendingRevision
from nutrients.models import Caveat, Food, IntakeReference, Nutrient, Synonym, WarningSign
from tests import factories
from tests.admin_pages import change_form_data, row_index
from tests.second_factor import force_verified_login
from tests.test_governance import change_url, edit, raise_upper_limit, upper_limit

UPPER_LIMIT_ROW = "<strong>Upper limit:</strong>"  # as the page's summary heads the adult upper limit


@pytest.fixture
def magnesium(content):
    return Nutrient.objects.get(slug="magnesium")


@pytest.fixture
def sign(content):
    """A warning sign shown on a published symptom page."""
    return WarningSign.objects.filter(symptoms__status="published").distinct().first()


def delete_url(obj):
    return reverse(f"admin:nutrients_{obj._meta.model_name}_delete", args=[obj.pk])


def symptom_page(sign):
    return sign.symptoms.filter(status="published").first().get_absolute_url()


def test_deleting_a_warning_sign_waits_and_readers_keep_seeing_it(editor_client, client, sign):
    response = editor_client.post(delete_url(sign), {"post": "yes"})
    assert response.status_code == 302
    assert "waits for a clinical reviewer" in editor_client.get(response["Location"]).text
    assert WarningSign.objects.filter(pk=sign.pk).exists()
    pending = PendingRevision.objects.get(state="pending")
    assert pending.deletes and pending.object_repr == sign.sign
    client.logout()
    assert sign.sign in client.get(symptom_page(sign)).text


def test_a_reviewer_approves_a_deletion_and_the_sign_goes(editor_client, client, sign, reviewer):
    page = symptom_page(sign)
    editor_client.post(delete_url(sign), {"post": "yes"})
    pending = PendingRevision.objects.get()
    force_verified_login(client, reviewer)
    screen = client.get(reverse("admin:governance_pendingrevision_change", args=[pending.pk]))
    assert "This change deletes" in screen.text and "removed" in screen.text
    summary = "A warning sign that the sources no longer list is removed."
    assert client.post(screen.request["PATH_INFO"], {"decision": "approve", "summary": summary}).status_code == 302
    assert not WarningSign.objects.filter(pk=sign.pk).exists()
    pending.refresh_from_db()
    assert pending.state == "approved" and pending.published_revision.user == reviewer
    client.logout()
    assert sign.sign not in client.get(page).text
    assert summary in client.get("/changes/").text


def test_deleting_a_caveat_waits_and_readers_keep_seeing_it(editor_client, client, content):
    spinach = Food.objects.get(slug="spinach")
    caveat = factories.caveat(text="Keep the amount you eat steady.", foods=[spinach])
    assert editor_client.post(delete_url(caveat), {"post": "yes"}).status_code == 302
    assert Caveat.objects.filter(pk=caveat.pk).exists()
    assert PendingRevision.objects.get(state="pending").deletes
    client.logout()
    assert "Keep the amount you eat steady." in client.get("/foods/spinach/").text


def test_nobody_approves_their_own_deletion(editor_client, sign, editor):
    editor_client.post(delete_url(sign), {"post": "yes"})
    with pytest.raises(PermissionDenied):
        review.approve(PendingRevision.objects.get(), user=editor, summary="Mine.")
    assert WarningSign.objects.filter(pk=sign.pk).exists()


def test_delete_selected_holds_the_medical_rows_and_deletes_the_rest(editor_client, client, magnesium):
    limit = upper_limit(magnesium)
    changelist = reverse("admin:nutrients_intakereference_changelist")
    confirm = {"action": "delete_selected", "_selected_action": [limit.pk]}
    assert "Are you sure" in editor_client.post(changelist, confirm).text
    assert editor_client.post(changelist, {**confirm, "post": "yes"}).status_code == 302
    assert IntakeReference.objects.filter(pk=limit.pk).exists()
    assert PendingRevision.objects.get().deletes
    assert UPPER_LIMIT_ROW in client.get("/nutrients/magnesium/").text

    synonym = Synonym.objects.create(words="cramp, charley horse")
    synonyms = reverse("admin:nutrients_synonym_changelist")
    editor_client.post(synonyms, {"action": "delete_selected", "_selected_action": [synonym.pk], "post": "yes"})
    assert not Synonym.objects.filter(pk=synonym.pk).exists(), "no medical meaning: deleted at once"


def test_deleting_an_inline_row_in_the_pages_form_waits(editor_client, client, magnesium, reviewer):
    limit = upper_limit(magnesium)
    data = change_form_data(editor_client.get(change_url(magnesium)))
    data[f"intakes-{row_index(data, 'intakes', 'id', limit.pk)}-DELETE"] = "on"
    assert editor_client.post(change_url(magnesium), data).status_code == 302
    assert IntakeReference.objects.filter(pk=limit.pk).exists()
    pending = PendingRevision.objects.get()
    assert UPPER_LIMIT_ROW in client.get("/nutrients/magnesium/").text
    assert UPPER_LIMIT_ROW not in editor_client.get("/preview/nutrients/magnesium/").text, "the preview shows it gone"
    review.approve(pending, user=reviewer, summary="The adult upper limit is no longer given.")
    assert not IntakeReference.objects.filter(pk=limit.pk).exists()


def test_the_preview_shows_a_page_without_a_row_waiting_to_be_deleted(editor_client, magnesium):
    limit = upper_limit(magnesium)
    editor_client.post(delete_url(limit), {"post": "yes"})
    assert UPPER_LIMIT_ROW not in editor_client.get("/preview/nutrients/magnesium/").text
    assert IntakeReference.objects.filter(pk=limit.pk).exists(), "the preview keeps nothing"


def test_a_row_waiting_to_be_deleted_cannot_change_or_be_deleted_again(editor_client, magnesium):
    limit = upper_limit(magnesium)
    editor_client.post(delete_url(limit), {"post": "yes"})
    again = editor_client.post(delete_url(limit), {"post": "yes"}, follow=True)
    assert "waiting for clinical review" in again.text
    assert PendingRevision.objects.count() == 1


def test_deleting_a_row_on_a_draft_page_is_not_held(editor_client, magnesium):
    Nutrient.objects.filter(pk=magnesium.pk).update(status="draft")
    limit = upper_limit(magnesium)
    editor_client.post(delete_url(limit), {"post": "yes"})
    assert not IntakeReference.objects.filter(pk=limit.pk).exists()
    assert not PendingRevision.objects.exists()


def test_recovering_a_deleted_row_waits_for_a_reviewer(editor_client, client, magnesium, reviewer):
    limit = upper_limit(magnesium)
    editor_client.post(delete_url(limit), {"post": "yes"})
    review.approve(PendingRevision.objects.get(), user=reviewer, summary="The upper limit is no longer given.")
    deleted = Version.objects.get_deleted(IntakeReference).get(object_id=str(limit.pk))
    url = reverse("admin:nutrients_intakereference_recover", args=[deleted.pk])
    data = change_form_data(editor_client.get(url))
    data["change_summary"] = "The adult upper limit is back."
    assert editor_client.post(url, data).status_code == 302
    assert not IntakeReference.objects.filter(pk=limit.pk).exists(), "readers do not see it yet"
    pending = PendingRevision.objects.get(state="pending")
    assert (pending.summary, pending.deletes) == ("The adult upper limit is back.", False)
    review.approve(pending, user=reviewer, summary=pending.summary)
    assert str(IntakeReference.objects.get(pk=limit.pk).amount) == "350.00"
    client.logout()
    assert UPPER_LIMIT_ROW in client.get("/nutrients/magnesium/").text


def test_the_work_lists_say_a_change_is_a_deletion(editor_client, sign):
    editor_client.post(delete_url(sign), {"post": "yes"})
    assert f"Deleting “{sign.sign}”" in editor_client.get("/admin/").text
    out = StringIO()
    call_command("review_work", stdout=out, no_color=True)
    assert f"Deleting “{sign.sign}”: (no summary yet)" in out.getvalue()


def test_a_row_cannot_be_deleted_while_a_change_to_its_page_waits(editor_client, magnesium):
    # Approving the page's change after the deletion would bring the row back.
    raise_upper_limit(editor_client, magnesium)
    limit = upper_limit(magnesium)
    refused = editor_client.post(delete_url(limit), {"post": "yes"}, follow=True)
    assert "waiting for clinical review" in refused.text
    assert PendingRevision.objects.filter(deletes=True).count() == 0


def test_a_page_cannot_be_saved_while_a_deletion_of_one_of_its_rows_waits(editor_client, magnesium):
    editor_client.post(delete_url(upper_limit(magnesium)), {"post": "yes"})
    assert edit(editor_client, magnesium, summary="Edited meanwhile.").status_code == 302
    magnesium.refresh_from_db()
    assert magnesium.summary != "Edited meanwhile."


def test_a_cited_source_is_not_deleted_and_admin_says_why(editor_client, magnesium):
    source = upper_limit(magnesium).source
    refused = editor_client.post(reverse("admin:nutrients_source_delete", args=[source.pk]), {"post": "yes"})
    assert refused.status_code == 200 and "protected related objects" in refused.text
    assert not PendingRevision.objects.exists()
