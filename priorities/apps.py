from django.apps import AppConfig

from trust_portal.core.plugins import MenuEntry


class PrioritiesConfig(AppConfig):
    name = "priorities"
    verbose_name = "Plans and priorities"
    menu = [
        MenuEntry(label="Overview", url_name="partnership_home", order=10),
        MenuEntry(label="Milestones", url_name="milestone_list", order=20),
        MenuEntry(label="People and organisations", url_name="people", order=90),
    ]
