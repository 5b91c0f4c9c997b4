"""The reads behind an indicator's own page and the list of indicators an officer enters.

As on the report, the board reads signed-off actuals only (Actual.BOARD_FACING); the
officers who enter figures and the managers who sign them off also read the figures held back
and their history.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, Max, Min, Q

from trust_portal.core.history import describe_changes

from . import checks
from .codes import in_code_order, natural_key
from .models import Actual, Indicator, ReportingPeriod, Target
from .performance import standings
from .periods import FIRST_YEAR, LAST_YEAR, Deadline, deadline, earlier_periods


def indicator_series(indicator):
    """The periods with a target or a signed-off actual for the indicator, in time order, each
    with both."""
    targets = {t.period_id: t for t in indicator.targets.select_related("period")}
    actuals = {a.period_id: a for a in indicator.actuals.board_facing().select_related(
        "period", "entered_by")}
    periods = sorted({x.period for x in [*targets.values(), *actuals.values()]},
                     key=lambda period: period.months)
    return [{"period": period, "target": targets.get(period.pk),
             "actual": actuals.get(period.pk)} for period in periods]


def figures_held_back(indicator):
    """The indicator's actuals the board does not read yet (drafts, figures waiting for
    sign-off, returned ones), oldest period first."""
    return list(indicator.actuals.exclude(status__in=Actual.BOARD_FACING).select_related(
        "period", "reviewed_by").order_by("period__year", "period__kind", "period__quarter"))


def indicator_changes(indicator, *, with_drafts):
    """The history of the indicator's targets and actuals, newest first; of its actuals, only
    the records of signed-off figures, unless `with_drafts`. Who entered, signed off or
    returned a figure, and when, is each record's who and when."""
    actual_history = Actual.history.filter(indicator_id=indicator.pk)
    if not with_drafts:
        actual_history = actual_history.filter(status__in=Actual.BOARD_FACING)
    actual_changes = describe_changes(
        _with_subject(actual_history, "Actual"), Actual, hidden=REVIEW_FIELDS,
        display=lambda field, value: Actual.Status(value).label if field == "status"
        else value)
    for change in actual_changes:
        if change["created"] and change["record"].history_type != "+":
            change["summary"] = "Signed off"  # the first record the board reads of a figure
    changes = [
        *describe_changes(_with_subject(Target.history.filter(indicator_id=indicator.pk),
                                        "Target"), Target),
        *actual_changes,
    ]
    changes.sort(key=lambda change: change["record"].history_date, reverse=True)
    return changes


# What each record of an actual's history says as its who and when.
REVIEW_FIELDS = ["entered_by", "entered_at", "reviewed_by", "reviewed_at"]


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


@dataclass
class TargetCell:
    """One target on a target page: an indicator's in one period, beside that period's
    actual (drafts included), which the target rates."""

    indicator: Indicator
    period: ReportingPeriod  # not saved if the partnership has no such period yet
    target: Target | None
    actual: Actual | None

    @property
    def key(self):
        """As indicators.services keys a target: a period not saved yet has its name."""
        return self.indicator.pk, self.period.name

    @property
    def label(self):
        return period_label(self.period)

    @property
    def slot(self):
        """Its place in a year: q1 to q4, or the kind of a whole year."""
        return f"q{self.period.quarter}" if self.period.quarter else self.period.kind


def period_label(period):
    """A period as a target page names it: 2009/10 Q2, or 2009/10 year end for a year."""
    return f"{period.name} year end" if period.kind == ReportingPeriod.Kind.YEAR else period.name


def year_profile(partnership, year):
    """The four quarters and the whole of the financial year starting in `year`: the
    partnership's own, or unsaved periods where it has none yet."""
    kinds = [(ReportingPeriod.Kind.QUARTER, quarter) for quarter in range(1, 5)]
    kinds.append((ReportingPeriod.Kind.YEAR, 0))
    saved = {(p.kind, p.quarter): p for p in ReportingPeriod.objects.filter(
        partnership=partnership, year=year, kind__in=[kind for kind, _ in kinds])}
    return [saved.get((kind, quarter)) or ReportingPeriod(
        partnership=partnership, kind=kind, year=year, quarter=quarter)
        for kind, quarter in kinds]


