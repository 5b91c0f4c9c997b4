from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "trust_portal.demo"
    label = "demo"
    verbose_name = "Demo partnerships"
