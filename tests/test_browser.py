"""Officers do their jobs in a real browser with the keyboard alone: Tab, typing, Enter."""

from decimal import Decimal

import pytest

from indicators.models import Actual
from priorities.models import Milestone

from .conftest import PASSWORD

pytestmark = pytest.mark.browser


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with Tab")


def sign_in_with_keyboard(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    tab_to(page, "#id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/north/")


def test_lead_officer_updates_a_milestone_with_the_keyboard(world, live_server, browser_page):
    page = browser_page
    sign_in_with_keyboard(page, live_server.url, "lead_officer")
    assert "Priorities you lead" in page.content()

    page.goto(f"{live_server.url}/north/milestones/{world.milestone.pk}/update/")
    tab_to(page, "input[name=status]")
    page.keyboard.press("ArrowDown")  # radios: arrows move the choice, as in any form
    page.keyboard.press("Tab")
    page.keyboard.type("Draft strategy out to consultation")
    tab_to(page, "input[name=save]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/north/milestones/{world.milestone.pk}/")
    assert "Milestone updated" in page.content()

    milestone = Milestone.objects.get(pk=world.milestone.pk)
    assert milestone.status == Milestone.Status.ON_TRACK
    assert milestone.progress_note == "Draft strategy out to consultation"


def test_performance_officer_enters_a_quarter_with_the_keyboard(world, live_server, browser_page):
    """A red figure is refused without its context; the error summary takes the officer there."""
    page = browser_page
    indicator = world.indicator
    sign_in_with_keyboard(page, live_server.url, "performance_officer")
    entry = f"{live_server.url}/north/performance/{world.period.pk}/entry/"
    page.goto(entry)

    tab_to(page, f"#id_i{indicator.pk}-value")
    page.keyboard.press("Control+A")
    page.keyboard.type("7")  # target 5, lower is better: red
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowUp")  # data key from P (provisional) up to A (actual)
    page.keyboard.press("ArrowUp")
    tab_to(page, "button[value=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "There is a problem" in page.content()
    assert Actual.objects.get(indicator=indicator, period=world.period).value == Decimal("5.3")

    # The error summary has focus; its link moves focus to the field that needs an answer.
    tab_to(page, ".govuk-error-summary a")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == f"id_i{indicator.pk}-context"
    page.keyboard.type("Two remands in custody after a serious incident in August.")
    page.keyboard.press("Tab")
    page.keyboard.type("Bail support places commissioned from October.")
    tab_to(page, "button[value=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "1 actual submitted" in page.content()

    actual = Actual.objects.get(indicator=indicator, period=world.period)
    assert (actual.value, actual.data_quality, actual.status) == (7, "A", Actual.Status.SUBMITTED)
    assert actual.context.startswith("Two remands in custody")
    assert actual.corrective_action == "Bail support places commissioned from October."