def profile_years(partnership, year):
    """The years next to `year` whose profile to offer: those from the partnership's first
    year with a period to the year after its last (the next to plan for)."""
    span = ReportingPeriod.objects.filter(partnership=partnership).aggregate(
        first=Min("year"), last=Max("year"))
    first, last = span["first"] or year, (span["last"] or year) + 1
    return [other for other in (year - 1, year + 1)
            if max(first, FIRST_YEAR) <= other <= min(last, LAST_YEAR)]


def target_cells(periods, indicators):
    """The TargetCell of each of `indicators`, by code, in each of `periods`, in order."""
    saved = [period.pk for period in periods if period.pk]
    ids = [indicator.pk for indicator in indicators]
    targets = {(t.indicator_id, t.period_id): t for t in Target.objects.filter(
        indicator_id__in=ids, period_id__in=saved)}
    actuals = {(a.indicator_id, a.period_id): a for a in Actual.objects.filter(
        indicator_id__in=ids, period_id__in=saved)}
    return [TargetCell(indicator=indicator, period=period,
                       target=targets.get((indicator.pk, period.pk)),
                       actual=actuals.get((indicator.pk, period.pk)))
            for indicator in in_code_order(indicators)
            for period in periods]


def earlier_figures(partnership_id, indicators, periods):
    """The values of the indicators' actuals (drafts included) in the partnership's periods
    of `periods` ((kind, year, quarter) each), by (indicator pk, (kind, year, quarter))."""
    if not periods:
        return {}
    which = Q()
    for kind, year, quarter in periods:
        which |= Q(period__kind=kind, period__year=year, period__quarter=quarter)
    actuals = Actual.objects.filter(which, indicator__in=indicators,
                                    period__partnership_id=partnership_id,
                                    value__isnull=False).select_related("period")
    return {(a.indicator_id, (a.period.kind, a.period.year, a.period.quarter)): a.value
            for a in actuals}


def comparisons(indicator, period, figures):
    """checks.Comparison with each earlier period of `period` ((kind, year, quarter)) whose
    figure for the indicator `figures` holds (see earlier_figures)."""
    return [checks.Comparison(label=label, value=figures[(indicator.pk, key)],
                              period=ReportingPeriod(kind=key[0], year=key[1],
                                                     quarter=key[2]).name,
                              shown=indicator.format(figures[(indicator.pk, key)]))
            for label, key in earlier_periods(*period) if (indicator.pk, key) in figures]


def entry_comparisons(period, rows):
    """For each of the entry page's rows (by indicator pk), the earlier figures to check its
    actual by: last quarter's and the same quarter's last year."""
    key = (period.kind, period.year, period.quarter)
    figures = earlier_figures(period.partnership_id, [row.indicator for row in rows],
                              [earlier for _, earlier in earlier_periods(*key)])
    return {row.indicator.pk: comparisons(row.indicator, key, figures) for row in rows}


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
        indicator__in=indicators, period__in=periods).only("indicator", "period", "status",
                                                           "return_reason")}
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


def periods_to_sign_off(partnership):
    """The partnership's periods with figures waiting for sign-off, newest first, each with
    how many (`waiting`)."""
    return ReportingPeriod.objects.filter(partnership=partnership).annotate(
        waiting=Count("actuals", filter=Q(actuals__status=Actual.Status.SUBMITTED)),
    ).filter(waiting__gt=0).order_by("-year", "-quarter", "kind")


def sign_off_standings(period):
    """The sign-off page's lines: the period's figures waiting for sign-off, by code, each
    rated as on the entry page."""
    indicators = Indicator.objects.filter(
        partnership_id=period.partnership_id, actuals__period=period,
        actuals__status=Actual.Status.SUBMITTED).select_related("partnership")
    return entry_standings(period, indicators)


def figures_changed_meanwhile(current):
    """(indicator, its actual as saved now or None) of each of `current` (indicator pk ->
    actual, as services.StaleFigures holds them), by code."""
    indicators = Indicator.objects.filter(pk__in=list(current))
    return sorted(((indicator, current[indicator.pk]) for indicator in indicators),
                  key=lambda line: natural_key(line[0].code))
