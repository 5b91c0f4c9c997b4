"""The indicators' panels on the partnership's home page (see IndicatorsConfig.panels): an
officer's indicators in the open periods, for performance managers the figures waiting for
sign-off, for administrators how complete each open period is
and which indicators no officer answers for, and for the board the latest summary of
performance against target."""

from django.utils import timezone

from trust_portal.core.models import Role

from . import report_cache
from .performance import default_period, report, reporting_periods
from .periods import deadline
from .reads import open_periods, periods_to_sign_off, responsible_for, work_in
from .reminders import outstanding_in, with_officers


def my_indicators(access):
    """The indicators the reader is a responsible officer of, in each open period: where each
    stands, and when they are due. A performance officer responsible for none is told so."""
    indicators = responsible_for(access.person)
    if not indicators and not access.has_role(Role.PERFORMANCE_OFFICER):
        return None
    periods = list(open_periods(access.partnership))
    return {"work": work_in(periods, indicators, timezone.localdate()),
            "periods": periods, "has_indicators": bool(indicators)}


def to_sign_off(access):
    """The periods with figures waiting for the reader's sign-off, each with how many."""
    return {"periods": list(periods_to_sign_off(access.partnership))}


def entry_progress(access):
    """Each open period: how many indicators have submitted figures, when they are due, and
    who has not submitted; and the indicators no officer is responsible for, to assign."""
    today = timezone.localdate()
    indicators = with_officers(access.partnership.pk)
    return {"periods": [(lacking, deadline(lacking.period.due_on, today)) for lacking in
                        outstanding_in(open_periods(access.partnership), indicators)],
            "unassigned": [indicator for indicator in indicators
                           if not indicator.responsible_officers.all()]}


def performance_summary(access):
    """How the partnership's indicators stand against target in the latest quarter with
    figures the board may read: the report's own summary, from its cache."""
    partnership = access.partnership
    periods = report_cache.cached(partnership, "quarters",
                                  lambda: list(reporting_periods(partnership)))
    period = default_period([p for p in periods if p.has_actuals])
    if period is None:
        return {"period": None}
    summary = report_cache.cached(partnership, f"rating_summary:{period.pk}",
                                  lambda: report(period)["rating_summary"])
    return {"period": period, "summary": summary,
            "caption": f"{period.name}: performance against target"}
