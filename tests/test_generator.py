"""generate_content: the content N times larger, linked the way the original is."""

import pytest
from django.core.management import CommandError, call_command

from nutrients.generator import COPIED, LINKS, multiply_content
from nutrients.models import Food, Nutrient, Symptom
from tests import factories, rendered_again

M2M = [field.remote_field.through for model in COPIED for field in model._meta.many_to_many]


def counts():
    return {model.__name__: model.objects.count() for model in (*COPIED, *LINKS, *M2M)}


def test_three_times_the_content_has_three_times_every_page_and_link(content):
    factories.caveat(foods=Food.objects.all()[:2], nutrients=Nutrient.objects.all()[:1])
    before = counts()
    multiply_content(times=3)
    assert counts() == {name: count * 3 for name, count in before.items()}


def test_a_copy_links_to_the_same_copy_of_its_symptoms_and_foods(content):
    multiply_content(times=2)
    original = Nutrient.objects.get(slug="magnesium")
    copy = Nutrient.objects.get(slug="magnesium-copy-2")
    assert copy.name == "Magnesium (copy 2)"
    assert sorted(f"{link.symptom.slug}-copy-2" for link in original.symptom_links.all()) == sorted(
        link.symptom.slug for link in copy.symptom_links.all()
    )
    assert sorted(f"{row.food.slug}-copy-2" for row in original.food_sources.all()) == sorted(
        row.food.slug for row in copy.food_sources.all()
    )
    assert list(copy.sources.all()) == list(original.sources.all())


def test_a_copied_food_has_its_originals_cautions(content):
    caveat = factories.caveat(foods=Food.objects.filter(slug="spinach"))
    multiply_content(times=2)
    assert list(Food.objects.get(slug="spinach-copy-2").caveats.all()) == [caveat]


def test_copies_show_on_the_lists_and_their_own_pages_at_once(client, content):
    client.get("/nutrients/")  # cached before the copies exist
    call_command("generate_content", times=2, verbosity=0)
    assert "/nutrients/magnesium-copy-2/" in rendered_again.get(client, "/nutrients/").text
    for model, prefix in ((Symptom, "/symptoms/"), (Food, "/foods/")):
        copy = model.objects.published().filter(slug__endswith="-copy-2").first()
        assert client.get(f"{prefix}{copy.slug}/").status_code == 200


def test_the_command_says_what_it_did(content, capsys):
    call_command("generate_content", times=2)
    assert "2 times larger" in capsys.readouterr().out


@pytest.mark.parametrize("times", [0, 1])
def test_fewer_than_two_times_is_refused(content, times):
    with pytest.raises(CommandError, match="--times 2 or more"):
        call_command("generate_content", times=times)


def test_generating_twice_into_one_database_is_refused(content):
    call_command("generate_content", times=2, verbosity=0)
    with pytest.raises(CommandError, match="already holds generated copies"):
        call_command("generate_content", times=2, verbosity=0)
