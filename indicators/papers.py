"""The papers the indicators offer the board's pack: performance reports built from live
figures, the signed-off ones only, as every board-facing read (see performance.standings); a
report card as last published; and an outcome's scorecard."""

from django.db.models import Subquery

from priorities.models import Outcome
from trust_portal.boards.registry import PaperKind, PaperUnavailable, SourceSpec, register

from .card_reads import scorecard
from .cards import PublishedCard, ReportCard
from .codes import natural_key
from .models import Actual, ReportingPeriod
from .performance import (
    nearby_periods,
    period_key,
    report_of_rows,
    table_columns,
    year_figures,
)


def reportable_periods(partnership):
    """The periods with signed-off actuals: a paper presents only what the board may read."""
    periods = ReportingPeriod.objects.filter(partnership=partnership,
                                             actuals__status__in=Actual.BOARD_FACING)
    return [(str(period.pk), period.name)
            for period in periods.distinct().order_by("-year", "-quarter", "kind")]


PERIOD = SourceSpec(choices=reportable_periods, missing="its reporting period no longer exists.")


def period_of(paper, shared):
    """The paper's period and the periods near it (see nearby_periods), read together unless
    the pack's papers have read them already (None for the periods then)."""
    pk = PERIOD.value(paper)
    if known := shared.get(period_key(paper.partnership_id, pk)):
        return known, None
    year = ReportingPeriod.objects.filter(partnership_id=paper.partnership_id,
                                          pk=pk).values("year")
    nearby = list(nearby_periods(paper.partnership_id, Subquery(year)))
    period = next((p for p in nearby if p.pk == pk), None)
    if period is None:
        raise PaperUnavailable(PERIOD.missing)
    return period, nearby


def report_of(paper, shared):
    """The full report of the paper's period, in indicator order, read once per pack."""
    key = ("indicators.report", paper.partnership_id, paper.source)
    if key not in shared:
        period, nearby = period_of(paper, shared)
        figures = year_figures(paper.partnership_id, period.year, shared, nearby=nearby)
        rows = sorted(figures.standings(period), key=lambda row: natural_key(row.indicator.code))
        shared[key] = (period, rows)
    return shared[key]


def paper_context(period, rows):
    data = report_of_rows(period, rows)
    return {"report": data, "columns": table_columns(), "rows": rows}


def build_performance_report(paper, shared):
    return paper_context(*report_of(paper, shared))


def build_laa_report(paper, shared):
    period, rows = report_of(paper, shared)
    return paper_context(period, [row for row in rows if row.indicator.is_laa])


register(PaperKind(
    key="indicators.performance", name="Performance report",
    template="indicators/papers/performance.html", build=build_performance_report,
    source=PERIOD,
))
register(PaperKind(
    key="indicators.laa", name="Local Area Agreement report",
    template="indicators/papers/laa.html", build=build_laa_report,
    source=PERIOD,
))


CARD = SourceSpec(
    choices=lambda partnership: [
        (str(card.pk), f"{card.priority.reference} {card.title}") for card in
        ReportCard.objects.for_partnership(partnership).filter(versions__isnull=False)
        .distinct().select_related("priority")],
    missing="its report card no longer exists, or has no published version.")


def build_report_card(paper, shared):
    """The card's latest published version, as published: the pack freezes it with itself."""
    version = (PublishedCard.objects.filter(
        card__priority__outcome__plan__partnership_id=paper.partnership_id,
        card_id=CARD.value(paper)).order_by("-number").first())
    if version is None:
        raise PaperUnavailable(CARD.missing)
    return {"document": version.content, "version": version}


OUTCOME = SourceSpec(
    choices=lambda partnership: [
        (str(outcome.pk), f"{outcome.plan.title}: {outcome.title}") for outcome in
        Outcome.objects.filter(plan__partnership=partnership).select_related("plan")],
    missing="its outcome no longer exists.")


def build_scorecard(paper, shared):
    """An outcome's scorecard: a line per report card of its priorities, from live figures."""
    outcomes = Outcome.objects.filter(plan__partnership_id=paper.partnership_id,
                                      pk=OUTCOME.value(paper)).select_related("plan")
    outcome = outcomes.first()
    if outcome is None:
        raise PaperUnavailable(OUTCOME.missing)
    return {"plan": outcome.plan, "outcomes": scorecard(outcome.plan, outcomes),
            "for_pdf": True}


register(PaperKind(
    key="indicators.report_card", name="Report card",
    template="indicators/papers/report_card.html", build=build_report_card, source=CARD,
))
register(PaperKind(
    key="indicators.scorecard", name="Scorecard of an outcome",
    template="indicators/papers/scorecard.html", build=build_scorecard, source=OUTCOME,
))
