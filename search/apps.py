from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The search index: one document a page, kept current from nutrients' content."""

    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
