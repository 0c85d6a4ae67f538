"""Where the site's content lives on disk, whether the database has any, and
writing it back there."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from .models import Nutrient, Source, Symptom

CONTENT_FIXTURE = settings.BASE_DIR / "fixtures" / "content.json"


# Any fixed number, the same in every process: PostgreSQL's advisory lock for loading.
LOADING_LOCK = 0x1E6_3E11


def lock_for_loading() -> None:
    """Hold the loading lock until this transaction ends, so a second
    load_content waits for the first and then finds its content. SQLite's
    transactions here take the write lock up front already (IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOADING_LOCK])


def has_content() -> bool:
    return Nutrient.objects.exists() or Symptom.objects.exists() or Source.objects.exists()


def row_counts() -> dict[str, int]:
    """How many rows each content model holds: a quick fingerprint of the content."""
    return {model.__name__: model.objects.count() for model in apps.get_app_config("nutrients").get_models()}


def export_content(*, path: Path = CONTENT_FIXTURE) -> None:
    """Write the content to path exactly as `dumpdata nutrients --natural-foreign
    --natural-primary --indent 2` would: only the nutrients app, so no history,
    sign-in records or user accounts, and by natural key, so loading the file
    and exporting it again writes the same bytes."""
    call_command(
        "dumpdata",
        "nutrients",
        natural_foreign=True,
        natural_primary=True,
        indent=2,
        output=str(path),
        verbosity=0,
    )
