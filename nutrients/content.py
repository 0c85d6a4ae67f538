"""Where the site's content lives on disk, and whether the database has any."""

from django.conf import settings

from .models import Nutrient, Source, Symptom

CONTENT_FIXTURE = settings.BASE_DIR / "fixtures" / "content.json"


def has_content() -> bool:
    return Nutrient.objects.exists() or Symptom.objects.exists() or Source.objects.exists()
