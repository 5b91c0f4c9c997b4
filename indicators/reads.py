"""The reads behind an indicator's own page and the list of indicators an officer enters.

As on the report, the board reads submitted actuals only (see performance.published); the
officers who enter figures also read the drafts held back and their history.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import F

from trust_portal.core.history import describe_changes

from .codes import in_code_order, natural_key
from .models import Actual, Indicator, ReportingPeriod, Target
from .performance import published, standings
from .periods import Deadline, deadline


def indicator_series(indicator):
    """The periods with a target or a submitted actual for the indicator, in time order, each
    with both."""
    targets = {t.period_id: t for t in indicator.targets.select_related("period")}
    actuals = {a.period_id: a for a in published(indicator.actuals.select_related(
        "period", "entered_by"))}
    periods = sorted({x.period for x in [*targets.values(), *actuals.values()]},
                     key=lambda period: period.months)
    return [{"period": period, "target": targets.get(period.pk),
             "actual": actuals.get(period.pk)} for period in periods]


def drafts_held(indicator):
    """The indicator's actuals still in draft, oldest period first."""
    return list(indicator.actuals.filter(status=Actual.Status.DRAFT).select_related(
        "period").order_by("period__year", "period__quarter"))


def indicator_changes(indicator, *, with_drafts):
    """The history of the indicator's targets and actuals, newest first; a draft's history only
    `with_drafts`."""
    actual_history = Actual.history.filter(indicator_id=indicator.pk)
    if not with_drafts:
        actual_history = published(actual_history)
    changes = [
        *describe_changes(_with_subject(Target.history.filter(indicator_id=indicator.pk),
                                        "Target"), Target),
        *describe_changes(_with_subject(actual_history, "Actual"), Actual),
    ]
    changes.sort(key=lambda change: change["record"].history_date, reverse=True)
    return changes


def _with_subject(history, kind):
    records = list(history.select_related("history_user", "period"))
    for record in records:
        record.subject = f"{kind}, {record.period.name}"
    return records


def indicators_to_enter(access, show_all):
    """The indicators an officer is responsible for, or all of them if asked or if none."""
    indicators = Indicator.objects.filter(partnership=access.partnership).select_related(
        "partnership")
    if show_all or access.person is None or access.is_administrator:
        return indicators, True
    mine = list(indicators.filter(responsible_officers=access.person))
    return (mine, False) if mine else (indicators, True)


def entry_standings(period, indicators):
    """The entry page's lines: each of `indicators` in `period`, drafts included, by code."""
    return sorted(standings(period, indicators, with_drafts=True),
                  key=lambda row: natural_key(row.indicator.code))


def open_periods(partnership):
    """The partnership's periods open for entry, the soonest due first."""
    return ReportingPeriod.objects.filter(partnership=partnership, is_open=True).order_by(
        F("due_on").asc(nulls_last=True), "year", "kind", "quarter")


def responsible_for(person):
    """The indicators `person` is a responsible officer of, in code order; none for no
    person."""
    if person is None:
        return []
    return in_code_order(Indicator.objects.filter(responsible_officers=person).select_related(
        "partnership"))


MISSING = "missing"


def entry_states():
    """Where an indicator's figures for a period can stand, in order: missing (no actual yet),
    then each status an actual can have."""
    return [(MISSING, "Missing"), *Actual.Status.choices]


@dataclass
class PeriodWork:
    """An officer's indicators in one open period: each with its actual (None: missing) and
    state, how many stand in each state, and when they are due."""

    period: ReportingPeriod
    deadline: Deadline
    lines: list[tuple[Indicator, Actual | None, str]]
    counts: list[tuple[str, str, int]]


def work_in(periods, indicators, today):
    """PeriodWork of `indicators` in each of `periods`, read in one query."""
    actuals = {(actual.indicator_id, actual.period_id): actual for actual in Actual.objects.filter(
        indicator__in=indicators, period__in=periods).only("indicator", "period", "status")}
    found = []
    for period in periods:
        lines = []
        for indicator in indicators:
            actual = actuals.get((indicator.pk, period.pk))
            lines.append((indicator, actual, actual.status if actual else MISSING))
        states = Counter(state for _, _, state in lines)
        found.append(PeriodWork(
            period=period, deadline=deadline(period.due_on, today), lines=lines,
            counts=[(state, label, states[state]) for state, label in entry_states()
                    if states[state]]))
    return found
