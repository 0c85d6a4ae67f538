"""Clinical governance: a medical change waits for a clinical reviewer who is not
its author; wording publishes at once; the preview shows what is waiting."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from governance import review
from governance.models import PendingRevision
from nutrients.editors import create_editor, enrol_second_factor
from nutrients.models import Caveat, Food, IntakeReference, Nutrient, WarningSign
from tests import factories, rendered_again
from tests.admin_pages import change_form_data, row_index
from tests.conftest import approve_waiting
from tests.second_factor import code_now, force_verified_login

NEW_LIMIT = "375.00"


@pytest.fixture
def magnesium(content):
    return Nutrient.objects.get(slug="magnesium")


def upper_limit(nutrient):
    return IntakeReference.objects.get(nutrient=nutrient, kind="UL", group="Adults 19 and older")


def change_url(obj):
    return reverse(f"admin:nutrients_{obj._meta.model_name}_change", args=[obj.pk])


def edit(client, obj, change_summary="", **fields):
    """Post obj's admin page with some fields changed ("intakes-UL=360" style keys name an inline row)."""
    data = change_form_data(client.get(change_url(obj)))
    for name, value in fields.items():
        data[name] = value
    data["change_summary"] = change_summary
    return client.post(change_url(obj), data)


def raise_upper_limit(client, magnesium):
    data = change_form_data(client.get(change_url(magnesium)))
    row = row_index(data, "intakes", "id", upper_limit(magnesium).pk)
    data[f"intakes-{row}-amount"] = NEW_LIMIT
    data["change_summary"] = "The adult upper limit for supplements is now 375 mg."
    response = client.post(change_url(magnesium), data)
    assert response.status_code == 302
    return response


def test_an_editors_change_to_an_upper_limit_waits_and_readers_keep_the_published_one(editor_client, client, magnesium):
    raise_upper_limit(editor_client, magnesium)
    assert str(upper_limit(magnesium).amount) == "350.00"
    assert "375 mg" not in client.get("/nutrients/magnesium/").text
    pending = PendingRevision.objects.get(state="pending")
    assert (pending.page_name, pending.author.username) == ("Magnesium", "editor")
    assert pending.summary == "The adult upper limit for supplements is now 375 mg."


def test_the_preview_shows_the_change_waiting_for_review(editor_client, client, magnesium):
    raise_upper_limit(editor_client, magnesium)
    preview = editor_client.get("/preview/nutrients/magnesium/")
    assert "375 mg" in preview.text
    assert "waiting for clinical review" in preview.text
    assert "375 mg" not in client.get("/nutrients/magnesium/").text, "the preview keeps nothing"
    assert str(upper_limit(magnesium).amount) == "350.00"


def test_a_wording_change_publishes_at_once(editor_client, client, magnesium):
    response = edit(editor_client, magnesium, summary="Magnesium relaxes muscles, in a new sentence.")
    assert response.status_code == 302
    assert not PendingRevision.objects.exists()
    assert "in a new sentence" in client.get("/nutrients/magnesium/").text


def test_a_reviewer_who_is_not_the_author_approves_and_readers_see_the_change(
    editor_client, client, magnesium, reviewer
):
    raise_upper_limit(editor_client, magnesium)
    pending = PendingRevision.objects.get()
    force_verified_login(client, reviewer)
    screen = client.get(reverse("admin:governance_pendingrevision_change", args=[pending.pk]))
    assert "Approve and publish" in screen.text
    assert "350.00" in screen.text and NEW_LIMIT in screen.text
    done = client.post(screen.request["PATH_INFO"], {"decision": "approve", "summary": pending.summary})
    assert done.status_code == 302
    client.logout()
    assert "375 mg" in client.get("/nutrients/magnesium/").text
    magnesium.refresh_from_db()
    assert (magnesium.reviewer_name, magnesium.reviewer_role) == ("Dr Amina Shah", "Registered dietitian")
    pending.refresh_from_db()
    assert pending.state == "approved" and pending.published_revision.user == reviewer


