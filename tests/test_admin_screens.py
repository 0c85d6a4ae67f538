"""Every content model's admin screens load for a staff user."""

import pytest
from django.apps import apps
from django.urls import reverse

from nutrients.models import Caveat
from tests import factories

CONTENT_MODELS = list(apps.get_app_config("nutrients").get_models())


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_list_add_and_change_screens_load(staff_client, model):
    info = (model._meta.app_label, model._meta.model_name)
    assert staff_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    assert staff_client.get(reverse("admin:{}_{}_changelist".format(*info)), {"q": "a"}).status_code == 200
    assert staff_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200
    if not Caveat.objects.exists():
        factories.caveat()  # the test content holds none
    obj = model.objects.first()
    assert staff_client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk])).status_code == 200


def test_a_nutrients_links_are_edited_on_its_own_screen(staff_client):
    nutrient = apps.get_model("nutrients", "Nutrient").objects.get(slug="magnesium")
    page = staff_client.get(reverse("admin:nutrients_nutrient_change", args=[nutrient.pk]))
    for prefix in ("symptom_links", "food_sources", "intakes", "risk_links", "related_links"):
        assert f'name="{prefix}-TOTAL_FORMS"' in page.text
    assert "View on site" in page.text
