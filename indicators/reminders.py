"""Who still owes actuals for an open period, and the emails that remind them or tell them a
figure was returned to them."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.db.models import Prefetch
from django.urls import reverse

from trust_portal.core.models import Person

from .codes import in_code_order
from .models import Actual, Indicator, Reminder, ReportingPeriod


def submitted(actuals):
    """The actuals handed in with a figure: submitted or signed off, not a draft nor a
    figure returned to its officer."""
    return actuals.filter(status__in=Actual.HANDED_IN, value__isnull=False)


@dataclass
class Outstanding:
    """How complete a period is: how many of the indicators have a submitted actual, each
    officer with their indicators without one, by name, and the indicators without one that
    no officer is responsible for."""

    period: ReportingPeriod
    submitted_count: int
    indicator_count: int
    officers: list[tuple[Person, list[Indicator]]]
    unowned: list[Indicator]


def with_officers(partnership_id):
    """The partnership's indicators in code order, each with its responsible officers and
    their logins (for their addresses), in two queries."""
    return in_code_order(Indicator.objects.filter(partnership_id=partnership_id).select_related(
        "partnership").prefetch_related(Prefetch(
            "responsible_officers", queryset=Person.objects.select_related("user"))))


def outstanding_in(periods, indicators):
    """What each of `periods` still lacks of `indicators` (see with_officers), in order, read
    in one query however many periods there are."""
    periods = list(periods)
    if not periods:
        return []
    done = set(submitted(Actual.objects.filter(period__in=periods)).values_list(
        "indicator_id", "period_id"))
    found = []
    for period in periods:
        by_officer, unowned = {}, []
        missing = [indicator for indicator in indicators if (indicator.pk, period.pk) not in done]
        for indicator in missing:
            officers = list(indicator.responsible_officers.all())
            if not officers:
                unowned.append(indicator)
            for officer in officers:
                by_officer.setdefault(officer, []).append(indicator)
        found.append(Outstanding(
            period=period, submitted_count=len(indicators) - len(missing),
            indicator_count=len(indicators), unowned=unowned,
            officers=sorted(by_officer.items(), key=lambda item: item[0].name)))
    return found


def outstanding(period):
    """(officer, their indicators without an actual handed in) pairs, and unowned indicators:
    a draft or a returned figure is still owed."""
    lacking = outstanding_in([period], with_officers(period.partnership_id))[0]
    return lacking.officers, lacking.unowned


def reminder_kind(period, today, days_before):
    if period.due_on is None:
        return None
    if today > period.due_on:
        return Reminder.Kind.OVERDUE
    if today >= period.due_on - datetime.timedelta(days=days_before):
        return Reminder.Kind.DUE_SOON
    return None


def _address(person):
    return person.email or (person.user.email if person.user else "")


def send_reminders(today, days_before):
    """Email each officer once before the due date and once when overdue. Returns the count."""
    sent = 0
    for period in ReportingPeriod.objects.filter(is_open=True, due_on__isnull=False)\
            .select_related("partnership"):
        kind = reminder_kind(period, today, days_before)
        if kind is None:
            continue
        already = set(Reminder.objects.filter(period=period, kind=kind)
                      .values_list("person_id", flat=True))
        officers, _ = outstanding(period)
        for officer, indicators in officers:
            address = _address(officer)
            if officer.pk in already or not address:
                continue
            send_mail(_subject(period, kind), _body(period, kind, officer, indicators),
                      None, [address])
            Reminder.objects.create(period=period, person=officer, kind=kind)
            sent += 1
    return sent


def _subject(period, kind):
    when = "are overdue" if kind == Reminder.Kind.OVERDUE else \
        f"are due by {period.due_on:%-d %B %Y}"
    return f"{period.partnership.name}: your {period.name} actuals {when}"


def _body(period, kind, officer: Person, indicators):
    url = settings.SITE_URL.rstrip("/") + reverse(
        "actuals_entry", args=[period.partnership.slug, period.pk])
    lines = "\n".join(f"- {indicator.code} {indicator.title}" for indicator in indicators)
    due = f"were due on {period.due_on:%-d %B %Y}" if kind == Reminder.Kind.OVERDUE else \
        f"are due by {period.due_on:%-d %B %Y}"
    return (f"Dear {officer.name},\n\nThe {period.name} actuals for these indicators {due} "
            f"and have not been submitted yet:\n\n{lines}\n\nEnter them here: {url}\n\n"
            f"Trust Portal, {period.partnership.board_name}\n")


def officers_to_tell(actual: Actual) -> list[tuple[str, str]]:
    """(name, address) of whom to tell about the actual: who entered it, as one of the
    partnership's people if they are one, else the indicator's responsible officers when no
    one is known to have entered it. Without an address held, no one."""
    partnership_id = actual.indicator.partnership_id
    if actual.entered_by is not None:
        person = Person.objects.filter(partnership_id=partnership_id,
                                       user=actual.entered_by).first()
        user = actual.entered_by
        name = person.name if person else user.get_full_name() or user.username
        people = [(name, _address(person) if person else user.email)]
    else:
        people = [(officer.name, _address(officer))
                  for officer in actual.indicator.responsible_officers.select_related("user")]
    return [(name, address) for name, address in people if address]


def send_return_notice(actual: Actual, officers: list[tuple[str, str]]) -> None:
    """Email the officers that the actual was returned to them, and why."""
    period, indicator = actual.period, actual.indicator
    partnership = indicator.partnership
    url = settings.SITE_URL.rstrip("/") + reverse("actuals_entry",
                                                  args=[partnership.slug, period.pk])
    reviewer = actual.reviewed_by
    by = (reviewer.get_full_name() or reviewer.username) if reviewer else "A performance manager"
    subject = f"{partnership.name}: your {period.name} figure for {indicator.code} was returned"
    send_mass_mail([(subject, (
        f"Dear {name},\n\n{by} returned your {period.name} figure for {indicator.code} "
        f"{indicator.title} to you, with this reason:\n\n{actual.return_reason}\n\n"
        f"The board will not read it until it is changed and submitted again. Correct it "
        f"here: {url}\n\nTrust Portal, {partnership.board_name}\n"), None, [address])
        for name, address in officers])
