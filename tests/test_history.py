"""History of every content model (django-reversion): who changed what and when,
a diff of each change, restoring an earlier version, recovering a deleted item."""

from decimal import Decimal

import pytest
import reversion
from django.apps import apps
from django.urls import reverse
from reversion.models import Version
from reversion.revisions import _get_options

from nutrients.history import revision_changes
from nutrients.models import Condition, Food, FoodSource, Medicine, Nutrient, Symptom
from tests.admin_pages import change_form_data
from tests.conftest import approve_waiting

NEW_SUMMARY = "An <em>edited</em> summary of magnesium."


def admin_url(obj, view: str, *args) -> str:
    return reverse(f"admin:nutrients_{obj._meta.model_name}_{view}", args=[obj.pk, *args])


@pytest.fixture
def magnesium(content):
    return Nutrient.objects.get(slug="magnesium")


def edit_magnesium(client, magnesium, *, food_amount=None) -> int | None:
    """Save magnesium's admin page with a new summary and, optionally, a new amount for
    the first food that has one; returns that food amount's id."""
    data = change_form_data(client.get(admin_url(magnesium, "change")))
    data["summary"] = NEW_SUMMARY
    edited = None
    if food_amount is not None:
        row = next(i for i in range(int(data["food_sources-TOTAL_FORMS"])) if data.get(f"food_sources-{i}-amount"))
        data[f"food_sources-{row}-amount"] = food_amount
        edited = data[f"food_sources-{row}-id"]
    assert client.post(admin_url(magnesium, "change"), data).status_code == 302
    return edited


def test_every_content_model_is_kept_in_history():
    assert set(apps.get_app_config("nutrients").get_models()) <= set(reversion.get_registered_models())


@pytest.mark.parametrize(
    "model, follows",
    [
        (
            Nutrient,
            {
                "symptom_links",
                "food_sources",
                "intakes",
                "risk_links",
                "related_links",
                "medicine_links",
                "evidence_citations",
            },
        ),
        (Symptom, {"nutrient_links", "medicine_links"}),
        (Food, {"nutrient_amounts"}),
        (Medicine, {"nutrient_links", "symptom_links"}),
        (Condition, {"nutrient_links"}),
    ],
)
def test_a_pages_versions_include_its_link_rows(model, follows):
    assert set(_get_options(model).follow) == follows


def test_the_first_edit_keeps_the_page_as_it_was_and_then_the_edit(editor_client, magnesium):
    old_summary = magnesium.summary
    edit_magnesium(editor_client, magnesium)
    versions = Version.objects.get_for_object(magnesium).order_by("pk")
    assert [version.field_dict["summary"] for version in versions] == [old_summary, NEW_SUMMARY]
    assert versions[1].revision.user.username == "editor"
    linked = {version.content_type.model for version in versions[1].revision.version_set.all()}
    assert linked >= {"nutrient", "symptomlink", "foodsource", "intakereference"}


def test_the_history_page_shows_who_changed_what_and_when(editor_client, magnesium):
    edit_magnesium(editor_client, magnesium)
    page = editor_client.get(admin_url(magnesium, "history"))
    assert page.status_code == 200
    assert "<td>editor</td>" in page.text
    assert "Changed Summary." in page.text
    assert "As it was before its first change in admin." in page.text
    assert page.text.count(">What changed</a>") == 2
    assert page.text.count(">Restore this version</a>") == 2


def test_what_changed_shows_the_field_before_and_after_as_text(editor_client, magnesium):
    old_summary = magnesium.summary
    edit_magnesium(editor_client, magnesium, food_amount="999.00")
    latest = Version.objects.get_for_object(magnesium).order_by("-pk").first()
    page = editor_client.get(admin_url(magnesium, "changes", latest.revision_id))
    assert page.status_code == 200
    rows = [(change.what, change.field, change.after) for change in page.context["changes"]]
    assert ("Magnesium", "summary", NEW_SUMMARY) in rows
    assert any(field == "amount" and after == "999.00" for _what, field, after in rows)
    assert old_summary in page.text
    assert "An &lt;em&gt;edited&lt;/em&gt; summary" in page.text  # escaped, not markup


