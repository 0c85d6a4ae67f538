from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Clinical governance"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system check)
