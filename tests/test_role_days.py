"""Each role signs in and does its main job from "my work" on the home page alone, following
only the links and buttons it finds there, in a real browser."""

import re
from decimal import Decimal

import pytest

from indicators.models import Actual
from priorities.models import Milestone

from .test_browser import sign_in_with_keyboard

pytestmark = pytest.mark.browser


def signed_in(page, live_server, persona):
    sign_in_with_keyboard(page, live_server.url, persona)
    return page


def follow(page, role, name):
    """Click the one link or button named `name`, and wait for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role(role, name=name).click()


def test_a_performance_officer_enters_their_figures_from_their_work(world, live_server,
                                                                   browser_page):
    world.indicator.responsible_officers.add(world.officer)
    Actual.objects.filter(indicator=world.indicator).delete()
    page = signed_in(browser_page, live_server, "performance_officer")
    follow(page, "link", "Enter your 2009/10 Q2 figures")
    page.fill(f"#id_i{world.indicator.pk}-value", "4.8")  # target 5, lower is better: green
    follow(page, "button", re.compile("^Submit"))
    assert "1 actual submitted" in page.content()
    actual = Actual.objects.get(indicator=world.indicator, period=world.period)
    assert (actual.value, actual.status) == (Decimal("4.8"), Actual.Status.SUBMITTED)


def test_a_performance_manager_signs_off_what_waits_for_them(world, live_server, browser_page):
    Actual.objects.filter(indicator=world.indicator).update(status=Actual.Status.SUBMITTED)
    page = signed_in(browser_page, live_server, "performance_manager")
    follow(page, "link", "2009/10 Q2: 1 figure waiting for sign-off")
    follow(page, "button", "Sign off NI 43")
    assert "1 figure signed off" in page.content()
    assert Actual.objects.get(indicator=world.indicator,
                              period=world.period).status == Actual.Status.SIGNED_OFF


def test_a_lead_officer_updates_an_overdue_milestone_from_their_work(world, live_server,
                                                                    browser_page):
    page = signed_in(browser_page, live_server, "lead_officer")
    follow(page, "link", "Strategy approved")
    follow(page, "link", re.compile("^Update"))
    page.get_by_label("On track").check()
    follow(page, "button", re.compile("^Save"))
    assert "Milestone updated" in page.content()
    assert Milestone.objects.get(pk=world.milestone.pk).status == Milestone.Status.ON_TRACK


def test_a_board_member_reads_the_pack_from_their_work(world, live_server, browser_page):
    page = signed_in(browser_page, live_server, "board_member")
    follow(page, "link", "Read the pack")
    assert page.url.endswith(f"/meetings/{world.meeting.pk}/packs/{world.pack.number}/")
    assert page.get_by_role("heading", level=1).count() == 1


def test_an_administrator_finds_who_has_not_submitted_from_their_work(world, live_server,
                                                                      browser_page):
    Actual.objects.filter(indicator=world.indicator).delete()
    world.indicator.responsible_officers.add(world.officer)
    page = signed_in(browser_page, live_server, "administrator")
    follow(page, "link", "See which 2009/10 Q2 figures are outstanding")
    assert "Perry Performance" in page.content()
    assert "NI 43" in page.content()


def test_a_safeguarding_lead_opens_a_review_with_an_overdue_action(world, live_server,
                                                                  browser_page):
    page = signed_in(browser_page, live_server, "safeguarding_lead")
    follow(page, "link", "QXJ-7")
    assert "The wombat action" in page.content()


def test_a_commissioner_opens_the_commissions_at_a_stage(world, live_server, browser_page):
    page = signed_in(browser_page, live_server, "commissioner")
    stage = world.commission.get_stage_display()
    follow(page, "link", re.compile(f"^{re.escape(stage)}"))
    assert world.commission.name in page.content()
