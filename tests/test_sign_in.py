"""Sign-in throttling, the client address behind a proxy, the security log, and the end of
idle sessions."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from trust_portal.core.security import IdleSessionMiddleware

from .conftest import PASSWORD

LOGIN = reverse("login")


def sign_in(client, username, password, **headers):
    return client.post(LOGIN, {"username": username, "password": password}, **headers)


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def test_repeated_failures_pause_signing_in_even_with_the_right_password(world, client, limit):
    for _ in range(limit - 1):
        assert sign_in(client, "board_member", "wrong").status_code == 200
    locked = sign_in(client, "board_member", "wrong")
    assert locked.status_code == 429
    assert "Too many attempts to sign in" in locked.content.decode()
    assert sign_in(client, "board_member", PASSWORD).status_code == 429


def test_a_lockout_is_for_that_username_only(world, client, limit):
    for _ in range(limit):
        sign_in(client, "board_member", "wrong")
    assert sign_in(client, "lead_officer", PASSWORD).status_code == 302


def test_behind_a_proxy_the_forwarded_client_is_locked_out_not_everyone(world, client, limit,
                                                                        settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    attacker = {"HTTP_X_FORWARDED_FOR": "203.0.113.9, 10.0.0.2", "REMOTE_ADDR": "10.0.0.2"}
    colleague = {"HTTP_X_FORWARDED_FOR": "198.51.100.7, 10.0.0.2", "REMOTE_ADDR": "10.0.0.2"}
    for _ in range(limit):
        sign_in(client, "board_member", "wrong", **attacker)
    assert sign_in(client, "board_member", PASSWORD, **attacker).status_code == 429
    assert sign_in(client, "board_member", PASSWORD, **colleague).status_code == 302


def test_a_forged_forwarded_header_does_not_escape_the_lockout_without_a_proxy(world, client,
                                                                              limit):
    for attempt in range(limit):
        sign_in(client, "board_member", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
    assert sign_in(client, "board_member", PASSWORD,
                   HTTP_X_FORWARDED_FOR="192.0.2.200").status_code == 429


def test_failed_sign_ins_and_refusals_are_logged(world, client, login, caplog):
    with caplog.at_level("WARNING", logger="trust_portal.security"):
        sign_in(client, "board_member", "wrong")
        member = login(world.users["board_member"])
        member.get(reverse("actuals_entry", args=[world.north.slug, world.period.pk]))
        login(world.users["outsider"]).get(reverse("partnership_home", args=[world.north.slug]))
    messages = [record.getMessage() for record in caplog.records]
    assert "Failed sign-in for 'board_member' from 127.0.0.1" in messages
    assert any("Refused GET" in m and "to board_member" in m and "forbidden" in m
               for m in messages)
    assert any("to outsider" in m and "not a member of north" in m for m in messages)


def test_a_session_left_idle_past_its_expiry_is_signed_out(world, login):
    client = login(world.users["board_member"])
    home = reverse("partnership_home", args=[world.north.slug])
    assert client.get(home).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_using_the_portal_pushes_the_expiry_back(world, login):
    client = login(world.users["board_member"])
    session = client.session
    session[IdleSessionMiddleware.RENEWED] = int(time.time()) - 25 * 60
    session.save()
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=5))  # idle 25 min
    client.get(reverse("partnership_home", args=[world.north.slug]))
    renewed = Session.objects.get().expire_date
    assert renewed > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_pages_read_within_a_minute_do_not_write_the_session(world, login):
    client = login(world.users["board_member"])
    home = reverse("partnership_home", args=[world.north.slug])
    client.get(home)
    with CaptureQueriesContext(connection) as captured:
        for _ in range(3):
            assert client.get(home).status_code == 200
    writes = [q["sql"] for q in captured if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert not writes
