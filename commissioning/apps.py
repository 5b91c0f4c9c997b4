from django.apps import AppConfig

from trust_portal.core.plugins import MenuEntry, Panel


class CommissioningConfig(AppConfig):
    name = "commissioning"
    verbose_name = "Commissioning"
    menu = [MenuEntry(label="Commissioning", url_name="commission_register", order=40)]
    panels = [Panel(template="commissioning/panels/contracts_ending.html",
                    build="commissioning.panels.contracts_ending", order=30)]
