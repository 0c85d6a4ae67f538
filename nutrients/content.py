"""Where the site's content lives on disk, whether the database has any, and
writing it back there."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from .models import Nutrient, Source, Symptom

CONTENT_FIXTURE = settings.BASE_DIR / "fixtures" / "content.json"


def has_content() -> bool:
    return Nutrient.objects.exists() or Symptom.objects.exists() or Source.objects.exists()


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
