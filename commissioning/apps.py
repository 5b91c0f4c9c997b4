from django.apps import AppConfig

from trust_portal.core.plugins import MenuEntry


class CommissioningConfig(AppConfig):
    name = "commissioning"
    verbose_name = "Commissioning"
    menu = [MenuEntry(label="Commissioning", url_name="commission_register", order=40)]
