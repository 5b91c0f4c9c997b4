"""Error pages speak the portal's language: what happened and where to go, in its layout."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import BadRequest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.views import defaults

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def body(response):
    return CSRF_TOKEN.sub("", response.content.decode())


def test_a_missing_page_looks_the_same_wherever_it_is_missing(world, login):
    client = login(world.users["board_member"])
    no_such_url = client.get(f"/{world.north.slug}/no-such-page/")
    no_such_record = client.get(reverse("milestone_detail", args=[world.north.slug, 999999]))
    no_such_partnership = client.get(reverse("partnership_home", args=[world.south.slug]))
    assert {no_such_url.status_code, no_such_record.status_code,
            no_such_partnership.status_code} == {404}
    assert body(no_such_record) == body(no_such_url) == body(no_such_partnership)
    assert "Page not found" in body(no_such_url)
    assert 'class="govuk-header"' in body(no_such_url)


def test_a_refused_page_says_which_roles_may_use_it(world, login):
    response = login(world.users["board_member"]).get(
        reverse("actuals_entry", args=[world.north.slug, world.period.pk]))
    assert response.status_code == 403
    assert "You cannot use this page" in response.content.decode()
    assert "This page is for performance officers and administrators." in (
        response.content.decode())
    assert reverse("partnership_home", args=[world.north.slug]) in response.content.decode()


def test_a_page_for_administrators_only_says_so(world, login):
    response = login(world.users["performance_officer"]).get(
        reverse("outstanding_actuals", args=[world.north.slug, world.period.pk]))
    assert response.status_code == 403
    assert "This page is for administrators." in response.content.decode()


def test_a_form_sent_without_its_token_says_nothing_was_saved(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["lead_officer"])
    response = client.post(reverse("milestone_update", args=[world.north.slug,
                                                             world.milestone.pk]), {})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert "Nothing you entered has been saved" in response.content.decode()


@pytest.mark.parametrize(("render", "heading"), [
    (lambda request: defaults.bad_request(request, BadRequest()),
     "The portal could not read that request"),
    (lambda request: defaults.server_error(request), "Sorry, there is a problem with the portal"),
])
def test_the_portal_s_own_400_and_500_pages(rf, render, heading):
    request = rf.get("/")
    request.user = AnonymousUser()
    response = render(request)
    assert heading in response.content.decode()
    assert "Go to the portal's home page" in response.content.decode()


def test_the_500_page_needs_nothing_from_the_request():
    assert "Sorry, there is a problem with the portal" in render_to_string("500.html")
