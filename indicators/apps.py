from django.apps import AppConfig

from trust_portal.core.plugins import MenuEntry


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indicators and performance"
    menu = [MenuEntry(label="Performance", url_name="performance_report", order=30),
            # (A role by its value: models cannot be imported while apps load.)
            MenuEntry(label="Sign off figures", url_name="sign_off",
                      roles=frozenset({"performance_manager"}), order=32),
            MenuEntry(label="Report cards", url_name="report_cards", order=35)]

    def ready(self):
        from . import report_cache  # noqa: F401  (the report cache hears of changes)
