from django.apps import AppConfig

from trust_portal.core.plugins import MenuEntry, Panel


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indicators and performance"
    menu = [MenuEntry(label="Performance", url_name="performance_report", order=30),
            # (A role by its value: models cannot be imported while apps load.)
            MenuEntry(label="Sign off figures", url_name="sign_off",
                      roles=frozenset({"performance_manager"}), order=32),
            MenuEntry(label="Report cards", url_name="report_cards", order=35)]
    # Each reader's work first: the panels of their roles (roles by their values: models
    # cannot be imported while apps load).
    panels = [
        Panel(template="indicators/panels/entry_progress.html",
              build="indicators.panels.entry_progress", roles=frozenset({"administrator"}),
              order=2),
        Panel(template="indicators/panels/mine.html", build="indicators.panels.my_indicators",
              roles=frozenset({"performance_officer"}), order=10),
        Panel(template="indicators/panels/sign_off.html", build="indicators.panels.to_sign_off",
              roles=frozenset({"performance_manager", "administrator"}), order=4),
        Panel(template="indicators/panels/summary.html",
              build="indicators.panels.performance_summary",
              roles=frozenset({"board_member"}), order=32),
    ]

    def ready(self):
        from . import report_cache  # noqa: F401  (the report cache hears of changes)
