"""The papers the portal writes for the pack from live data: what each presents, and that
papers presenting the same figures read them once."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Actual, Indicator, Target
from priorities.models import Action, Milestone, Plan
from trust_portal.boards.pack import Audience, pack_entries
from trust_portal.boards.publication import request_publication
from trust_portal.boards.testing import add_paper


def body_of(world, paper):
    entries = pack_entries(world.meeting, Audience.MEMBERS)
    entry = next(entry for entry in entries if entry.paper == paper)
    assert not entry.problem, entry.problem
    return " ".join(re.sub(r"<[^>]+>", " ", entry.body).split())


@pytest.fixture
def laa_indicator(world):
    indicator = Indicator.objects.create(partnership=world.north, code="NI 112", is_laa=True,
                                         title="Under 18 conception rate")
    Target.objects.create(indicator=indicator, period=world.period, value=40)
    Actual.objects.create(indicator=indicator, period=world.period, value=39)
    return indicator


def test_the_laa_report_presents_only_the_local_area_agreement_indicators(world, laa_indicator):
    performance = add_paper(world, "indicators.performance", world.period.pk).paper
    laa = add_paper(world, "indicators.laa", world.period.pk).paper
    performance_text = body_of(world, performance)
    assert "NI 43" in performance_text and "NI 112" in performance_text
    laa_text = body_of(world, laa)
    assert "NI 112" in laa_text
    assert "NI 43" not in laa_text
    assert "Total 1 100.00%" in laa_text  # its summaries count its own indicators only


def test_two_reports_of_one_period_in_a_pack_read_the_figures_once(world, laa_indicator):
    add_paper(world, "indicators.performance", world.period.pk)
    with CaptureQueriesContext(connection) as one_report:
        pack_entries(world.meeting, Audience.MEMBERS)
    add_paper(world, "indicators.laa", world.period.pk)
    with CaptureQueriesContext(connection) as two_reports:
        pack_entries(world.meeting, Audience.MEMBERS)
    assert len(two_reports) == len(one_report)


@pytest.mark.parametrize("kinds", [("indicators.performance", "safeguarding.update"),
                                   ("safeguarding.update", "indicators.performance")])
def test_an_lscb_update_and_a_report_of_one_year_read_the_figures_once(world, kinds):
    sources = {"indicators.performance": world.period.pk,
               "safeguarding.update": world.safeguarding_update.pk}
    for kind in kinds:
        add_paper(world, kind, sources[kind])
    with CaptureQueriesContext(connection) as packing:
        entries = pack_entries(world.meeting, Audience.MEMBERS)
    assert not [entry.problem for entry in entries if entry.problem]
    for table in ("indicators_reportingperiod", "indicators_indicator", "indicators_target",
                  "indicators_actual"):
        assert len([q for q in packing if q["sql"].startswith(f'SELECT "{table}".')]) == 1


def test_publishing_reads_the_figures_once_for_both_audiences(world, laa_indicator):
    add_paper(world, "indicators.performance", world.period.pk)
    add_paper(world, "indicators.laa", world.period.pk)
    with CaptureQueriesContext(connection) as publishing:
        request_publication(world.meeting, user=world.users["administrator"],
                            reason="With the figures")
    reads = [q for q in publishing if q["sql"].startswith('SELECT "indicators_actual".')]
    assert len(reads) == 1


def test_the_plan_paper_lists_each_action_once_above_its_milestones(world):
    action = Action.objects.create(priority=world.priority, number="2", order=2,
                                   description="Recruit foster carers")
    for order, description in enumerate(["Campaign launched", "Twenty carers approved"]):
        Milestone.objects.create(action=action, description=description, order=order,
                                 due_on=datetime.date(2012, 3, 31))
    paper = add_paper(world, "priorities.plan", world.plan.pk).paper
    text = body_of(world, paper)
    assert "Lead: Lena Lead" in text
    assert text.count("Recruit foster carers") == 1
    assert (text.index("1. Develop a citywide edge of care strategy")
            < text.index("Strategy approved")
            < text.index("2. Recruit foster carers")
            < text.index("Campaign launched")
            < text.index("Twenty carers approved"))


def test_a_plan_without_outcomes_is_presented_and_a_deleted_one_is_explained(world):
    empty = Plan.objects.create(partnership=world.north, title="Early Help Strategy 2012-14",
                                starts_on=datetime.date(2012, 4, 1),
                                ends_on=datetime.date(2014, 3, 31))
    paper = add_paper(world, "priorities.plan", empty.pk).paper
    assert "Early Help Strategy 2012-14, April 2012 to March 2014." in body_of(world, paper)
    empty.delete()
    entry = next(entry for entry in pack_entries(world.meeting, Audience.MEMBERS)
                 if entry.paper == paper)
    assert entry.problem == "its plan no longer exists."


def test_minutes_whose_attendance_is_cleared_are_explained_not_printed_empty(world):
    paper = add_paper(world, "boards.minutes", world.meeting.pk).paper
    assert "Minutes of the meeting held on" in body_of(world, paper)
    world.meeting.attendance.all().delete()
    entry = next(entry for entry in pack_entries(world.meeting, Audience.MEMBERS)
                 if entry.paper == paper)
    assert entry.problem == ("the meeting whose minutes it presents no longer exists or has "
                             "no minutes.")
