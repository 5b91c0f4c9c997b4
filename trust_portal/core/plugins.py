"""How an app plugs into the portal: by modules of agreed names in its own folder (`demo`,
`testing`, `papers`) and a `menu` on its AppConfig, found in `settings.PORTAL_APPS` order, so
that a new app adds files and edits none of the others. Its home-page panels come the same
way, in its AppConfig's `panels`."""

from dataclasses import dataclass
from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps
from django.conf import settings
from django.utils.module_loading import import_string, module_has_submodule


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


@dataclass(frozen=True)
class Panel:
    """A part of the partnership's home page, the reader's work there: an app lists its own in
    its AppConfig's `panels`, so that a new app adds its panel without editing the others."""

    template: str
    """Renders the panel from its context, as `panel`."""
    build: str
    """The dotted path of build(access) -> the panel's context, or None when it has nothing
    to show this reader; read in a fixed number of queries. A path, not the function, so that
    an AppConfig imports no models."""
    roles: frozenset = frozenset()
    """Whose work it is, the only readers shown it (administrators too only if named: their
    home page is their own work, not every role's); empty for every member."""
    order: int = 50
    """Where it stands on the page, lowest first."""


def offered(entry: MenuEntry, access) -> bool:
    """Whether the reader's roles allow a menu entry (administrators may use every page)."""
    return not entry.roles or access.is_administrator or access.has_role(*entry.roles)


def shown(panel: Panel, access) -> bool:
    """Whether a panel is the reader's work (see Panel.roles)."""
    return not panel.roles or access.has_role(*panel.roles)


def panels_for(access) -> list[tuple[str, dict]]:
    """(template, context) of each panel the home page shows this reader, in order."""
    panels = sorted((panel for config in portal_apps() for panel in getattr(config, "panels", ())
                     if shown(panel, access)), key=lambda panel: panel.order)
    built = [(panel.template, import_string(panel.build)(access)) for panel in panels]
    return [(template, context) for template, context in built if context is not None]
