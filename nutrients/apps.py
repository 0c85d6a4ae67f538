from django.apps import AppConfig


class NutrientsConfig(AppConfig):
    name = "nutrients"
    verbose_name = "Content"

    def ready(self):
        from . import signals

        signals.connect()
