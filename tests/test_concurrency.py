"""Two people saving the same record at the same moment, each over their own connection.

One editor's save is held open inside its transaction while the other posts the page they
read before it: the second must wait for the first, then be told, and lose nothing. These run
on PostgreSQL, where saves really do overlap; SQLite takes one writer at a time.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction
from django.test import Client

from indicators.models import Actual, Indicator, ReportingPeriod, Target
from indicators.services import ActualEntry, TargetEntry, record_actuals, set_targets
from priorities.models import Milestone
from priorities.services import update_milestone

from .forms import entry_line, milestone_form, target_cell
from .test_actuals_entry import entry_url
from .test_milestones import update_url
from .test_targets_entry import blank_profile, profile_url, targets_url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="needs PostgreSQL: set DATABASE_URL"),
]


def own_connection(work):
    """Run `work` in a thread of its own, which Django gives its own database connection."""
    def run():
        try:
            return work()
        finally:
            connections.close_all()
    return run


@contextmanager
def first_save_held_open(save):
    """Make the first editor's save in another connection and keep its transaction open,
    holding its row locks, until the block ends; then commit it."""
    saved, release = threading.Event(), threading.Event()

    def hold():
        with transaction.atomic():
            save()
            saved.set()
            release.wait(timeout=30)

    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(own_connection(hold))
        assert saved.wait(timeout=30), first.exception(timeout=1)
        try:
            yield pool
        finally:
            release.set()
            first.result(timeout=30)


def post_from_another_connection(pool, user, url, data):
    """Post as `user`; returns the pending response, which the caller collects."""
    def post():
        client = Client()
        client.force_login(user)
        return client.post(url, data)
    return pool.submit(own_connection(post))


def still_waiting(pending):
    """Whether the second save is still blocked, half a second on, behind the first's lock."""
    try:
        pending.result(timeout=0.5)
    except TimeoutError:
        return True
    return False


def test_second_officer_saving_an_actual_at_the_same_moment_is_told(world):
    officer, administrator = world.users["performance_officer"], world.users["administrator"]
    first_entry = ActualEntry(indicator=world.indicator, expected_version=1,
                              value=Decimal("4.9"), context="Fewer remands this quarter")
    second_data = {"action": "draft", **entry_line(world.indicator, 1, value="6.1",
                                             context="Second officer's context")}

    with first_save_held_open(lambda: record_actuals(
            period=world.period, entries=[first_entry], user=officer, submit=False)) as pool:
        second = post_from_another_connection(pool, administrator, entry_url(world),
                                              second_data)
        assert still_waiting(second)
    response = second.result(timeout=30)

    assert response.status_code == 409
    assert "Second officer&#x27;s context" in response.content.decode()  # kept in the form
    actual = Actual.objects.get(indicator=world.indicator, period=world.period)
    assert (actual.value, actual.context, actual.version) == (
        Decimal("4.9"), "Fewer remands this quarter", 2)
    assert [record.history_user for record in actual.history.all()] == [officer, None]


def test_two_officers_entering_the_first_actual_at_the_same_moment(world):
    """Neither has seen an actual yet, so there is no row to lock: the second is still told."""
    officer, administrator = world.users["performance_officer"], world.users["administrator"]
    indicator = Indicator.objects.create(partnership=world.north, code="NI 111",
                                         title="First time entrants to the youth justice system")
    Target.objects.create(indicator=indicator, period=world.period, value=400)
    first_entry = ActualEntry(indicator=indicator, expected_version=0, value=Decimal("380"))
    url = entry_url(world, all=True)
    second_data = {"action": "draft",
                   **entry_line(world.indicator, 1, value="5.3", data_quality="P"),
                   **entry_line(indicator, 0, value="390")}

    with first_save_held_open(lambda: record_actuals(
            period=world.period, entries=[first_entry], user=officer, submit=False)) as pool:
        second = post_from_another_connection(pool, administrator, url, second_data)
        assert still_waiting(second)
    response = second.result(timeout=30)

    assert response.status_code == 409
    assert "Someone else saved some of these figures" in response.content.decode()
    assert Actual.objects.get(indicator=indicator).value == Decimal("380")


