"""Publishing a pack reliably: in the background, never stuck, and safe to click twice."""

import contextlib
import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from trust_portal.boards.models import Pack, Paper
from trust_portal.boards.publication import (
    PublicationRefused,
    publish_pack,
    request_publication,
)
from trust_portal.boards.testing import add_agenda_items

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def url(name, world, *args):
    return reverse(name, args=[world.north.slug, world.meeting.pk, *args])


def stalled_pack(world, settings, status=Pack.Status.RENDERING):
    """Version 2, left rendering by a worker that died longer ago than the portal waits."""
    silent_since = timezone.now() - datetime.timedelta(
        seconds=settings.PACK_RENDER_STALL_SECONDS + 1)
    return Pack.objects.create(meeting=world.meeting, number=2, status=status,
                               progress="Members' pack: laying out the pages",
                               progress_at=silent_since, reason="Corrected")


@pytest.mark.parametrize("status", [Pack.Status.QUEUED, Pack.Status.RENDERING])
def test_a_render_silent_for_too_long_reads_as_failed_wherever_it_is_seen(world, login,
                                                                          settings, status):
    stalled_pack(world, settings, status)
    client = login(world.users["administrator"])
    progress = client.get(url("pack_progress", world, 2)).json()
    assert progress["status"] == "failed"
    assert "stopped without finishing" in progress["progress"]
    assert "Failed" in client.get(world.meeting.get_absolute_url()).content.decode()
    assert "stopped without finishing" in client.get(url("pack_detail", world, 2)).content.decode()


def test_publishing_again_after_a_stalled_render_is_allowed(world, settings):
    stalled = stalled_pack(world, settings)
    again = request_publication(world.meeting, user=world.users["administrator"],
                                reason="Try again")
    stalled.refresh_from_db()
    assert stalled.status == Pack.Status.FAILED
    again.refresh_from_db()
    assert again.number == 3 and again.status == Pack.Status.PUBLISHED


def test_a_render_still_making_progress_is_not_interrupted(world):
    Pack.objects.create(meeting=world.meeting, number=2, status=Pack.Status.RENDERING,
                        progress_at=timezone.now(), reason="Corrected")
    with pytest.raises(PublicationRefused, match="already being published"):
        request_publication(world.meeting, user=world.users["administrator"], reason="Again")
    assert Pack.objects.get(number=2, meeting=world.meeting).status == Pack.Status.RENDERING


def test_a_render_that_finishes_after_its_pack_was_given_up_publishes_nothing(world, settings):
    stalled = stalled_pack(world, settings, Pack.Status.QUEUED)
    request_publication(world.meeting, user=world.users["administrator"], reason="Try again")
    publish_pack.call(stalled.pk)  # the slow worker wakes up at last
    stalled.refresh_from_db()
    assert stalled.status == Pack.Status.FAILED and not stalled.documents.exists()


def test_the_publish_button_returns_at_once_and_the_page_follows_the_progress(world, login,
                                                                              settings):
    settings.TASKS = DATABASE_BACKEND
    client = login(world.users["administrator"])
    started = time.monotonic()
    response = client.post(reverse("pack_publish", args=[world.north.slug, world.meeting.pk]),
                           {"reason": "Figures corrected"})
    assert time.monotonic() - started < 2
    assert response.status_code == 302 and response.url == url("pack_detail", world, 2)
    pack = Pack.objects.get(meeting=world.meeting, number=2)
    assert pack.status == Pack.Status.QUEUED
    page = client.get(response.url).content.decode()
    assert f'data-progress-url="{url("pack_progress", world, 2)}"' in page
    assert "Waiting to render" in page


def test_a_running_server_queues_packs_for_the_worker_by_default():
    environment = {key: value for key, value in os.environ.items() if key != "TASK_BACKEND"}
    backend = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings;"
                               " print(settings.TASKS['default']['BACKEND'])"],
        env={**environment, "DJANGO_SETTINGS_MODULE": "trust_portal.settings"},
        capture_output=True, text=True, check=True).stdout.strip()
    assert backend == "django_tasks_db.DatabaseBackend"


def test_scripts_can_publish_a_pack_and_wait_for_it(world, settings):
    settings.TASKS = DATABASE_BACKEND
    pack = request_publication(world.meeting, user=world.users["administrator"],
                               reason="From a script", background=False)
    pack.refresh_from_db()
    assert pack.status == Pack.Status.PUBLISHED and pack.documents.count() == 2


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Gave up waiting for {what}")
        time.sleep(0.05)


