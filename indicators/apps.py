from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indicators and performance"

    def ready(self):
        from . import report_cache  # noqa: F401  (the report cache hears of changes)