def test_a_raced_first_actual_keeps_the_officers_other_changes_in_the_form(world):
    officer, administrator = world.users["performance_officer"], world.users["administrator"]
    indicator = Indicator.objects.create(partnership=world.north, code="NI 111",
                                         title="First time entrants to the youth justice system")
    first_entry = ActualEntry(indicator=indicator, expected_version=0, value=Decimal("380"))
    second_data = {"action": "draft",
                   **entry_line(world.indicator, 1, value="4.4", data_quality="P",
                                context="Fewer remands"),
                   **entry_line(indicator, 0, value="390")}

    with first_save_held_open(lambda: record_actuals(
            period=world.period, entries=[first_entry], user=officer, submit=False)) as pool:
        second = post_from_another_connection(pool, administrator, entry_url(world, all=True),
                                              second_data)
        assert still_waiting(second)
    response = second.result(timeout=30)

    assert response.status_code == 409
    assert "Fewer remands" in response.content.decode()  # their other line is still typed
    assert Actual.objects.get(indicator=world.indicator).value == Decimal("5.3")


def test_second_editor_setting_a_target_at_the_same_moment_is_told(world):
    officer, administrator = world.users["performance_officer"], world.users["administrator"]
    first_entry = TargetEntry(indicator=world.indicator, period=world.period,
                              value=Decimal("4.8"), expected_version=1)

    with first_save_held_open(lambda: set_targets(entries=[first_entry], user=officer)) as pool:
        second = post_from_another_connection(pool, administrator, targets_url(world),
                                              target_cell(world.indicator, "q2", 1, "4.2"))
        assert still_waiting(second)
    response = second.result(timeout=30)

    assert response.status_code == 409
    assert 'spellcheck="false" value="4.2"' in response.content.decode()  # kept in the form
    target = Target.objects.get(indicator=world.indicator, period=world.period)
    assert (target.value, target.version) == (Decimal("4.8"), 2)


def test_two_editors_setting_the_first_target_of_a_new_quarter_at_the_same_moment(world):
    """Neither has the quarter yet: the first creates it, and the second is told, not failed."""
    officer, administrator = world.users["performance_officer"], world.users["administrator"]
    new_quarter = ReportingPeriod(partnership=world.north, year=2009, quarter=3)
    first_entry = TargetEntry(indicator=world.indicator, period=new_quarter,
                              value=Decimal("4.5"), expected_version=0)
    second_data = {**blank_profile(world.indicator, "q1", "q4", "year"),
                   **target_cell(world.indicator, "q2", 1, "5"),
                   **target_cell(world.indicator, "q3", 0, "4.4")}

    with first_save_held_open(lambda: set_targets(entries=[first_entry], user=officer)) as pool:
        second = post_from_another_connection(pool, administrator, profile_url(world),
                                              second_data)
        assert still_waiting(second)
    response = second.result(timeout=30)

    assert response.status_code == 409
    assert 'spellcheck="false" value="4.4"' in response.content.decode()
    assert Target.objects.get(indicator=world.indicator, period__quarter=3).value == \
        Decimal("4.5")


def test_second_editor_updating_a_milestone_at_the_same_moment_is_told(world):
    administrator, lead = world.users["administrator"], world.users["lead_officer"]

    with first_save_held_open(lambda: update_milestone(
            milestone=Milestone.objects.get(pk=world.milestone.pk), expected_version=1,
            user=administrator, status="at_risk", progress_note="Funding not yet agreed",
            due_on=None, completed_on=None)) as pool:
        second = post_from_another_connection(pool, lead, update_url(world), milestone_form(
            1, progress_note="Consultation closes in June"))
        assert still_waiting(second)
    response = second.result(timeout=30)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else updated this milestone" in page
    assert "Consultation closes in June" in page  # the lead officer's words are still there
    milestone = Milestone.objects.get(pk=world.milestone.pk)
    assert (milestone.status, milestone.progress_note, milestone.version) == (
        "at_risk", "Funding not yet agreed", 2)
