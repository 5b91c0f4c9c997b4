"""How an app plugs into the portal: by modules of agreed names in its own folder (`demo`,
`testing`, `papers`) and a `menu` on its AppConfig, found in `settings.PORTAL_APPS` order, so
that a new app adds files and edits none of the others."""

from dataclasses import dataclass
from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule


def portal_apps() -> list[AppConfig]:
    """The portal's own apps, in the order they depend on one another."""
    return [config for config in apps.get_app_configs() if config.name in settings.PORTAL_APPS]


def portal_modules(name: str) -> list[ModuleType]:
    """Each portal app's module `name`, e.g. every app's `demo`, in PORTAL_APPS order."""
    return [import_module(f"{config.name}.{name}") for config in portal_apps()
            if module_has_submodule(config.module, name)]


@dataclass(frozen=True)
class MenuEntry:
    """A page in the header's menu: an app lists its own in its AppConfig's `menu`."""

    label: str
    url_name: str
    """A URL of the partnership, taking its slug."""
    roles: frozenset = frozenset()
    """Who is offered the page (administrators always are); empty for every member."""
    order: int = 50
    """Where it stands in the menu, lowest first."""
