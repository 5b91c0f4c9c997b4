"""Sign-in throttling, the client address behind a proxy, and the security log."""

import pytest
from django.urls import reverse

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
