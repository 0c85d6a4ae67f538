"""Medicines and conditions to rule out: pages, links shown both ways, and the code
finds the warning signs it relies on by role. (That the editors' content is
complete and sourced is checked in test_content.py.)"""

import pytest

from nutrients.models import (
    Condition,
    ConditionNutrientLink,
    Medicine,
    MedicineNutrientLink,
    MedicineSymptomLink,
    WarningSign,
    by_urgency,
)
from tests.test_questionnaire_view import answered, post

PRESCRIBER = "Do not stop or change a prescribed medicine without talking to the doctor or pharmacist"


def test_signs_are_listed_emergency_first_then_today_then_soon(content):
    urgencies = [sign.urgency for sign in by_urgency(WarningSign.objects.all())]
    assert urgencies == sorted(urgencies, key=["emergency", "today", "soon"].index)


def test_a_medicine_page_shows_its_links_with_sources_and_the_prescriber_warning(client, content):
    statins = Medicine.objects.get(slug="statins")
    page = client.get("/medicines/statins/")
    assert page.status_code == 200
    assert PRESCRIBER in page.text
    for link in statins.symptom_links.select_related("symptom").prefetch_related("citations__source"):
        assert link.symptom.get_absolute_url() in page.text
        assert all(citation.source.url in page.text for citation in link.citations.all())
    rhabdo = WarningSign.objects.get(slug="rhabdomyolysis")
    assert page.text.index("Warning signs") < page.text.index('<h2 id="symptoms">Leg symptoms it can cause')
    assert rhabdo.what_to_do in page.text
    assert '"@type": "Drug"' in page.text


def test_every_medicine_page_says_not_to_stop_a_prescribed_medicine(client, content):
    for medicine in Medicine.objects.published():
        assert PRESCRIBER in client.get(medicine.get_absolute_url()).text, medicine


def test_a_condition_page_lists_its_signs_emergency_first_and_its_nutrients(client, content):
    page = client.get("/conditions/peripheral-artery-disease/")
    assert page.status_code == 200
    emergency = page.text.index(WarningSign.objects.get(slug="acute-limb-ischemia").sign)
    soon = page.text.index(WarningSign.objects.get(slug="claudication").sign)
    assert emergency < soon
    for heading in (
        "What it is",
        "How it differs from a nutrient shortage",
        "Who is at risk",
        "What a doctor will check",
    ):
        assert heading in page.text
    assert '"@type": "MedicalCondition"' in page.text
    wernicke = client.get("/conditions/wernicke-encephalopathy/")
    assert "/nutrients/thiamine/" in wernicke.text


def test_nutrient_and_symptom_pages_read_the_same_link_rows(client, content):
    link = MedicineNutrientLink.objects.select_related("medicine", "nutrient").get(
        medicine__slug="metformin", nutrient__slug="vitamin-b12"
    )
    page = client.get(link.nutrient.get_absolute_url())
    assert link.medicine.get_absolute_url() in page.text
    assert link.why in page.text
    symptom_link = MedicineSymptomLink.objects.select_related("symptom").get(
        medicine__slug="statins", symptom__slug="muscle-aches"
    )
    page = client.get(symptom_link.symptom.get_absolute_url())
    assert "/medicines/statins/" in page.text
    assert symptom_link.why in page.text
    assert "/conditions/statin-muscle-symptoms/" in page.text
    condition_link = ConditionNutrientLink.objects.select_related("condition").get(
        nutrient__slug="thiamine", condition__slug="wernicke-encephalopathy"
    )
    assert condition_link.condition.get_absolute_url() in client.get("/nutrients/thiamine/").text


def test_draft_medicines_and_conditions_are_hidden(client, content):
    Medicine.objects.filter(slug="statins").update(status="draft")
    Condition.objects.filter(slug="statin-muscle-symptoms").update(status="draft")
    assert client.get("/medicines/statins/").status_code == 404
    assert client.get("/conditions/statin-muscle-symptoms/").status_code == 404
    assert 'href="/medicines/statins/"' not in client.get("/symptoms/muscle-aches/").text
    assert "/conditions/statin-muscle-symptoms/" not in client.get("/symptoms/muscle-aches/").text


def test_search_finds_medicines_and_conditions(client, content):
    assert "/medicines/metformin/" in client.get("/search/", {"q": "metformin"}).text
    assert "/medicines/statins/" in client.get("/search/", {"q": "atorvastatin"}).text
    assert "/conditions/deep-vein-thrombosis/" in client.get("/search/", {"q": "DVT"}).text


def test_the_comparison_table_names_a_medicine_as_a_reason_to_benefit(client, content):
    page = client.get("/compare/", {"nutrients": ["vitamin-b12"]})
    assert "Metformin" in page.text
    csv = client.get("/compare/table.csv").content.decode()
    assert "Metformin" in csv


# The code relies on a sign by its role, never by its editable slug.


def test_renaming_the_artery_disease_slugs_keeps_the_questionnaires_likelier_cause(client, content):
    Condition.objects.filter(role=Condition.Role.ARTERY_DISEASE).update(slug="renamed-by-an-editor")
    WarningSign.objects.filter(slug="claudication").update(slug="renamed-too")
    page = post(client, "check", **answered("check", symptoms=["leg-cramps"], walking=["yes"]))
    assert "More likely than a shortage" in page.text
    assert "/conditions/renamed-by-an-editor/" in page.text


def test_only_one_sign_can_have_a_role(content):
    from django.core.exceptions import ValidationError

    WarningSign.objects.filter(slug="vitamin-b6-too-much").update(role=WarningSign.Role.B6_TOO_MUCH)
    other = WarningSign.objects.get(slug="sciatica")
    other.role = WarningSign.Role.B6_TOO_MUCH
    with pytest.raises(ValidationError):
        other.full_clean()
