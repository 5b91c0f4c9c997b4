"""What commissioning's pages, exports and papers read, each in a fixed number of queries."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db.models import Prefetch
from django.utils import timezone

from indicators.codes import natural_key
from indicators.models import Actual, ReportingPeriod
from indicators.performance import standings, table_columns

from .models import Bid, Commission, Contract, ContractMeasure, Criterion, Score
from .rules import CriterionTerms, Refused, ends_soon, rank

EXPORT_HEADER = ["commission", "commissioning group", "stage", "procurement route",
                 "funding streams", "estimated value", "lead officer", "provider",
                 "contract value", "starts", "ends", "ending soon"]


def register(queryset):
    """The commissions of the register, each with its contracts and whether one ends soon."""
    today = timezone.localdate()
    commissions = list(queryset.for_register().prefetch_related(
        Prefetch("contracts", queryset=Contract.objects.order_by("ends_on", "provider"))))
    for commission in commissions:
        for contract in commission.contracts.all():
            contract.ends_soon = ends_soon(contract.ends_on, today)
        commission.ends_soon = any(c.ends_soon for c in commission.contracts.all())
    return commissions


def export_rows(commissions):
    """A line per contract (or per commission without one); never a bid nor a score."""
    for commission in commissions:
        common = [commission.name, commission.group.name if commission.group else "",
                  commission.get_stage_display(), commission.get_route_display(),
                  "; ".join(line.stream.name for line in commission.funding.all()),
                  commission.estimated_value,
                  commission.lead_officer.name if commission.lead_officer else ""]
        contracts = commission.contracts.all() or [None]
        for contract in contracts:
            yield common + ([contract.provider, contract.value, contract.starts_on,
                             contract.ends_on, "yes" if contract.ends_soon else "no"]
                            if contract else ["", None, None, None, ""])


@dataclass
class Evaluation:
    """The bids of a commission as its panel and administrators read them."""

    bids: list
    criteria: list
    panel: list
    ranking: object
    refusal: str


def evaluation(commission):
    """Bids with their interests, the criteria, the panel, and the ranking or why not yet."""
    bids = list(Bid.objects.for_commission(commission)
                .prefetch_related("interests__member__person"))
    criteria = list(Criterion.objects.filter(commission=commission))
    panel = list(commission.panel.select_related("person"))
    scores = {(s.bid_id, s.criterion_id, s.member_id): s.value
              for s in Score.objects.filter(bid__commission=commission)}
    excused = {(i.member_id, bid.pk) for bid in bids for i in bid.interests.all()}
    ranked = {bid.pk: bid.name for bid in bids if bid.pqq != Bid.Pqq.FAILED}
    ranking, refusal = None, ""
    try:
        ranking = rank(bids=ranked, panel=[member.pk for member in panel], scores=scores,
                       criteria=[CriterionTerms(c.pk, c.name, c.weight, c.max_score)
                                 for c in criteria], excused=excused)
    except Refused as refused:
        refusal = str(refused)
    for bid in bids:
        bid.standing = next((s for s in ranking.standings if s.bid == bid.pk), None) \
            if ranking else None
    return Evaluation(bids=bids, criteria=criteria, panel=panel, ranking=ranking,
                      refusal=refusal)


def bid_summary(commission):
    """What anyone may know of the bids before award: how many, and how many passed the PQQ
    (as the board's papers report it), without names or scores."""
    pqq = list(Bid.objects.for_commission(commission).values_list("pqq", flat=True))
    return {"count": len(pqq), "passed": pqq.count(Bid.Pqq.PASSED),
            "failed": pqq.count(Bid.Pqq.FAILED)}


def report_card(contract):
    """The contract's measures rated in the latest quarter with signed-off figures for them,
    grouped how much / how well / better off."""
    measures = list(contract.measures.select_related("indicator__partnership"))
    indicators = [measure.indicator for measure in measures]
    period = (ReportingPeriod.objects.filter(
        kind=ReportingPeriod.Kind.QUARTER, actuals__indicator__in=indicators,
        actuals__status__in=Actual.BOARD_FACING).order_by("-year", "-quarter").first()
        if indicators else None)
    rows = {row.indicator.pk: row for row in standings(period, indicators)} if period else {}
    groups = []
    for group in ContractMeasure.Group:
        mine = sorted((m for m in measures if m.group == group),
                      key=lambda m: natural_key(m.indicator.code))
        groups.append({"label": group.label, "measures": mine,
                       "rows": [rows[m.indicator.pk] for m in mine if m.indicator.pk in rows]})
    return {"period": period, "groups": groups, "measures": measures, "columns": table_columns()}


def planning_answers(commission):
    """The planning template's questions, each with its answer as written."""
    return [{"label": Commission._meta.get_field(field).verbose_name,
             "value": commission.get_effectiveness_display() if field == "effectiveness"
             and commission.effectiveness else getattr(commission, field) or ""}
            for field in Commission.PLANNING_FIELDS]


def scoring_sheet(data, seat, posted=None):
    """One row per bid the panel scores, a cell per criterion: the member's own score (or
    what they just posted), or why they may not score it."""
    mine = {}
    if seat is not None:
        mine = {(s.bid_id, s.criterion_id): s.value
                for s in Score.objects.filter(member=seat, bid__commission_id=seat.commission_id)}
    rows = []
    for bid in data.bids:
        if bid.pqq == Bid.Pqq.FAILED:
            continue
        conflicted = seat is not None and any(i.member_id == seat.pk for i in bid.interests.all())
        cells = []
        for criterion in data.criteria:
            field = f"score-{bid.pk}-{criterion.pk}"
            value = posted.get(field, "") if posted is not None else mine.get(
                (bid.pk, criterion.pk), "")
            cells.append({"field": field, "criterion": criterion, "value": value})
        rows.append({"bid": bid, "cells": cells, "conflicted": conflicted})
    return rows


def posted_scores(posted, sheet):
    """{(bid, criterion): Decimal} from the posted sheet; a figure that is not a number is
    refused with the cell named."""
    entries, problems = {}, []
    for row in sheet:
        for cell in row["cells"]:
            text = posted.get(cell["field"], "").strip()
            if not text:
                continue
            try:
                value = Decimal(text)
                if not value.is_finite() or value.as_tuple().exponent < -2:
                    raise InvalidOperation
            except InvalidOperation:
                problems.append(f"{row['bid'].name}, {cell['criterion'].name}: enter a number "
                                f"with at most two decimal places, not {text[:20]!r}.")
                continue
            entries[(row["bid"], cell["criterion"])] = value
    return entries, " ".join(problems)
