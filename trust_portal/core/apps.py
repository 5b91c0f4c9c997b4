from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "trust_portal.core"
    label = "core"
    verbose_name = "Partnerships and people"

    def ready(self):
        from . import security  # noqa: F401  (logs failed sign-ins)
