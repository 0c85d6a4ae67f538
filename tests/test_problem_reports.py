"""Report a problem with a page: a short form, no account, no cookie on reader pages,
stored for editors, limited per address, robots ignored."""

import pytest
from django.urls import reverse

from governance.models import PendingRevision, ProblemReport
from nutrients.models import Nutrient
from nutrients.views.report import REPORTS_PER_HOUR
from tests.second_factor import force_verified_login
from tests.test_governance import raise_upper_limit

URL = "/report/?page=/nutrients/magnesium/"


def send(client, message="The upper limit says 350 mg; the NIH page says 350 mg for supplements only.", **extra):
    return client.post("/report/", {"page": "/nutrients/magnesium/", "message": message, **extra})


def test_every_content_page_links_to_its_report_form(client, content):
    page = client.get("/nutrients/magnesium/")
    assert 'href="/report/?page=/nutrients/magnesium/">Report a problem with this page</a>' in page.text
    assert not page.cookies


def test_the_form_names_the_page_and_sets_only_the_csrf_cookie(client, content):
    page = client.get(URL)
    assert page.status_code == 200
    assert 'href="/nutrients/magnesium/"' in page.text
    assert set(page.cookies) == {"csrftoken"}
    assert "unsafe-inline" not in page["Content-Security-Policy"]
    assert page["Cache-Control"].startswith("max-age=0")


def test_a_report_is_stored_for_editors_and_the_reader_is_thanked(client, content):
    sent = send(client, contact="reader@example.com")
    assert sent.status_code == 302
    assert sent["Location"] == "/report/sent/?page=%2Fnutrients%2Fmagnesium%2F"
    report = ProblemReport.objects.get()
    assert (report.page, report.contact, report.state) == ("/nutrients/magnesium/", "reader@example.com", "new")
    assert "Back to the page" in client.get(sent["Location"]).text


def test_an_empty_report_is_refused_with_a_clear_message(client, content):
    page = send(client, message="")
    assert page.status_code == 400
    assert "Say what is wrong, so the editors can check it." in page.text
    assert not ProblemReport.objects.exists()


@pytest.mark.parametrize("page", ["", "/admin/", "https://example.com/", "/nowhere/", "/preview/nutrients/magnesium/"])
def test_a_report_about_something_that_is_not_a_reader_page_is_a_400(client, content, page):
    assert client.get("/report/", {"page": page}).status_code == 400
    assert client.post("/report/", {"page": page, "message": "x"}).status_code == 400
    assert not ProblemReport.objects.exists()


def test_a_robot_filling_the_honeypot_is_thanked_and_ignored(client, content):
    assert send(client, website="https://spam.example").status_code == 302
    assert not ProblemReport.objects.exists()


def test_reports_are_limited_per_address(client, content):
    for _ in range(REPORTS_PER_HOUR):
        assert send(client).status_code == 302
    refused = send(client)
    assert refused.status_code == 429
    assert "try again later" in refused.text
    assert ProblemReport.objects.count() == REPORTS_PER_HOUR
    other = client.post(
        "/report/", {"page": "/nutrients/magnesium/", "message": "Another reader."}, REMOTE_ADDR="192.0.2.9"
    )
    assert other.status_code == 302


def test_a_report_reaches_admin_and_a_correction_can_be_linked_to_it(client, editor_client, content, reviewer):
    send(client)
    report = ProblemReport.objects.get()
    dashboard = editor_client.get("/admin/")
    assert "New reports from readers" in dashboard.text and "The upper limit says 350 mg" in dashboard.text
    listing = editor_client.get(reverse("admin:governance_problemreport_changelist"))
    assert "/nutrients/magnesium/" in listing.text

    raise_upper_limit(editor_client, Nutrient.objects.get(slug="magnesium"))
    pending = PendingRevision.objects.get()
    url = reverse("admin:governance_pendingrevision_change", args=[pending.pk])
    force_verified_login(editor_client, reviewer)
    done = editor_client.post(url, {"decision": "approve", "summary": pending.summary, "report": report.pk})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.state == "corrected"
    assert pending.summary in editor_client.get(reverse("admin:governance_problemreport_change", args=[report.pk])).text
