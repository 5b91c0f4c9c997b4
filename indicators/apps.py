from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indicators and performance"

    def ready(self):
        from . import papers  # noqa: F401  (offers its papers to the board's pack)
