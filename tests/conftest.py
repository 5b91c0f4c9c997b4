"""A small world for tests: two partnerships and one persona per role.

`north` is the partnership under test; `outsider` belongs only to `south`, so every page of
`north` must hide itself from them.
"""

import io
import os
import shutil
import sys

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from trust_portal.core.plugins import portal_modules
from trust_portal.core.testing import PASSWORD, PERSONAS  # noqa: F401  (for the tests)

FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load_demo():
    """The three demo partnerships, from the seed documents, as `make demo` loads them, but
    without rendering the published packs (see tests/test_demo_pack.py)."""
    call_command("load_demo", "--without-packs", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def empty_cache():
    """A page one test cached must not answer another's."""
    cache.clear()


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Publishing renders the pack before it returns, unless a test asks for the worker's
    queue (the portal's own default, TASK_BACKEND=database)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


class World:
    """The records tests share. Each app's builder (`APP/testing.py`, `build(world)`) adds its
    own as attributes, in PORTAL_APPS order: `north`, `south` and `users` from core, then
    `plan`, `priority`, `action`, `milestone`, `period`, `indicator`, `meeting`, `paper`,
    `pack` and what later apps add. The same modules hold helpers that grow the world."""


def build_world():
    world = World()
    for builders in portal_modules("testing"):
        builders.build(world)
    return world


def grow_world(world, count):
    """Grow every app's records by `count` of each, for tests that compare two data sizes:
    each app's `testing.grow(world, count)`."""
    for builders in portal_modules("testing"):
        if hasattr(builders, "grow"):
            builders.grow(world, count)


@pytest.fixture
def world(db):
    return build_world()


def stored_in(storages, location):
    """The portal's storages, with files kept in `location`."""
    return {**storages, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                    "OPTIONS": {"location": location}}}


@pytest.fixture(scope="module")
def module_media(tmp_path_factory):
    """The folder for the files of records a module's tests share."""
    return tmp_path_factory.mktemp("media")


def shared_by_module(django_db_blocker, media, build):
    """Build records once for all of a module's tests, as `TestCase.setUpTestData` does.

    `build()` writes them in a transaction rolled back after the module's last test. Each test
    runs inside it in a savepoint of its own (pytest-django's `db`), rolled back after the test,
    so what one test changes no other sees. For a module-scoped fixture to `yield from`; its
    tests ask for it and for `db`. Their stored files go to `media` (`module_media`).
    """
    from django.conf import settings

    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS,
                           STORAGES=stored_in(settings.STORAGES, media)):
        with django_db_blocker.unblock():
            module_transaction = transaction.atomic()
            module_transaction.__enter__()
            try:
                built = build()
            except BaseException:
                module_transaction.__exit__(*sys.exc_info())
                raise
        yield built
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker, module_media):
    yield from shared_by_module(django_db_blocker, module_media, load_demo)


@pytest.fixture
def demo(module_demo, db):
    """The demo, loaded once for the module's tests that ask for it (see `shared_by_module`).
    Not for tests that commit (`transactional_db`, `live_server`): they call `load_demo`."""


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path, request):
    """Stored packs go to a temporary folder, never the portal's own: the test's own, or the
    module's when the test reads records its module shares (see `shared_by_module`)."""
    location = tmp_path / "media"
    if "module_media" in request.fixturenames:
        location = request.getfixturevalue("module_media")
    settings.STORAGES = stored_in(settings.STORAGES, location)


@pytest.fixture
def login(client):
    """Sign the test client in as a persona's user; anonymous stays signed out."""

    def sign_in(user):
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def browser_page(monkeypatch):
    """A page in headless Chromium, for tests that drive the portal as a person would."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("needs Chromium: run `make system-deps` (Debian: apt-get install chromium)")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
        ])
        page = browser.new_page()
        yield page
        browser.close()
