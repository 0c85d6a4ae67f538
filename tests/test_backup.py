"""manage.py backup writes a consistent copy of the whole database, and
restore brings it back: every row of every table, after a disaster."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from nutrients.models import Nutrient


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def lose_the_content():
    # Links first: sources are protected while anything cites them.
    for model in reversed(list(apps.get_app_config("nutrients").get_models())):
        model.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_a_backup_brings_back_every_row_after_the_content_is_lost(tmp_path, django_user_model, test_content_by_id):
    call_command("loaddata", test_content_by_id, verbosity=0)
    django_user_model.objects.create_user("editor", password="a-long-test-password")
    summary = Nutrient.objects.get(slug="magnesium").summary
    before = row_counts()
    copy = tmp_path / "legwell.backup"

    call_command("backup", copy)
    lose_the_content()
    Nutrient.objects.create(name="Unobtainium", slug="unobtainium", kind="mineral")
    call_command("restore", copy, "--no-input")

    assert row_counts() == before
    assert Nutrient.objects.get(slug="magnesium").summary == summary
    assert not Nutrient.objects.filter(slug="unobtainium").exists()


def test_restore_refuses_a_path_with_no_backup(tmp_path, db):
    with pytest.raises(CommandError, match="There is no backup at"):
        call_command("restore", tmp_path / "nothing-here", "--no-input")