def worker(settings, tmp_path, *arguments):
    database = connection.settings_dict
    environment = {**os.environ, "TASK_BACKEND": "database",
                   "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:"
                                   f"{database['PORT']}/{database['NAME']}",
                   "DATA_DIR": str(tmp_path)}
    return subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-startup-delay",
                             "--no-reload", "--interval", "0.2", *arguments],
                            cwd=settings.BASE_DIR, env=environment,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.skipif(not ON_POSTGRES, reason="kills a real db_worker, which needs a database "
                    "server shared between processes: run with DATABASE_URL=postgres://...")
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_render_leaves_a_failed_pack_and_publishing_works_again(
        world, login, settings, tmp_path):
    settings.TASKS = DATABASE_BACKEND
    add_agenda_items(world, 12)  # enough pages to be caught rendering
    admin = world.users["administrator"]
    pack = request_publication(world.meeting, user=admin, reason="Papers added")
    process = worker(settings, tmp_path)
    try:
        wait_for(lambda: Pack.objects.get(pk=pack.pk).status == Pack.Status.RENDERING, 40,
                 "the worker to start rendering")
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        process.kill()
    pack.refresh_from_db()
    assert pack.status == Pack.Status.RENDERING  # as the killed worker left it
    with pytest.raises(PublicationRefused):  # within the wait, it may yet be making progress
        request_publication(world.meeting, user=admin, reason="Again")

    settings.PACK_RENDER_STALL_SECONDS = 1
    time.sleep(1.1)
    progress = login(admin).get(url("pack_progress", world, pack.number)).json()
    assert progress["status"] == "failed"
    again = request_publication(world.meeting, user=admin, reason="Again")
    assert again.number == pack.number + 1
    pack.refresh_from_db()
    assert pack.status == Pack.Status.FAILED and not pack.documents.exists()


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite's own locking: PostgreSQL locks the meeting row "
                    "(select_for_update) and never answers 'database is locked'")
@pytest.mark.django_db(transaction=True)
def test_two_publish_clicks_at_once_on_sqlite_publish_once_and_explain_the_other(
        world, settings, tmp_path, monkeypatch):
    settings.TASKS = DATABASE_BACKEND
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(world.users["administrator"])
    # The same database as a file, as the portal runs it, for two real connections at once.
    copy = sqlite3.connect(tmp_path / "portal.sqlite3")
    connection.ensure_connection()
    connection.connection.backup(copy)
    copy.close()
    monkeypatch.setitem(connections.settings, "default", {
        **connections.settings["default"], "NAME": str(tmp_path / "portal.sqlite3")})
    both_read = threading.Barrier(2, timeout=3)
    create = Pack.objects.create

    def create_when_both_have_read(**fields):
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait()  # the second click has read too, unless it must wait its turn
        return create(**fields)

    monkeypatch.setattr(Pack.objects, "create", create_when_both_have_read)
    responses = []

    def click(client):
        try:
            responses.append(client.post(
                reverse("pack_publish", args=[world.north.slug, world.meeting.pk]),
                {"reason": "Figures corrected"}))
        except Exception as error:  # the test client raises what would be a 500
            responses.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click, args=[client]) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(str(getattr(r, "status_code", repr(r))) for r in responses) == ["302", "400"]
    refused = next(r for r in responses if r.status_code == 400)
    assert "This pack is already being published." in refused.content.decode()
    with sqlite3.connect(tmp_path / "portal.sqlite3") as published:
        assert published.execute("select count(*) from boards_pack").fetchone() == (2,)


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite's own locking: PostgreSQL writers wait for row "
                    "locks and never answer 'database is locked'")
@pytest.mark.django_db(transaction=True)
def test_any_two_writing_requests_at_once_on_sqlite_take_turns(world, tmp_path, monkeypatch):
    """What a double-clicked spreadsheet confirmation or any other form does: read, then write,
    in one transaction. The second waits for the first instead of failing."""
    copy = sqlite3.connect(tmp_path / "portal.sqlite3")
    connection.ensure_connection()
    connection.connection.backup(copy)
    copy.close()
    monkeypatch.setitem(connections.settings, "default", {
        **connections.settings["default"], "NAME": str(tmp_path / "portal.sqlite3")})
    both_read, outcomes = threading.Barrier(2, timeout=3), []

    def save_once_read():
        try:
            with transaction.atomic():
                title = Paper.objects.get(pk=world.paper.pk).title
                with contextlib.suppress(threading.BrokenBarrierError):
                    both_read.wait()
                Paper.objects.filter(pk=world.paper.pk).update(title=title + "!")
            outcomes.append("saved")
        except Exception as error:
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save_once_read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcomes == ["saved", "saved"]
    with sqlite3.connect(tmp_path / "portal.sqlite3") as saved:
        assert saved.execute("select title from boards_paper where id = ?",
                             [world.paper.pk]).fetchone() == (world.paper.title + "!!",)


def test_a_database_busy_for_too_long_answers_try_again_not_a_server_error(world, login,
                                                                          monkeypatch):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("trust_portal.boards.views.request_publication", locked)
    response = login(world.users["administrator"]).post(
        reverse("pack_publish", args=[world.north.slug, world.meeting.pk]),
        {"reason": "Figures corrected"})
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "nothing you sent has been saved yet" in response.content.decode()