def test_the_first_reader_after_an_approval_gets_the_approved_page_not_the_previous_one(
    editor_client, magnesium, reviewer, django_capture_on_commit_callbacks
):
    reader = Client()
    before = reader.get("/nutrients/magnesium/").text  # cached, as readers get it
    raise_upper_limit(editor_client, magnesium)
    assert rendered_again.get(reader, "/nutrients/magnesium/").text == before  # a held change shows nobody
    with django_capture_on_commit_callbacks(execute=True):
        approve_waiting(reviewer)
    assert "375 mg" in reader.get("/nutrients/magnesium/").text


def test_nobody_approves_their_own_change(client, magnesium, reviewer, editor):
    reviewer.groups.add(*editor.groups.all())  # a reviewer who also edits
    force_verified_login(client, reviewer)
    raise_upper_limit(client, magnesium)
    pending = PendingRevision.objects.get()
    screen = client.get(reverse("admin:governance_pendingrevision_change", args=[pending.pk]))
    assert "Approve and publish" not in screen.text
    assert "another person, a clinical reviewer, must approve it" in screen.text
    refused = client.post(screen.request["PATH_INFO"], {"decision": "approve", "summary": "Mine."})
    assert refused.status_code == 403
    with pytest.raises(PermissionDenied):
        review.approve(pending, user=reviewer, summary="Mine.")
    assert str(upper_limit(magnesium).amount) == "350.00"


def test_an_editor_cannot_approve_a_change(editor_client, client, magnesium):
    raise_upper_limit(editor_client, magnesium)
    pending = PendingRevision.objects.get()
    force_verified_login(client, create_editor(username="other-editor", password="a-long-test-password"))
    url = reverse("admin:governance_pendingrevision_change", args=[pending.pk])
    assert "Approve and publish" not in client.get(url).text
    assert client.post(url, {"decision": "approve", "summary": "x"}).status_code == 403


def test_sending_back_needs_a_comment_and_keeps_the_published_values(editor_client, client, magnesium, reviewer):
    raise_upper_limit(editor_client, magnesium)
    pending = PendingRevision.objects.get()
    force_verified_login(client, reviewer)
    url = reverse("admin:governance_pendingrevision_change", args=[pending.pk])
    assert client.post(url, {"decision": "send_back", "comment": ""}).status_code == 400
    assert client.post(url, {"decision": "send_back", "comment": "Which source says 375?"}).status_code == 302
    pending.refresh_from_db()
    assert (pending.state, pending.comment) == ("sent_back", "Which source says 375?")
    assert str(upper_limit(magnesium).amount) == "350.00"
    # Once it is sent back, the page can change again.
    force_verified_login(client, pending.author)
    raise_upper_limit(client, magnesium)
    assert PendingRevision.objects.filter(state="pending").count() == 1


def test_a_page_with_a_change_waiting_refuses_another_save(editor_client, magnesium):
    raise_upper_limit(editor_client, magnesium)
    refused = edit(editor_client, magnesium, summary="Another summary.")
    assert refused.status_code == 302
    magnesium.refresh_from_db()
    assert magnesium.summary != "Another summary."
    assert "waiting for clinical review" in editor_client.get(change_url(magnesium)).text


def test_approving_needs_a_summary_for_readers(editor_client, magnesium, reviewer):
    data = change_form_data(editor_client.get(change_url(magnesium)))
    row = row_index(data, "intakes", "id", upper_limit(magnesium).pk)
    data[f"intakes-{row}-amount"] = NEW_LIMIT
    assert editor_client.post(change_url(magnesium), data).status_code == 302
    with pytest.raises(ValidationError):
        review.approve(PendingRevision.objects.get(), user=reviewer, summary="  ")


