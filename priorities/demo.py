"""The demo's plans of a partnership, from `<slug>.json`: outcomes, priorities, actions and
milestones as the seeds print them."""

from trust_portal.core.models import Partnership
from trust_portal.demo.fixtures import as_date, read_fixture

from .models import Action, Milestone, Outcome, Plan, Priority


def load(partnership: Partnership) -> None:
    people = {person.name: person for person in partnership.people.all()}
    for plan_data in read_fixture(partnership.slug)["plans"]:
        plan = Plan.objects.create(partnership=partnership, title=plan_data["title"],
                                   vision=plan_data["vision"],
                                   starts_on=as_date(plan_data["starts"]),
                                   ends_on=as_date(plan_data["ends"]))
        for outcome_order, outcome_data in enumerate(plan_data["outcomes"], start=1):
            outcome = Outcome.objects.create(plan=plan, title=outcome_data["title"],
                                             order=outcome_order)
            for priority_order, priority_data in enumerate(outcome_data["priorities"], start=1):
                _load_priority(outcome, priority_order, priority_data, people)


def _load_priority(outcome, order, data, people):
    priority = Priority.objects.create(
        outcome=outcome, order=order, reference=data["reference"], title=data["title"],
        description=data["description"], is_key=data["is_key"],
        key_indicators="\n".join(data["key_indicators"]),
    )
    priority.lead_officers.set(people[name] for name in data["lead_officers"])
    priority.sponsors.set(people[name] for name in data["sponsors"])
    for action_order, action_data in enumerate(data["actions"], start=1):
        action = Action.objects.create(
            priority=priority, order=action_order, number=action_data["number"],
            description=action_data["description"], targeting=action_data["targeting"],
            impact=action_data["impact"], owner=action_data["owner"],
            contributors=action_data["contributors"], starts_on=as_date(action_data["starts"]),
            review_on=as_date(action_data["review"]),
            completes_on=as_date(action_data["completes"]),
            dates_note=action_data["dates_text"],
        )
        for milestone_order, milestone_data in enumerate(action_data["milestones"], start=1):
            # The seeds give no milestone a status, and many only a month for its date.
            Milestone.objects.create(
                action=action, order=milestone_order,
                description=milestone_data["description"], due_on=as_date(milestone_data["due"]),
                due_is_month=milestone_data.get("due_precision") == "month",
                status=Milestone.Status.NOT_RECORDED)
