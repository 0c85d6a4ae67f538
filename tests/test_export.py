"""export_content writes the content back to fixtures/ in the fixture's own
format, with no history or accounts, so load, export, load again round-trips."""

import io
import json

import reversion
from django.apps import apps
from django.core.management import call_command

from nutrients.content import CONTENT_FIXTURE, export_content
from nutrients.models import Food, Status

CONTENT_MODELS = list(apps.get_app_config("nutrients").get_models())


def dumpdata() -> bytes:
    out = io.StringIO()
    call_command("dumpdata", "nutrients", natural_foreign=True, natural_primary=True, indent=2, stdout=out)
    return out.getvalue().encode()


def test_export_writes_exactly_what_dumpdata_writes(editors_content, tmp_path):
    export_content(path=tmp_path / "content.json")
    assert (tmp_path / "content.json").read_bytes() == dumpdata()


def test_the_committed_fixture_is_already_in_export_format(editors_content, tmp_path):
    # If this fails, the fixture was edited by hand: run `manage.py export_content`.
    export_content(path=tmp_path / "content.json")
    assert (tmp_path / "content.json").read_bytes() == CONTENT_FIXTURE.read_bytes()


def test_load_export_and_load_again_give_identical_files_and_content(editors_content, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    Food.objects.filter(slug="spinach").update(status=Status.DRAFT, review_note="Checked the iron amount.")
    export_content(path=first)
    counts = {model: model.objects.count() for model in CONTENT_MODELS}

    for model in reversed(CONTENT_MODELS):  # links first, then what they point to
        model._base_manager.all().delete()
    call_command("loaddata", first, verbosity=0)
    export_content(path=second)

    assert second.read_bytes() == first.read_bytes()
    assert {model: model.objects.count() for model in CONTENT_MODELS} == counts
    spinach = Food.objects.get(slug="spinach")
    assert (spinach.status, spinach.review_note) == (Status.DRAFT, "Checked the iron amount.")


def test_the_export_holds_content_only_no_history_or_accounts(editor, tmp_path):
    with reversion.create_revision():
        reversion.add_to_revision(Food.objects.get(slug="spinach"))
    export_content(path=tmp_path / "content.json")
    labels = {row["model"] for row in json.loads((tmp_path / "content.json").read_text())}
    assert labels == {model._meta.label_lower for model in CONTENT_MODELS}


def test_the_export_command_says_where_it_wrote(editors_content, tmp_path):
    out = io.StringIO()
    call_command("export_content", "--output", tmp_path / "out.json", stdout=out)
    assert f"Wrote the content to {tmp_path / 'out.json'}." in out.getvalue()
    assert (tmp_path / "out.json").read_bytes() == dumpdata()
