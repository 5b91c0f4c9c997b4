"""Load the demo partnerships transcribed from the seed documents in fixtures/demo/."""

import json
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from indicators.models import Actual, DataQuality, Indicator, ReportingPeriod, Target
from indicators.rag import Direction
from priorities.models import Action, Milestone, Outcome, Plan, Priority
from trust_portal.boards.models import (
    ActionLogEntry,
    AgendaItem,
    Appendix,
    Attendance,
    Declaration,
    Meeting,
    Minute,
    Pack,
    Paper,
)
from trust_portal.boards.publication import request_publication
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
# The quarter the demo meeting's performance papers report.
DEMO_MEETING_PERIOD = "2009/10 Q2"
# The meetings whose packs the demo publishes, for members and the public: the pack of seed 002.
DEMO_PACKS = {"wirral": ["2009-11-20"]}
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
    # Its meetings first: their attendance and declarations keep its people from going alone.
    Meeting.objects.filter(partnership__slug=slug).delete()
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
    if (FIXTURES / f"{slug}_meetings.json").exists():
        load_meetings(partnership)
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
            # The seeds give no milestone a status, and many only a month for its date.
            Milestone.objects.create(
                action=action, order=milestone_order,
                description=milestone_data["description"], due_on=_date(milestone_data["due"]),
                due_is_month=milestone_data.get("due_precision") == "month",
                status=Milestone.Status.NOT_RECORDED)


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


def _as_printed(value, unit):
    """A figure as a seed prints it: 0.7, 565, 21%."""
    return f"{Decimal(str(value)).normalize():f}{'%' if unit == 'percent' else ''}"


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
        elif baseline := next((point for point in item.get("series", [])
                               if point["period"] == "Baseline"
                               and point["actual"] is not None), None):
            extra["baseline"] = _as_printed(baseline["actual"], item["unit"])
        indicator = _indicator(partnership, item, priorities, **extra)
        indicator.responsible_officers.set(people[name] for name in
                                           item.get("responsible_officers", []) if name in people)
        for target in item.get("targets", []):
            Target.objects.create(indicator=indicator, period=period(target["period"]),
                                  value=_decimal(target["value"]))
        for reading in filter(None, [item.get("actual"), item.get("previous")]):
            stated = ""
            if reading is item.get("actual") and "published" in item:
                # The arrow the published report shows; where the seed lost it, not recorded.
                stated = item["published"]["direction"] or Direction.NOT_RECORDED
            Actual.objects.create(
                stated_direction=stated,
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


def load_meetings(partnership):
    """The board's meetings from `<slug>_meetings.json`: agendas, papers and minutes.

    Papers the portal generates (performance, LAA, the delivery plan, the previous minutes and
    the action log) point at the live data rather than at transcribed text.
    """
    data = read_fixture(f"{partnership.slug}_meetings")
    people = {p.name: p for p in partnership.people.all()}
    meetings = []
    for meeting_data in sorted(data["meetings"], key=lambda m: m["date"]):
        meeting = Meeting.objects.create(
            partnership=partnership, date=_date(meeting_data["date"]),
            start_time=meeting_data["start_time"],
            end_time=meeting_data["end_time"], venue=meeting_data["venue"],
            status=meeting_data["status"], is_public=True)
        previous = meetings[-1] if meetings else None
        items = {}
        for position, item_data in enumerate(meeting_data["agenda"], start=1):
            paper = _demo_paper(partnership, item_data, data["papers"], people, previous)
            item = AgendaItem.objects.create(
                meeting=meeting, position=position, number=item_data["number"],
                starts_at=item_data["time"], title=item_data["title"],
                item_type=item_data["item_type"], presenter=people.get(item_data["presenter"]),
                paper=paper, is_exempt=item_data["exempt"])
            items[item_data["number"]] = item
        if meeting_data["minutes"]:
            _load_minutes(meeting, meeting_data["minutes"], items, people)
        meetings.append(meeting)


def _demo_paper(partnership, item_data, papers, people, previous_meeting):
    key, item_type = item_data["paper"], item_data["item_type"]
    if key in papers:
        text = papers[key]
        paper = Paper.objects.create(
            partnership=partnership, title=text["title"], summary=text["summary"],
            body=text["body"], recommendations=text["recommendations"],
            author=people.get(text["author"]), contact=text["contact"])
        for position, appendix in enumerate(text["appendices"], start=1):
            Appendix.objects.create(paper=paper, position=position, **appendix)
        return paper
    title = item_data["title"]
    if key in ("generated:performance", "generated:laa"):
        kind = "indicators.performance" if key == "generated:performance" else "indicators.laa"
        source = ReportingPeriod.objects.named(partnership, DEMO_MEETING_PERIOD).pk
    elif key == "generated:plan":
        kind, source = "priorities.plan", partnership.plans.get().pk
    elif item_type == AgendaItem.ItemType.MINUTES and previous_meeting:
        kind, source = "boards.minutes", previous_meeting.pk
        title = f"Minutes of the meeting held on {previous_meeting.date:%-d %B %Y}"
    elif item_type == AgendaItem.ItemType.MATTERS_ARISING:
        kind, source = "boards.action_log", "open"
    else:
        return None
    author = people.get(item_data["presenter"])
    return Paper.objects.create(partnership=partnership, kind=kind, source=str(source),
                                title=title, author=author, contact=item_data.get("contact", ""))


def _load_minutes(meeting, minutes, items, people):
    def person(name):
        if name not in people:
            people[name] = Person.objects.create(partnership=meeting.partnership, name=name)
        return people[name]

    for kind, entries in ((Attendance.Kind.PRESENT, minutes["present"]),
                          (Attendance.Kind.IN_ATTENDANCE, minutes["in_attendance"])):
        for entry in entries:
            Attendance.objects.create(meeting=meeting, person=person(entry["name"]), kind=kind,
                                      capacity=entry["capacity"])
    for entry in minutes["apologies"]:
        Attendance.objects.create(
            meeting=meeting, person=person(entry["name"]), kind=Attendance.Kind.APOLOGIES,
            description=entry["description"],
            represented_by=person(entry["represented_by"]) if entry["represented_by"] else None)
    for entry in minutes["declarations"]:
        Declaration.objects.create(meeting=meeting, person=person(entry["name"]),
                                   item=items.get(entry["item"]), interest=entry["interest"])
    for entry in minutes["items"]:
        Minute.objects.create(item=items[entry["number"]], text=entry["minute"],
                              resolution=entry["resolution"])
    for entry in minutes["actions"]:
        ActionLogEntry.objects.create(
            raised_at=items[entry["item"]], description=entry["description"],
            owner=person(entry["owner"]), status=entry["status"],
            due_on=_date(entry["due"]) if entry["due"][:1].isdigit() else None)


def publish_demo_packs():
    """Publish the packs of DEMO_PACKS through the portal's own publishing, as an
    administrator would, rendering them now rather than in a background worker. Returns the
    packs, each published or failed. No one is emailed: the demo's logins, board members
    included, are made after."""
    packs = []
    for slug, days in DEMO_PACKS.items():
        for day in days:
            meeting = Meeting.objects.get(partnership__slug=slug, date=_date(day))
            pack = request_publication(meeting, user=None, background=False)
            packs.append(Pack.objects.get(pk=pack.pk))
    return packs


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
                              email=f"{username}@demo.trust-portal.invalid",
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