def test_what_changed_lists_link_rows_added_and_removed(magnesium):
    with reversion.create_revision():
        reversion.add_to_revision(magnesium)
    older = Version.objects.get_for_object(magnesium).latest("pk").revision
    FoodSource.objects.filter(nutrient=magnesium, food__slug="spinach").delete()
    FoodSource.objects.create(nutrient=magnesium, food=Food.objects.get(slug="bananas"), preparation="dried")
    with reversion.create_revision():
        reversion.add_to_revision(magnesium)
    newer = Version.objects.get_for_object(magnesium).latest("pk").revision
    whole_rows = {
        (change.what, change.after) for change in revision_changes(older=older, newer=newer) if not change.field
    }
    assert ("Bananas, dried: Magnesium", "added") in whole_rows
    assert any(what.startswith("Spinach") and after == "removed" for what, after in whole_rows)


def test_the_first_version_shows_everything_as_added(magnesium):
    with reversion.create_revision():
        reversion.add_to_revision(magnesium)
    first = Version.objects.get_for_object(magnesium).get().revision
    changes = revision_changes(older=None, newer=first)
    assert changes[0].what == "Magnesium" and changes[0].after == "added"


def test_an_editor_restores_an_earlier_version_and_readers_see_it(editor_client, client, magnesium):
    old_summary = magnesium.summary
    amounts = dict(FoodSource.objects.filter(nutrient=magnesium).values_list("pk", "amount"))
    edited = edit_magnesium(editor_client, magnesium, food_amount="999.00")
    assert NEW_SUMMARY not in client.get("/nutrients/magnesium/").text  # the reader sees it escaped
    first = Version.objects.get_for_object(magnesium).order_by("pk").first()

    restore_page = editor_client.get(admin_url(magnesium, "revision", first.pk))
    assert "Press the save button below to revert to this version" in restore_page.text
    assert (
        editor_client.post(admin_url(magnesium, "revision", first.pk), change_form_data(restore_page)).status_code
        == 302
    )

    magnesium.refresh_from_db()
    assert magnesium.summary == old_summary
    assert FoodSource.objects.get(pk=edited).amount == amounts[int(edited)]
    assert old_summary in client.get("/nutrients/magnesium/").text


def test_a_deleted_food_is_recovered_with_its_nutrient_amounts(editor_client, client, reviewer):
    spinach = Food.objects.get(slug="spinach")
    amounts = set(spinach.nutrient_amounts.values_list("nutrient__slug", "amount"))
    assert editor_client.post(admin_url(spinach, "delete"), {"post": "yes"}).status_code == 302
    assert not Food.objects.filter(slug="spinach").exists()
    assert client.get("/foods/spinach/").status_code == 404

    recover_list = editor_client.get(reverse("admin:nutrients_food_recoverlist"))
    assert "Spinach" in recover_list.text
    deleted = Version.objects.get_deleted(Food).get(object_repr="Spinach")
    recover_url = reverse("admin:nutrients_food_recover", args=[deleted.pk])
    recover_page = editor_client.get(recover_url)
    assert editor_client.post(recover_url, change_form_data(recover_page)).status_code == 302
    assert not Food.objects.filter(slug="spinach").exists(), "a recovery waits for a clinical reviewer"
    approve_waiting(reviewer)

    recovered = Food.objects.get(slug="spinach")
    assert set(recovered.nutrient_amounts.values_list("nutrient__slug", "amount")) == amounts
    assert client.get("/foods/spinach/").status_code == 200


def test_a_food_amount_edited_on_the_nutrients_page_has_its_own_history(editor_client, magnesium, reviewer):
    edited = edit_magnesium(editor_client, magnesium, food_amount="999.00")
    assert FoodSource.objects.get(pk=edited).amount != Decimal("999.00"), "a new amount waits for review"
    approve_waiting(reviewer)
    row = FoodSource.objects.get(pk=edited)
    assert row.amount == Decimal("999.00")
    # As it was, then the change as the editor saved it, then as the reviewer approved it.
    assert [version.field_dict["amount"] for version in Version.objects.get_for_object(row).order_by("pk")][1:] == [
        Decimal("999.00"),
        Decimal("999.00"),
    ]
