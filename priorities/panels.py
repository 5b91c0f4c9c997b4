"""The priorities' panels on the partnership's home page (see PrioritiesConfig.panels)."""

from .filters import UPCOMING_DAYS
from .models import Milestone
from .reads import plans_with_priorities, priorities_led_by

MILESTONES_LISTED = 10


def led_priorities(access):
    """The priorities the reader leads, if any."""
    priorities = priorities_led_by(access.person)
    return {"priorities": priorities} if priorities else None


def milestones(access):
    """The partnership's overdue milestones and those due soon, counted and the first listed."""
    milestones = Milestone.objects.for_partnership(access.partnership).with_context()
    overdue = milestones.overdue().order_by("due_on")
    upcoming = milestones.due_within(UPCOMING_DAYS).order_by("due_on")
    return {
        "overdue": overdue[:MILESTONES_LISTED], "overdue_count": overdue.count(),
        "upcoming": upcoming[:MILESTONES_LISTED], "upcoming_count": upcoming.count(),
        "upcoming_days": UPCOMING_DAYS,
        "upcoming_caption": f"Due in the next {UPCOMING_DAYS} days",
    }


def plans(access):
    return {"plans": plans_with_priorities(access.partnership)}
