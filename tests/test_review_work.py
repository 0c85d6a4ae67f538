"""Review dates drive the work: the dashboard, the command and the deploy check."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import Tags, run_checks
from django.core.management import CommandError, call_command
from django.utils import timezone

from governance import review
from governance.checks import published_pages_have_a_clinical_reviewer
from governance.models import ClinicalReviewer, ProblemReport
from governance.selectors import pages_without_clinical_reviewer
from nutrients.models import Nutrient
from tests.second_factor import force_verified_login
from tests.test_governance import raise_upper_limit


def test_the_dashboard_lists_changes_waiting_and_pages_past_their_review_date(editor_client, content):
    Nutrient.objects.filter(slug="iron").update(reviewed_on=timezone.localdate() - timedelta(days=400))
    raise_upper_limit(editor_client, Nutrient.objects.get(slug="magnesium"))
    dashboard = editor_client.get("/admin/").text
    assert "Waiting for clinical review, longest first" in dashboard
    assert "The adult upper limit for supplements is now 375 mg." in dashboard
    assert "Pages past their next review date" in dashboard and ">Iron</a>" in dashboard


def test_the_command_prints_the_same_work(editor_client, content):
    Nutrient.objects.filter(slug="iron").update(reviewed_on=timezone.localdate() - timedelta(days=400))
    raise_upper_limit(editor_client, Nutrient.objects.get(slug="magnesium"))
    ProblemReport.objects.create(page="/nutrients/iron/", message="A typo in the summary.")
    out = StringIO()
    call_command("review_work", stdout=out, no_color=True)
    text = out.getvalue()
    assert "Changes waiting for clinical review: 1" in text
    assert "0 days  Magnesium: The adult upper limit for supplements is now 375 mg." in text
    assert "nutrient: Iron" in text
    assert "/nutrients/iron/: A typo in the summary." in text


def test_the_deploy_check_warns_of_published_pages_without_a_clinical_reviewer(content, reviewer):
    warnings = published_pages_have_a_clinical_reviewer()
    assert [warning.id for warning in warnings] == ["governance.W001"]
    assert "Magnesium" in map(str, pages_without_clinical_reviewer())
    Nutrient.objects.filter(slug="magnesium").update(reviewer_name=ClinicalReviewer.objects.get().name)
    assert "Magnesium" not in map(str, pages_without_clinical_reviewer())


def test_the_deploy_check_is_quiet_when_every_published_page_has_a_clinical_reviewer(content, reviewer):
    from governance.selectors import PAGE_MODELS

    for model in PAGE_MODELS:
        model.objects.update(reviewer_name="Dr Amina Shah")
    assert published_pages_have_a_clinical_reviewer() == []
    found = run_checks(tags=[Tags.database], include_deployment_checks=True, databases=["default"])
    assert "governance.W001" not in [message.id for message in found]


def test_a_reviewer_records_a_review_without_a_change(client, content, reviewer):
    iron = Nutrient.objects.get(slug="iron")
    force_verified_login(client, reviewer)
    done = client.post(
        "/admin/nutrients/nutrient/", {"action": "record_clinical_review", "_selected_action": [iron.pk]}
    )
    assert done.status_code == 302
    iron.refresh_from_db()
    assert (iron.reviewed_on, iron.reviewer_name) == (timezone.localdate(), "Dr Amina Shah")
    assert "Iron" not in map(str, pages_without_clinical_reviewer())


def test_an_editor_cannot_record_a_clinical_review(editor_client, content):
    iron = Nutrient.objects.get(slug="iron")
    editor_client.post(
        "/admin/nutrients/nutrient/", {"action": "record_clinical_review", "_selected_action": [iron.pk]}
    )
    iron.refresh_from_db()
    assert iron.reviewer_name != "Dr Amina Shah"


def test_the_deploy_check_says_how_to_name_a_clinical_reviewer(content):
    (warning,) = published_pages_have_a_clinical_reviewer()
    assert "manage.py create_reviewer" in warning.hint and "Record a clinical review today" in warning.hint


def test_create_reviewer_makes_a_named_reviewer_who_needs_a_code_and_whose_review_clears_the_check(
    client, content, monkeypatch
):
    monkeypatch.setenv("REVIEWER_PASSWORD", "a-long-test-password")
    out = StringIO()
    call_command(
        "create_reviewer",
        "dr-okafor",
        "--name=Dr Ife Okafor",
        "--qualification=GP",
        "--registration=GMC 7654321",
        "--password-from-env=REVIEWER_PASSWORD",
        stdout=out,
    )
    assert "Created the clinical reviewer Dr Ife Okafor, GP (dr-okafor)" in out.getvalue()
    user = get_user_model().objects.get(username="dr-okafor")
    assert user.is_staff and not user.is_superuser and review.is_reviewer(user)
    sign_in = {"username": "dr-okafor", "password": "a-long-test-password", "code": ""}
    assert client.post("/admin/login/?next=/admin/", sign_in).status_code == 200, "a code is needed"

    force_verified_login(client, user)
    pages = [page.pk for page in Nutrient.objects.published()]
    client.post("/admin/nutrients/nutrient/", {"action": "record_clinical_review", "_selected_action": pages})
    assert not [page for page in pages_without_clinical_reviewer() if isinstance(page, Nutrient)]


def test_create_reviewer_refuses_an_empty_profile(content, monkeypatch):
    monkeypatch.setenv("REVIEWER_PASSWORD", "a-long-test-password")
    with pytest.raises(CommandError, match="Refused"):
        call_command(
            "create_reviewer",
            "x",
            "--name= ",
            "--qualification=GP",
            "--registration=GMC 1",
            "--password-from-env=REVIEWER_PASSWORD",
        )
    assert not get_user_model().objects.filter(username="x").exists()
