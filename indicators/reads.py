"""The reads behind an indicator's own page and the list of indicators an officer enters.

As on the report, the board reads signed-off actuals only (Actual.BOARD_FACING); the
officers who enter figures and the managers who sign them off also read the figures held back
and their history.
"""

from django.db.models import Count, Q

from trust_portal.core.history import describe_changes

from .models import Actual, Indicator, ReportingPeriod, Target
from .performance import natural_key, standings


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
