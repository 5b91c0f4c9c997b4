"""The priorities' part of the shared test world (see tests/conftest.py): a plan with one key
priority led by the lead officer, and one action whose milestone is overdue."""

import datetime

from django.utils import timezone

from trust_portal.core.models import Person

from .models import Action, Milestone, Outcome, Plan, Priority


def build(world) -> None:
    world.plan = Plan.objects.create(partnership=world.north, title="North CYPP 2011-15",
                                     starts_on=datetime.date(2011, 4, 1),
                                     ends_on=datetime.date(2015, 3, 31))
    outcome = Outcome.objects.create(plan=world.plan, title="Children are safe from harm",
                                     order=1)
    world.priority = Priority.objects.create(
        outcome=outcome, reference="1", is_key=True,
        title="Help children to live in safe and supportive families",
    )
    world.priority.lead_officers.set([world.lead])
    world.priority.sponsors.set([world.sponsor])
    world.action = Action.objects.create(priority=world.priority, number="1",
                                         description="Develop a citywide edge of care strategy",
                                         owner="Lena Lead")
    world.milestone = Milestone.objects.create(
        action=world.action, description="Strategy approved",
        due_on=timezone.localdate() - datetime.timedelta(days=3))


def add_priorities(world, count: int) -> None:
    """Grow the plan by `count` priorities, each with two actions of three milestones."""
    outcome = world.priority.outcome
    sponsors = list(Person.objects.filter(partnership=world.north))
    today = timezone.localdate()
    start = Priority.objects.filter(outcome=outcome).count()
    for n in range(start, start + count):
        priority = Priority.objects.create(outcome=outcome, reference=f"Z.{n}",
                                           title=f"Extra priority {n}", order=100 + n)
        lead = Person.objects.create(partnership=world.north, name=f"Extra lead {n}")
        priority.lead_officers.set([lead, sponsors[0]])
        priority.sponsors.set(sponsors[1:])
        for a in range(2):
            action = Action.objects.create(priority=priority, number=str(a),
                                           description=f"Action {a}")
            for m in range(3):
                Milestone.objects.create(
                    action=action, description=f"Milestone {m}",
                    due_on=today + datetime.timedelta(days=(m - 1) * 20),
                    status=Milestone.Status.values[m],
                )


def grow(world, count: int) -> None:
    add_priorities(world, count)
