"""The reads behind the partnership's home page, a plan, its people and a milestone's history.

Each reads a fixed number of queries however many plans, priorities or people there are.
"""

from django.db.models import Prefetch

from trust_portal.core.history import describe_changes
from trust_portal.core.models import Person

from .models import Milestone, Outcome, Priority


def plans_with_priorities(partnership):
    """The partnership's plans, each with its outcomes, their priorities and lead officers."""
    return partnership.plans.prefetch_related(
        Prefetch("outcomes", queryset=Outcome.objects.prefetch_related(
            Prefetch("priorities", queryset=Priority.objects.prefetch_related("lead_officers"))
        ))
    )


def priorities_led_by(person):
    """The priorities `person` leads, with their milestone counts; none for no person."""
    if person is None:
        return Priority.objects.none()
    return (Priority.objects.filter(lead_officers=person)
            .select_related("outcome__plan").with_milestone_counts())


def plan_outcomes(plan):
    """The plan's outcomes, each with its priorities, their people and milestone counts."""
    priorities = Priority.objects.filter(outcome__plan=plan).with_people().with_milestone_counts()
    return plan.outcomes.prefetch_related(Prefetch("priorities", queryset=priorities))


def people_of(partnership):
    """The partnership's people with their organisations and the priorities they lead or
    sponsor."""
    priorities = Priority.objects.for_partnership(partnership).select_related("outcome__plan")
    return Person.objects.filter(partnership=partnership).select_related(
        "organisation"
    ).prefetch_related(
        Prefetch("led_priorities", queryset=priorities),
        Prefetch("sponsored_priorities", queryset=priorities),
    )


def milestone_changes(milestone):
    """The milestone's history, newest first, each with the fields it changed."""
    return describe_changes(milestone.history.select_related("history_user"), Milestone,
                            display=_display)


def _display(field_name, value):
    if field_name == "status":
        return Milestone.Status(value).label
    return value
