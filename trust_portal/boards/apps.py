from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules

from trust_portal.core.plugins import MenuEntry, Panel


class BoardsConfig(AppConfig):
    name = "trust_portal.boards"
    label = "boards"
    verbose_name = "Board meetings and packs"
    menu = [MenuEntry(label="Meetings", url_name="meeting_list", order=70)]
    # Roles by their values: models cannot be imported while apps load.
    panels = [
        Panel(template="boards/panels/to_publish.html",
              build="trust_portal.boards.panels.packs_to_publish",
              roles=frozenset({"administrator"}), order=4),
        Panel(template="boards/panels/meetings.html",
              build="trust_portal.boards.panels.board_meetings",
              roles=frozenset({"board_member"}), order=30),
    ]

    def ready(self):
        # Every app's `papers` module registers the kinds of paper it offers the board's pack,
        # as every app's `admin` module registers its models with the admin.
        autodiscover_modules("papers")
