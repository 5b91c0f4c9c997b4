"""Each role's work on the partnership's home page: the panels of their roles, first, and no
one else's; and what each panel shows."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from indicators.models import Actual, Indicator, ReportingPeriod, Target
from indicators.performance import report
from indicators.periods import deadline
from priorities.models import Action, Milestone, Priority
from safeguarding.testing import REVIEW_MARKS
from trust_portal.boards.models import Meeting, Pack
from trust_portal.core.models import Membership, Role

from .conftest import PASSWORD
from .test_natural_order import ORDER, in_page_order

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)

ADMIN = "indicators/panels/entry_progress.html"
TO_PUBLISH = "boards/panels/to_publish.html"
MINE = "indicators/panels/mine.html"
SIGN_OFF = "indicators/panels/sign_off.html"
MILESTONES = "priorities/panels/milestones.html"
LED = "priorities/panels/led.html"
BOARD = "boards/panels/meetings.html"
SUMMARY = "indicators/panels/summary.html"
IN_PROGRESS = "commissioning/panels/in_progress.html"
SAFEGUARDING = "safeguarding/panels/work.html"
PLANS = "priorities/panels/plans.html"


def home(client, world):
    response = client.get(reverse("partnership_home", args=[world.north.slug]))
    assert response.status_code == 200
    return response


def panels_of(client, world):
    return [template for template, _ in home(client, world).context["panels"]]


def text_of(client, world):
    return home(client, world).content.decode()


@pytest.mark.parametrize(("persona", "panels"), [
    # Their own work: not every role's panel, as every page is theirs to use.
    ("administrator", [ADMIN, SIGN_OFF, TO_PUBLISH, MILESTONES, SAFEGUARDING, PLANS]),
    ("performance_officer", [MINE, PLANS]),
    ("performance_manager", [SIGN_OFF, PLANS]),
    ("lead_officer", [MILESTONES, LED, PLANS]),
    ("other_lead_officer", [MILESTONES, PLANS]),
    ("board_member", [BOARD, SUMMARY, PLANS]),
    ("commissioner", [IN_PROGRESS, PLANS]),
    ("safeguarding_lead", [SAFEGUARDING, PLANS]),
])
def test_each_reader_sees_the_panels_of_their_roles_and_no_others(world, login, persona, panels):
    assert panels_of(login(world.users[persona]), world) == panels


# A performance officer's indicators


def responsible(world, *indicators):
    for indicator in indicators:
        indicator.responsible_officers.add(world.officer)


def test_an_officer_sees_each_indicator_they_answer_for_in_each_open_period(world, login):
    missing = Indicator.objects.create(partnership=world.north, code="NI 117", title="NEET")
    responsible(world, world.indicator, missing)
    Indicator.objects.create(partnership=world.north, code="NI 19", title="Not theirs")
    later = ReportingPeriod.objects.create(partnership=world.north, year=2009, quarter=3,
                                           is_open=True, due_on=TODAY + 12 * DAY)
    Actual.objects.create(indicator=missing, period=later, value=7, status="draft")
    page = text_of(login(world.users["performance_officer"]), world)
    assert "Your indicators" in page and "Not theirs" not in page
    q2, q3 = page.index("2009/10 Q2"), page.index("2009/10 Q3")
    assert q3 < q2  # the soonest due first; no due date last
    assert f"Due {later.due_on:%-d %B %Y} (12 days left)" in page
    assert "No due date set" in page[q2:]
    assert "1 signed off, 1 missing" not in page  # in the states' own order
    assert "1 missing, 1 signed off." in page[q2:] and "1 missing, 1 draft." in page[q3:]
    for period in (world.period, later):
        assert reverse("actuals_entry", args=[world.north.slug, period.pk]) in page


def test_overdue_figures_are_shown_in_red(world, login):
    responsible(world, world.indicator)
    world.period.due_on = TODAY - 3 * DAY
    world.period.save()
    Actual.objects.filter(indicator=world.indicator).delete()
    page = text_of(login(world.users["performance_officer"]), world)
    assert '<strong class="govuk-tag govuk-tag--red">3 days overdue</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--red">Missing</strong>' in page


def test_every_status_an_actual_can_have_is_shown_by_its_own_name(world, login):
    for n, (status, _) in enumerate(Actual.Status.choices):
        indicator = Indicator.objects.create(partnership=world.north, code=f"LOCAL {n}",
                                             title=f"Local {n}")
        responsible(world, indicator)
        Actual.objects.create(indicator=indicator, period=world.period, value=n, status=status)
    page = text_of(login(world.users["performance_officer"]), world)
    for _, label in Actual.Status.choices:
        assert f">{label}</strong>" in page and f"1 {label.lower()}" in page


def test_an_officer_answering_for_no_indicator_is_told_so(world, login):
    page = text_of(login(world.users["performance_officer"]), world)
    assert "No indicator names you as its responsible officer yet" in page
    assert reverse("actuals_entry", args=[world.north.slug, world.period.pk]) in page


def test_with_no_period_open_an_officer_is_told_so(world, login):
    responsible(world, world.indicator)
    ReportingPeriod.objects.update(is_open=False)
    assert "No period is open for entry." in text_of(login(world.users["performance_officer"]),
                                                     world)


def test_an_officers_indicators_are_listed_in_natural_order(world, login):
    for code in ORDER:
        if code != world.indicator.code:
            Indicator.objects.create(partnership=world.north, code=code, title=code)
    responsible(world, *Indicator.objects.filter(partnership=world.north))
    assert in_page_order(text_of(login(world.users["performance_officer"]), world)) == ORDER


@pytest.mark.parametrize(("days", "words", "overdue"), [
    (12, "12 days left", False), (1, "1 day left", False), (0, "Due today", False),
    (-1, "1 day overdue", True), (-30, "30 days overdue", True), (None, "No due date set", False),
])
def test_a_deadline_in_words(days, words, overdue):
    due = None if days is None else TODAY + days * DAY
    found = deadline(due, TODAY)
    assert (found.words, found.is_overdue, found.days_left) == (words, overdue, days)


# Administrators


def test_administrators_see_how_complete_each_open_period_is_and_who_has_not_submitted(
        world, login):
    owed = Indicator.objects.create(partnership=world.north, code="NI 117", title="NEET")
    responsible(world, owed)
    Indicator.objects.create(partnership=world.north, code="NI 19", title="Unowned")
    world.period.due_on = TODAY - DAY
    world.period.save()
    page = text_of(login(world.users["administrator"]), world)
    assert "2009/10 Q2: 1 of 3 indicators submitted" in page
    assert "1 day overdue" in page
    officer = page.index("Perry Performance")
    assert page.index("No responsible officer") > officer
    assert reverse("outstanding_actuals", args=[world.north.slug, world.period.pk]) in page


def test_a_draft_is_not_counted_as_submitted(world, login):
    Actual.objects.filter(indicator=world.indicator).update(status="draft")
    assert "0 of 1 indicator submitted" in text_of(login(world.users["administrator"]), world)


def test_administrators_are_told_when_no_period_is_open(world, login):
    ReportingPeriod.objects.update(is_open=False)
    page = text_of(login(world.users["administrator"]), world)
    assert "No period is open for entry." in page
    assert reverse("admin:indicators_reportingperiod_changelist") in page


def test_administrators_are_offered_to_assign_the_indicators_no_officer_answers_for(world,
                                                                                   login):
    client = login(world.users["administrator"])
    page = text_of(client, world)
    assert "1 indicator has no responsible officer" in page
    assert reverse("admin:indicators_indicator_change", args=[world.indicator.pk]) in page
    responsible(world, world.indicator)
    assert "no responsible officer" not in text_of(client, world)


def test_administrators_see_the_packs_waiting_to_publish(world, login):
    client = login(world.users["administrator"])
    assert "No pack is waiting to publish." in text_of(client, world)
    coming = Meeting.objects.create(partnership=world.north, date=TODAY + 20 * DAY)
    failed = Pack.objects.create(meeting=world.meeting, number=2, status=Pack.Status.FAILED)
    page = text_of(client, world)
    assert coming.get_absolute_url() in page and "pack not published yet" in page
    assert "version 2</a> <strong class=\"govuk-tag govuk-tag--red\">Failed</strong>" in page
    Pack.objects.create(meeting=world.meeting, number=3, status=Pack.Status.PUBLISHED,
                        published_at=timezone.now())
    Pack.objects.create(meeting=coming, number=1, status=Pack.Status.QUEUED)
    page = text_of(client, world)
    assert "version 2" not in page  # published again since it failed
    assert "Waiting to render" in page and "pack not published yet" not in page
    assert failed.pk


# Lead officers


def add_milestone(world, priority=None, days=-5, lead=None):
    """A milestone due `days` from today in a new action of `priority` (a new one, led by
    `lead`, if not given)."""
    if priority is None:
        priority = Priority.objects.create(outcome=world.priority.outcome, reference="9",
                                           title="Another priority", order=9)
        if lead:
            priority.lead_officers.set([lead])
    action = Action.objects.create(priority=priority, number="9", description="Another action")
    return Milestone.objects.create(action=action, description=f"Milestone of {priority}",
                                    due_on=TODAY + days * DAY)


def test_a_lead_officer_sees_the_milestones_of_the_priorities_they_lead(world, login):
    theirs = add_milestone(world, world.priority, days=10)
    others = add_milestone(world, days=-5)
    page = text_of(login(world.users["lead_officer"]), world)
    assert "Your milestones" in page
    assert world.milestone.description in page and theirs.description in page
    assert others.description not in page
    assert "?whose=mine&amp;when=overdue" in page


def test_administrators_see_every_milestone(world, login):
    others = add_milestone(world, days=-5)
    page = text_of(login(world.users["administrator"]), world)
    assert world.milestone.description in page and others.description in page
    assert "whose=mine" not in page


def test_a_lead_officer_leading_no_priority_is_told_so(world, login):
    page = text_of(login(world.users["other_lead_officer"]), world)
    assert "No priority names you as a lead officer" in page
    assert world.milestone.description not in page


def test_the_milestone_list_filters_to_the_readers_own(world, login):
    others = add_milestone(world, days=-5)
    url = reverse("milestone_list", args=[world.north.slug])
    mine = login(world.users["lead_officer"]).get(url, {"whose": "mine"}).context["table"].data
    assert [m.pk for m in mine] == [world.milestone.pk]
    everyone = login(world.users["lead_officer"]).get(url).context["table"].data
    assert {m.pk for m in everyone} == {world.milestone.pk, others.pk}
    none = login(world.users["board_member"]).get(url, {"whose": "mine"}).context["table"].data
    assert list(none) == []


# Board members


def sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_board_members_see_the_next_meeting_and_its_pack(world, login):
    client = login(world.users["board_member"])
    page = text_of(client, world)
    assert "No further meeting is arranged yet" in page  # the world's meeting was in 2009
    pack_url = reverse("pack_detail", args=[world.north.slug, world.meeting.pk, 1])
    assert "Last meeting" in page and pack_url in page
    coming = Meeting.objects.create(partnership=world.north, date=TODAY + 14 * DAY,
                                    start_time=datetime.time(14), venue="Wallasey Town Hall")
    page = text_of(client, world)
    assert "Next meeting" in page and "Wallasey Town Hall" in page
    assert coming.get_absolute_url() in page and "Not published yet" in page


def test_board_members_see_the_packs_published_since_they_last_signed_in(world, client):
    member = world.users["board_member"]
    User.objects.filter(pk=member.pk).update(last_login=timezone.now() - 10 * DAY)
    world.pack.published_at = timezone.now() - 20 * DAY
    world.pack.save()
    newer = Pack.objects.create(meeting=world.meeting, number=2, reason="Figures corrected",
                                status=Pack.Status.PUBLISHED,
                                published_at=timezone.now() - 5 * DAY)
    page = text_of(sign_in(client, member), world)
    assert "Packs published since you last signed in" in page
    assert "version 2</a>" in page and "Figures corrected" in page
    assert "version 1</a>" not in page
    # Signed in again, nothing is new since.
    client.logout()
    page = text_of(sign_in(client, member), world)
    assert "No pack has been published since you last signed in." in page
    assert newer.pk


def test_on_a_first_sign_in_the_latest_packs_are_listed(world, client):
    page = text_of(sign_in(client, world.users["board_member"]), world)
    assert "Packs published</h3>" in page
    assert reverse("pack_detail", args=[world.north.slug, world.meeting.pk, 1]) in page


def test_performance_managers_are_led_to_the_figures_waiting_for_their_sign_off(world, login):
    manager = login(world.users["performance_manager"])
    assert "No figures are waiting for sign-off" in text_of(manager, world)
    Actual.objects.filter(indicator=world.indicator, period=world.period).update(
        status=Actual.Status.SUBMITTED)
    page = text_of(manager, world)
    assert "2009/10 Q2: 1 figure waiting for sign-off" in page
    assert reverse("sign_off_period", args=[world.north.slug, world.period.pk]) in page


def test_a_returned_figure_is_shown_to_its_officer_with_the_reason(world, login):
    world.indicator.responsible_officers.add(world.officer)
    world.period.is_open = True
    world.period.save()
    Actual.objects.filter(indicator=world.indicator, period=world.period).update(
        status=Actual.Status.RETURNED, return_reason="Check against the SSDA903 return")
    page = text_of(login(world.users["performance_officer"]), world)
    assert "Returned" in page
    assert "Check against the SSDA903 return" in page


def test_board_members_read_the_latest_summary_of_submitted_figures(world, login):
    draft = Indicator.objects.create(partnership=world.north, code="NI 19", title="Draft only")
    Target.objects.create(indicator=draft, period=world.period, value=50)
    Actual.objects.create(indicator=draft, period=world.period, value=1, status="draft")
    response = home(login(world.users["board_member"]), world)
    panel = dict(response.context["panels"])[SUMMARY]
    summary = report(world.period)["rating_summary"]  # as the board's report reads it
    assert panel["summary"] == summary
    assert {row["outcome"]: row["count"] for row in summary["rows"]}["red"] == 0  # the draft
    page = response.content.decode()
    assert "2009/10 Q2: performance against target" in page
    assert reverse("performance_report_period", args=[world.north.slug, world.period.pk]) in page


def test_with_no_figures_the_board_is_told_so(world, login):
    Actual.objects.all().delete()
    assert "No quarter's figures have been submitted yet." in text_of(
        login(world.users["board_member"]), world)


# Commissioners and safeguarding leads


def test_commissioners_see_the_commissions_in_progress_by_stage(world, login):
    page = text_of(login(world.users["commissioner"]), world)
    assert "Commissions in progress" in page and world.commission.name in page
    assert world.awarded_commission.name not in page  # live: no longer in progress
    assert f"?stage={world.commission.stage}" in page


def test_inside_the_wall_the_safeguarding_lead_sees_overdue_review_actions_and_requests(
        world, login):
    page = text_of(login(world.users["safeguarding_lead"]), world)
    assert world.review.reference in page and "1 action overdue" in page
    assert world.data_request.title in page
    assert world.sent_back_request.title not in page  # sent back: not awaiting a decision


@pytest.mark.parametrize("persona", ["performance_officer", "lead_officer", "board_member",
                                     "commissioner", "other_lead_officer"])
def test_outside_the_wall_the_home_page_shows_no_review(world, login, persona):
    page = text_of(login(world.users[persona]), world)
    assert not [mark for mark in REVIEW_MARKS if mark in page]


def test_a_reader_with_several_roles_sees_each_roles_work(world, login):
    Membership.objects.create(user=world.users["board_member"], partnership=world.north,
                              role=Role.COMMISSIONER)
    assert panels_of(login(world.users["board_member"]), world) == [
        BOARD, SUMMARY, IN_PROGRESS, PLANS]
