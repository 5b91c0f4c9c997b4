from django.apps import AppConfig

from trust_portal.core.plugins import MenuEntry, Panel


class PrioritiesConfig(AppConfig):
    name = "priorities"
    verbose_name = "Plans and priorities"
    menu = [
        MenuEntry(label="Overview", url_name="partnership_home", order=10),
        MenuEntry(label="Milestones", url_name="milestone_list", order=20),
        MenuEntry(label="People and organisations", url_name="people", order=90),
    ]
    panels = [
        Panel(template="priorities/panels/led.html",
              build="priorities.panels.led_priorities", order=21),
        # A lead officer's milestones, or an administrator's overview of them (roles by their
        # values: models cannot be imported while apps load).
        Panel(template="priorities/panels/milestones.html",
              build="priorities.panels.milestones",
              roles=frozenset({"lead_officer", "administrator"}), order=20),
        Panel(template="priorities/panels/plans.html", build="priorities.panels.plans",
              order=90),
    ]
