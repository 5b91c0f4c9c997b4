from django.apps import AppConfig


class PrioritiesConfig(AppConfig):
    name = "priorities"
    verbose_name = "Plans and priorities"

    def ready(self):
        from . import papers  # noqa: F401  (offers its papers to the board's pack)
