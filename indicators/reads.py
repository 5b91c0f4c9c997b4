"""The reads behind an indicator's own page and the list of indicators an officer enters.

As on the report, the board reads submitted actuals only (see performance.published); the
officers who enter figures also read the drafts held back and their history.
"""

from trust_portal.core.history import describe_changes

from .codes import natural_key
from .models import Actual, Indicator, Target
from .performance import published, standings


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
