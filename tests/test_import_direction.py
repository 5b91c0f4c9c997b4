"""Imports run one way: the apps build on `trust_portal`, never the other way round.

`trust_portal/` (core, boards, the demo) is what every app plugs into; if one of its modules
imported an app, that app could no longer be added or removed on its own. The apps are
found from INSTALLED_APPS, so an app installed later is covered without editing this test.
The modules are read, not imported (AST), so an import inside a function or under
TYPE_CHECKING counts too, as does import_module("app...") with a literal name.
"""

import ast

import pytest
from django.apps import apps
from django.conf import settings

PORTAL = settings.BASE_DIR / "trust_portal"


def project_apps():
    """The top-level packages of this repository installed as apps, other than trust_portal."""
    tops = {config.name.split(".")[0] for config in apps.get_app_configs()}
    return sorted(top for top in tops
                  if top != "trust_portal" and (settings.BASE_DIR / top).is_dir())


def imported_names(source):
    """Every absolute module name the source imports, statically or by a literal name."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        elif (isinstance(node, ast.Call) and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and getattr(node.func, "attr", getattr(node.func, "id", None))
              in {"import_module", "__import__"}):
            yield node.args[0].value


def module_name(path):
    return ".".join(path.relative_to(settings.BASE_DIR).with_suffix("").parts)


MODULES = sorted(module_name(path) for path in PORTAL.rglob("*.py"))


def test_the_apps_are_found():
    assert {"priorities", "indicators"} <= set(project_apps())
    assert "trust_portal.boards.views" in MODULES


@pytest.mark.parametrize("module", MODULES)
def test_no_module_of_trust_portal_imports_an_app(module):
    source = settings.BASE_DIR.joinpath(*module.split(".")).with_suffix(".py").read_text()
    forbidden = project_apps()
    wrong = sorted({name for name in imported_names(source)
                    if name.split(".")[0] in forbidden})
    assert not wrong, f"{module} imports {', '.join(wrong)}"