def test_a_change_to_a_draft_publishes_at_once(editor_client, magnesium):
    Nutrient.objects.filter(pk=magnesium.pk).update(status="draft")
    raise_upper_limit(editor_client, magnesium)
    assert not PendingRevision.objects.exists()
    assert str(upper_limit(magnesium).amount) == NEW_LIMIT


def test_history_keeps_the_published_the_pending_and_the_approved_versions(editor_client, client, magnesium, reviewer):
    raise_upper_limit(editor_client, magnesium)
    review.approve(PendingRevision.objects.get(), user=reviewer, summary="Now 375 mg.")
    comments = [version.revision.get_comment() for version in Version.objects.get_for_object(magnesium).order_by("pk")]
    assert comments[0] == "As it was before its first change in admin."
    assert comments[-1] == "Approved by Dr Amina Shah, Registered dietitian: Now 375 mg."
    history = editor_client.get(reverse("admin:nutrients_nutrient_history", args=[magnesium.pk]))
    assert "Approved by Dr Amina Shah" in history.text


def test_restoring_a_published_version_makes_a_new_pending_revision(editor_client, magnesium, reviewer):
    raise_upper_limit(editor_client, magnesium)
    review.approve(PendingRevision.objects.get(), user=reviewer, summary="Now 375 mg.")
    first = Version.objects.get_for_object(magnesium).order_by("pk").first()
    url = reverse("admin:nutrients_nutrient_revision", args=[magnesium.pk, first.pk])
    data = change_form_data(editor_client.get(url))
    data["change_summary"] = "Back to 350 mg."
    assert editor_client.post(url, data).status_code == 302
    assert str(upper_limit(magnesium).amount) == NEW_LIMIT, "readers keep the published value"
    restored = PendingRevision.objects.get(state="pending")
    assert restored.summary == "Back to 350 mg."
    review.approve(restored, user=reviewer, summary=restored.summary)
    assert str(upper_limit(magnesium).amount) == "350.00"


# What readers see.


def approve_upper_limit(editor_client, magnesium, reviewer):
    raise_upper_limit(editor_client, magnesium)
    return review.approve(PendingRevision.objects.get(), user=reviewer, summary="The upper limit is now 375 mg.")


def test_every_content_page_names_its_reviewer_and_next_review_date(client, magnesium):
    page = client.get("/nutrients/magnesium/").text
    reviewed = magnesium.reviewed_on
    assert f"Reviewed by {magnesium.reviewer_name}, {magnesium.reviewer_role}, on" in page
    assert f'Next review due <time datetime="{reviewed.replace(year=reviewed.year + 1):%Y-%m-%d}">' in page


def test_an_approved_change_is_listed_under_the_pages_changes_and_on_the_sites(
    editor_client, client, magnesium, reviewer
):
    approve_upper_limit(editor_client, magnesium, reviewer)
    client.logout()
    page = client.get("/nutrients/magnesium/").text
    assert "The upper limit is now 375 mg." in page
    assert "Reviewed by Dr Amina Shah, Registered dietitian." in page
    changes = client.get("/changes/")
    assert changes.status_code == 200 and not changes.cookies
    assert 'href="/nutrients/magnesium/">Magnesium</a>: The upper limit is now 375 mg.' in changes.text


def test_a_waiting_or_sent_back_change_is_not_listed(editor_client, client, magnesium):
    raise_upper_limit(editor_client, magnesium)
    assert "375 mg" not in client.get("/changes/").text
    assert "375 mg" not in client.get("/changes/feed/").text


