"""The performance papers the indicators offer the board's pack, built from live figures."""

from trust_portal.boards.papers import PaperKind, PaperUnavailable, register

from .models import Indicator, ReportingPeriod
from .performance import natural_key, report, table_columns


def reportable_periods(partnership):
    periods = ReportingPeriod.objects.filter(partnership=partnership, actuals__isnull=False)
    return [(str(period.pk), period.name)
            for period in periods.distinct().order_by("-year", "-quarter", "kind")]


def period_of(paper):
    period = ReportingPeriod.objects.filter(partnership_id=paper.partnership_id,
                                            pk=paper.source or None).first()
    if period is None:
        raise PaperUnavailable("its reporting period no longer exists.")
    return period


def report_of(period, indicators=None):
    data = report(period, indicators)
    data["rows"].sort(key=lambda row: natural_key(row.indicator.code))
    data["exceptions"].sort(key=lambda row: natural_key(row.indicator.code))
    return {"report": data, "columns": table_columns(), "rows": data["rows"]}


def build_performance_report(paper):
    return report_of(period_of(paper))


def build_laa_report(paper):
    period = period_of(paper)
    indicators = Indicator.objects.filter(partnership_id=paper.partnership_id, is_laa=True)
    return report_of(period, indicators)


register(PaperKind(
    key="indicators.performance", name="Performance report",
    template="indicators/papers/performance.html", build=build_performance_report,
    sources=reportable_periods, source_label="Reporting period",
))
register(PaperKind(
    key="indicators.laa", name="Local Area Agreement report",
    template="indicators/papers/laa.html", build=build_laa_report,
    sources=reportable_periods, source_label="Reporting period",
))
