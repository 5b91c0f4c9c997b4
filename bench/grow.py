"""More data for the benchmark: the demo copied over within each partnership, and a
partnership of a given number of indicators."""

import copy
import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models.base import ModelState

from indicators.models import Actual, Indicator, ReportingPeriod, Target
from priorities.models import Priority
from trust_portal.boards.models import Meeting
from trust_portal.core.models import Membership, Partnership, Role


def duplicate(instance, **changes):
    """Save a copy of `instance` as a new row, with `changes` applied."""
    twin = copy.copy(instance)
    twin.pk, twin._state = None, ModelState()
    for field, value in changes.items():
        setattr(twin, field, value)
    twin.save()
    return twin


def _copy_indicators(indicators, n):
    for indicator in indicators:
        twin = duplicate(indicator, code=f"{indicator.code}/{n}")
        twin.priorities.set(indicator.priorities.all())
        twin.responsible_officers.set(indicator.responsible_officers.all())
        for record in [*indicator.targets.all(), *indicator.actuals.all()]:
            duplicate(record, indicator=twin)


def _copy_priorities(priorities, n):
    for priority in priorities:
        twin = duplicate(priority, reference=f"{priority.reference}/{n}")
        twin.lead_officers.set(priority.lead_officers.all())
        twin.sponsors.set(priority.sponsors.all())
        for action in priority.actions.all():
            action_twin = duplicate(action, priority=twin)
            for milestone in action.milestones.all():
                duplicate(milestone, action=action_twin)


def _copy_meetings(meetings, n):
    """Earlier meetings with the same agenda, so the demo's latest meeting stays the latest."""
    for meeting in meetings:
        twin = duplicate(meeting, date=meeting.date - datetime.timedelta(weeks=8 * n))
        items = {}
        for item in meeting.items.all():
            paper = item.paper
            if paper is not None:
                paper = duplicate(paper)
                for appendix in item.paper.appendices.all():
                    duplicate(appendix, paper=paper)
            items[item.pk] = duplicate(item, meeting=twin, paper=paper)
            if hasattr(item, "minute"):
                duplicate(item.minute, item=items[item.pk])
            for action in item.actions.all():
                duplicate(action, raised_at=items[item.pk])
        for attendance in meeting.attendance.all():
            duplicate(attendance, meeting=twin)
        for declaration in meeting.declarations.all():
            duplicate(declaration, meeting=twin,
                      item=items.get(declaration.item_id) if declaration.item_id else None)


@transaction.atomic
def grow(factor):
    """Make every partnership `factor` times as large: its indicators with their figures, its
    priorities with their action plans, and its meetings with their papers and minutes."""
    indicators = list(Indicator.objects.prefetch_related(
        "targets", "actuals", "priorities", "responsible_officers"))
    priorities = list(Priority.objects.prefetch_related(
        "actions__milestones", "lead_officers", "sponsors"))
    meetings = list(Meeting.objects.prefetch_related(
        "items__paper__appendices", "items__minute", "items__actions", "attendance",
        "declarations"))
    for n in range(1, factor):
        _copy_indicators(indicators, n)
        _copy_priorities(priorities, n)
        _copy_meetings(meetings, n)


@transaction.atomic
def partnership_with_indicators(count):
    """A partnership whose open quarter has `count` indicators, each with a target, an amber
    actual and last year's actual; and its performance officer and board member."""
    partnership = Partnership.objects.create(slug=f"bench-{count}",
                                             name=f"Benchmark Trust ({count} indicators)",
                                             board_name="Benchmark Trust Board")
    period = ReportingPeriod.objects.create(partnership=partnership, year=2009, quarter=2,
                                            is_open=True)
    last_year = ReportingPeriod.objects.create(partnership=partnership, year=2008, quarter=2)
    indicators = Indicator.objects.bulk_create(
        Indicator(partnership=partnership, code=f"NI {n}", title=f"National indicator {n}",
                  lower_is_better=n % 2 == 0) for n in range(1, count + 1))
    Target.objects.bulk_create(Target(indicator=indicator, period=period, value=100)
                               for indicator in indicators)
    Actual.objects.bulk_create(
        Actual(indicator=indicator, period=p, value=value, context="Context",
               corrective_action="Action", status=Actual.Status.SIGNED_OFF)
        for indicator in indicators for p, value in [(period, 97), (last_year, 95)])
    users = {}
    for role in [Role.PERFORMANCE_OFFICER, Role.BOARD_MEMBER]:
        users[role] = User.objects.create_user(f"{partnership.slug}-{role}")
        Membership.objects.create(user=users[role], partnership=partnership, role=role)
    return partnership, period, users