def test_the_feed_is_atom_with_each_change_and_its_reviewer(editor_client, client, magnesium, reviewer):
    approve_upper_limit(editor_client, magnesium, reviewer)
    feed = client.get("/changes/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "<title>Magnesium: The upper limit is now 375 mg.</title>" in feed.text
    assert "Reviewed by Dr Amina Shah, Registered dietitian." in feed.text


def test_the_changes_page_runs_a_fixed_number_of_queries(
    editor_client, client, magnesium, reviewer, django_assert_max_num_queries
):
    approve_upper_limit(editor_client, magnesium, reviewer)
    client.logout()
    with django_assert_max_num_queries(2):  # the changes, and the nutrient pages among them
        assert client.get("/changes/").status_code == 200


def test_an_unpublished_page_in_the_changes_list_is_named_without_a_link(editor_client, client, magnesium, reviewer):
    approve_upper_limit(editor_client, magnesium, reviewer)
    Nutrient.objects.filter(pk=magnesium.pk).update(status="draft")
    page = client.get("/changes/").text
    assert "Magnesium: The upper limit is now 375 mg." in page
    assert 'href="/nutrients/magnesium/"' not in page


def test_the_clinical_reviewers_group_may_view_content_and_approve_changes_but_not_edit(db):
    from django.contrib.auth.models import Group

    granted = set(Group.objects.get(name="Clinical reviewers").permissions.values_list("codename", flat=True))
    assert {"approve_pendingrevision", "view_nutrient", "view_intakereference", "change_problemreport"} <= granted
    assert not {codename for codename in granted if codename.startswith(("add_", "delete_"))}
    assert not {codename for codename in granted if codename.startswith("change_")} - {"change_problemreport"}


def test_a_later_save_that_changes_the_same_row_makes_approval_wait(editor_client, magnesium, reviewer):
    raise_upper_limit(editor_client, magnesium)
    limit = upper_limit(magnesium)
    data = change_form_data(editor_client.get(change_url(limit)))
    data["note"] = "Edited on its own screen meanwhile."
    assert editor_client.post(change_url(limit), data).status_code == 302
    with pytest.raises(ValidationError, match="changed after"):
        review.approve(
            PendingRevision.objects.filter(state="pending").earliest("created_at"), user=reviewer, summary="x"
        )


def test_another_pages_save_that_leaves_the_rows_alone_does_not_block_approval(editor_client, magnesium, reviewer):
    raise_upper_limit(editor_client, magnesium)
    spinach = Nutrient.objects.get(slug="magnesium").food_sources.get(food__slug="spinach").food
    assert edit(editor_client, spinach, description="Dark leafy green, edited meanwhile.").status_code == 302
    review.approve(PendingRevision.objects.get(), user=reviewer, summary="Now 375 mg.")
    assert str(upper_limit(magnesium).amount) == NEW_LIMIT


# A second factor for clinical reviewers, as for editors.


def sign_in(client, username, code=""):
    form = {"username": username, "password": "a-long-test-password", "code": code}
    return client.post("/admin/login/?next=/admin/", form)


def test_a_clinical_reviewer_signs_in_only_with_the_code_their_app_shows(client, reviewer):
    app = enrol_second_factor(reviewer)
    refused = sign_in(client, "reviewer")
    assert refused.status_code == 200 and "Enter the code your authenticator app shows now" in refused.text
    assert sign_in(client, "reviewer", code_now(app))["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_clinical_reviewer_signed_in_by_password_alone_cannot_approve(editor_client, client, magnesium, reviewer):
    raise_upper_limit(editor_client, magnesium)
    pending = PendingRevision.objects.get()
    client.force_login(reviewer)  # no second factor: a session from before reviewers needed one, say
    url = reverse("admin:governance_pendingrevision_change", args=[pending.pk])
    assert client.post(url, {"decision": "approve", "summary": "x"})["Location"].startswith("/admin/login/")
    assert PendingRevision.objects.get().state == "pending"


# A change to a row a page shows (a warning sign, a link edited from its other page) is listed on that page too.


def test_an_approved_change_to_a_warning_sign_is_listed_on_every_page_that_shows_it(editor_client, client, reviewer):
    sign = WarningSign.objects.filter(symptoms__status="published", symptoms__nutrient_links__isnull=False).first()
    symptom = sign.symptoms.filter(status="published", nutrient_links__isnull=False).first()
    nutrient = symptom.nutrient_links.filter(nutrient__status="published").first().nutrient
    summary = "What to do for this warning sign now says to get help the same day."
    assert edit(editor_client, sign, change_summary=summary, what_to_do="See a doctor today.").status_code == 302
    approve_waiting(reviewer)
    client.logout()
    for page in (symptom, nutrient, *sign.medicines.published(), *sign.conditions.published()):
        assert summary in client.get(page.get_absolute_url()).text, page
    unrelated = Nutrient.objects.published().exclude(symptom_links__symptom__warning_signs=sign).first()
    assert summary not in client.get(unrelated.get_absolute_url()).text


def test_a_links_change_made_on_one_of_its_pages_is_listed_on_the_other(editor_client, client, magnesium, reviewer):
    link = magnesium.symptom_links.filter(symptom__status="published").exclude(strength=1).first()
    data = change_form_data(editor_client.get(change_url(magnesium)))
    data[f"symptom_links-{row_index(data, 'symptom_links', 'id', link.pk)}-strength"] = "1"
    data["change_summary"] = f"The tie between magnesium and {link.symptom} is now rated possible."
    assert editor_client.post(change_url(magnesium), data).status_code == 302
    approve_waiting(reviewer)
    client.logout()
    assert data["change_summary"] in client.get(link.symptom.get_absolute_url()).text


def test_a_removed_warning_sign_is_listed_on_the_pages_that_showed_it(editor_client, client, reviewer):
    sign = WarningSign.objects.filter(symptoms__status="published").first()
    symptom = sign.symptoms.filter(status="published").first()
    editor_client.post(reverse("admin:nutrients_warningsign_delete", args=[sign.pk]), {"post": "yes"})
    approve_waiting(reviewer, summary="A warning sign the sources no longer give is removed.")
    client.logout()
    assert "A warning sign the sources no longer give is removed." in client.get(symptom.get_absolute_url()).text


def test_the_preview_of_a_page_shows_a_change_waiting_to_a_warning_sign_it_shows(editor_client, client, reviewer):
    sign = WarningSign.objects.filter(symptoms__status="published").first()
    symptom = sign.symptoms.filter(status="published").first()
    edit(editor_client, sign, change_summary="Clearer advice.", what_to_do="Get help the same day, in a test.")
    pending = PendingRevision.objects.get()
    force_verified_login(client, reviewer)
    screen = client.get(reverse("admin:governance_pendingrevision_change", args=[pending.pk]))
    preview = screen.context["preview_url"]
    assert preview.startswith("/preview/") and "Preview the page with this change" in screen.text
    assert "in a test" in client.get(preview).text
    assert "in a test" in client.get(f"/preview/symptoms/{symptom.slug}/").text
    client.logout()
    assert "in a test" not in client.get(symptom.get_absolute_url()).text


def test_an_editors_change_to_a_caveat_waits_and_readers_keep_the_published_one(editor_client, client, content):
    warning = factories.caveat(text="Ask your anticoagulation clinic first.", foods=Food.objects.filter(slug="kale"))
    response = edit(editor_client, warning, "Softer wording.", text="Eat what you like.")
    assert response.status_code == 302
    assert Caveat.objects.get(pk=warning.pk).text == "Ask your anticoagulation clinic first."
    assert "Ask your anticoagulation clinic first." in client.get("/foods/kale/").text
    assert PendingRevision.objects.get(state="pending").object_repr == warning.applies_to


def test_an_editors_change_to_a_grade_or_its_evidence_waits_for_review(editor_client, magnesium):
    response = edit(editor_client, magnesium, "Regraded.", evidence_level="helps", best_evidence="One trial")
    assert response.status_code == 302
    assert Nutrient.objects.get(pk=magnesium.pk).evidence_level == magnesium.evidence_level
    assert PendingRevision.objects.filter(state="pending").exists()
