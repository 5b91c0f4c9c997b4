from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "trust_portal.boards"
    label = "boards"
    verbose_name = "Board meetings and packs"

    def ready(self):
        from . import papers  # noqa: F401  (registers the kinds the board itself offers)
