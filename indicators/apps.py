from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indicators and performance"

    def ready(self):
        # The board's pack offers the performance papers; the report cache hears of changes.
        from . import papers, report_cache  # noqa: F401
