from django.apps import AppConfig

from trust_portal.core.plugins import MenuEntry, Panel


class CommissioningConfig(AppConfig):
    name = "commissioning"
    verbose_name = "Commissioning"
    menu = [MenuEntry(label="Commissioning", url_name="commission_register", order=40)]
    # Roles by their values: models cannot be imported while apps load.
    panels = [Panel(template="commissioning/panels/in_progress.html",
                    build="commissioning.panels.in_progress", roles=frozenset({"commissioner"}),
                    order=40),
              Panel(template="commissioning/panels/contracts_ending.html",
                    build="commissioning.panels.contracts_ending",
                    roles=frozenset({"commissioner"}), order=41)]
