from django.apps import AppConfig

from trust_portal.core.plugins import MenuEntry


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indicators and performance"
    menu = [MenuEntry(label="Performance", url_name="performance_report", order=30)]

    def ready(self):
        from . import report_cache  # noqa: F401  (the report cache hears of changes)
