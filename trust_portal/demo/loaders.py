"""Load the demo partnerships transcribed from the seed documents in fixtures/demo/."""

import json
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from indicators.models import Actual, DataQuality, Indicator, ReportingPeriod, Target
from priorities.models import Action, Milestone, Outcome, Plan, Priority
from trust_portal.core.models import Membership, Organisation, Partnership, Person, Role

FIXTURES = settings.BASE_DIR / "fixtures" / "demo"
PARTNERSHIP_SLUGS = ["liverpool", "wirral", "leeds"]
DEMO_PASSWORD = "trust-portal-demo"

# Which real person each demo login plays, so that lead officers lead real priorities.
DEMO_PEOPLE = {
    ("liverpool", Role.LEAD_OFFICER): "James Clarke",
    ("wirral", Role.LEAD_OFFICER): "Lindsay Davidson",
    ("wirral", Role.BOARD_MEMBER): "Phil Davies",
    ("leeds", Role.LEAD_OFFICER): "Jackie Wilson",
    ("leeds", Role.BOARD_MEMBER): "Judith Blake",
}
# The quarter each demo partnership is collecting now, open for performance officers' entry.
OPEN_QUARTERS = {"wirral": "2009/10 Q3"}
ROLE_USERNAMES = {
    Role.ADMINISTRATOR: "admin",
    Role.PERFORMANCE_OFFICER: "performance",
    Role.LEAD_OFFICER: "lead",
    Role.BOARD_MEMBER: "board",
    Role.COMMISSIONER: "commissioner",
    Role.SAFEGUARDING_LEAD: "safeguarding",
}


def read_fixture(name):
    with open(FIXTURES / f"{name}.json", encoding="utf-8") as fixture:
        return json.load(fixture)


def _date(value):
    return date.fromisoformat(value) if value else None


@transaction.atomic
def load_partnership(slug):
    """Create the partnership `slug` with its people and plans, replacing any earlier copy."""
    data = read_fixture(slug)
    Partnership.objects.filter(slug=slug).delete()
    partnership = Partnership.objects.create(**data["partnership"])
    organisations = {
        org["name"]: Organisation.objects.create(partnership=partnership, **org)
        for org in data["organisations"]
    }
    people = {
        person["name"]: Person.objects.create(
            partnership=partnership, name=person["name"], job_title=person["job_title"],
            is_councillor=person["is_councillor"],
            organisation=organisations.get(person["organisation"]),
        )
        for person in data["people"]
    }
    for plan_data in data["plans"]:
        _load_plan(partnership, plan_data, people)
    load_indicators(partnership)
    return partnership


def _load_plan(partnership, data, people):
    plan = Plan.objects.create(partnership=partnership, title=data["title"],
                               vision=data["vision"], starts_on=_date(data["starts"]),
                               ends_on=_date(data["ends"]))
    for outcome_order, outcome_data in enumerate(data["outcomes"], start=1):
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
            contributors=action_data["contributors"], starts_on=_date(action_data["starts"]),
            review_on=_date(action_data["review"]),
            completes_on=_date(action_data["completes"]),
            dates_note=action_data["dates_text"],
        )
        for milestone_order, milestone_data in enumerate(action_data["milestones"], start=1):
            Milestone.objects.create(action=action, order=milestone_order,
                                     description=milestone_data["description"],
                                     due_on=_date(milestone_data["due"]))


def _decimal(value):
    return None if value is None else Decimal(str(value))


def _indicator(partnership, data, priorities, **extra):
    indicator = Indicator.objects.create(
        partnership=partnership, code=data["code"], title=data["title"], unit=data["unit"],
        decimals=data["decimals"] if data.get("decimals") is not None else 1,
        lower_is_better=data["polarity"] == "lower", **extra,
    )
    indicator.priorities.set(priorities[ref] for ref in data.get("priorities", [])
                             if ref in priorities)
    return indicator


@transaction.atomic
def load_indicators(partnership):
    """The partnership's indicators, targets and actuals from `<slug>_indicators.json`."""
    data = read_fixture(f"{partnership.slug}_indicators")
    priorities = {p.reference: p for p in Priority.objects.filter(
        outcome__plan__partnership=partnership)}
    people = {p.name: p for p in partnership.people.all()}

    def period(name):
        return ReportingPeriod.objects.named(partnership, name, create=True)

    for item in data["indicators"]:
        extra = {key: item[key] for key in ("portfolio", "strategic_objective", "outcome",
                                            "is_laa", "is_key", "is_obsession") if key in item}
        if "baseline" in item:
            extra["baseline"] = item["baseline"]["text"]
        indicator = _indicator(partnership, item, priorities, **extra)
        indicator.responsible_officers.set(people[name] for name in
                                           item.get("responsible_officers", []) if name in people)
        for target in item.get("targets", []):
            Target.objects.create(indicator=indicator, period=period(target["period"]),
                                  value=_decimal(target["value"]))
        for reading in filter(None, [item.get("actual"), item.get("previous")]):
            Actual.objects.create(
                indicator=indicator, period=period(reading["period"]),
                value=_decimal(reading["value"]),
                data_quality=reading.get("data_quality") or DataQuality.ACTUAL,
                forecast=_decimal(reading.get("forecast")),
                context=reading.get("context", ""),
                corrective_action=reading.get("corrective_action", ""),
                status=Actual.Status.SUBMITTED,
            )
        for point in item.get("series", []):
            if point["period"] == "Baseline":
                continue
            if point["target"] is not None:
                Target.objects.create(indicator=indicator, period=period(point["period"]),
                                      value=_decimal(point["target"]))
            if point["actual"] is not None:
                Actual.objects.create(indicator=indicator, period=period(point["period"]),
                                      value=_decimal(point["actual"]), context=point["note"],
                                      status=Actual.Status.SUBMITTED)
    if partnership.slug in OPEN_QUARTERS:
        open_quarter = period(OPEN_QUARTERS[partnership.slug])
        open_quarter.is_open = True
        open_quarter.save()


@transaction.atomic
def create_demo_users():
    """One login per role per partnership, plus `admin`, who administers all three.

    Returns (username, description) pairs for the logins, to print.
    """
    partnerships = list(Partnership.objects.filter(slug__in=PARTNERSHIP_SLUGS))
    admin = _demo_user("admin", first_name="Demo", last_name="Administrator",
                       is_staff=True, is_superuser=True)
    logins = [("admin", "Administrator of all three partnerships")]
    for partnership in partnerships:
        Membership.objects.get_or_create(user=admin, partnership=partnership,
                                         role=Role.ADMINISTRATOR)
    for partnership in partnerships:
        for role in Role:
            username = f"{partnership.slug}-{ROLE_USERNAMES[role]}"
            person_name = DEMO_PEOPLE.get((partnership.slug, role))
            full_name = person_name or f"{partnership.slug.title()} {role.label}"
            first, _, last = full_name.partition(" ")
            user = _demo_user(username, first_name=first, last_name=last,
                              is_staff=role == Role.ADMINISTRATOR)
            Membership.objects.get_or_create(user=user, partnership=partnership, role=role)
            if person_name:
                Person.objects.filter(partnership=partnership, name=person_name).update(user=user)
            played = f" (as {person_name})" if person_name else ""
            logins.append((username, f"{role.label}, {partnership.name}{played}"))
    return logins


def _demo_user(username, **fields):
    user, _ = User.objects.update_or_create(username=username, defaults=fields)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user
