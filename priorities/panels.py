"""The priorities' panels on the partnership's home page (see PrioritiesConfig.panels)."""

from django.db.models import Count, Q

from .filters import UPCOMING_DAYS
from .models import Milestone, Priority
from .reads import plans_with_priorities, priorities_led_by

MILESTONES_LISTED = 10


def led_priorities(access):
    """The priorities the reader leads, if any."""
    priorities = priorities_led_by(access.person)
    return {"priorities": priorities} if priorities else None


def milestones(access):
    """Overdue milestones and those due soon, counted and the first listed: for a lead officer
    the milestones of the priorities they lead (the list's "mine"), for an administrator the
    partnership's."""
    milestones = Milestone.objects.for_partnership(access.partnership).with_context()
    mine = not access.is_administrator
    if mine:
        if access.person is None or not Priority.objects.filter(
                lead_officers=access.person).exists():
            return {"mine": True, "leads_none": True}
        milestones = milestones.led_by(access.person)
    overdue = milestones.overdue().order_by("due_on")
    upcoming = milestones.due_within(UPCOMING_DAYS).order_by("due_on")
    counts = milestones.aggregate(  # both in one query
        overdue=Count("pk", filter=Q(pk__in=overdue.values("pk"))),
        upcoming=Count("pk", filter=Q(pk__in=upcoming.values("pk"))))
    return {
        "mine": mine, "list_query": "whose=mine&" if mine else "",
        "overdue": overdue[:MILESTONES_LISTED], "overdue_count": counts["overdue"],
        "upcoming": upcoming[:MILESTONES_LISTED], "upcoming_count": counts["upcoming"],
        "upcoming_days": UPCOMING_DAYS,
        "upcoming_caption": f"Due in the next {UPCOMING_DAYS} days",
    }


def plans(access):
    return {"plans": plans_with_priorities(access.partnership)}
