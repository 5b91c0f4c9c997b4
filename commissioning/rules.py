"""Commissioning's rules as pure functions: how a commission moves through its stages, how
the panel's scores become a ranking, and when a contract is ending soon. Each refusal says
what is wrong in words a commissioner can act on."""

import calendar
import datetime
from collections.abc import Hashable, Mapping, Sequence, Set
from dataclasses import dataclass
from decimal import Decimal

from django.db import models


class Stage(models.TextChoices):
    """The commissioning cycle, in order; withdrawn stands outside it."""

    NEEDS = "needs", "Needs identified"
    EVIDENCE = "evidence", "Evidence collated"
    SPECIFICATION = "specification", "Service specification"
    PROCUREMENT = "procurement", "Procurement"
    EVALUATION = "evaluation", "Evaluation"
    RECOMMENDATION = "recommendation", "Recommendation"
    BOARD_DECISION = "board_decision", "Board decision"
    AWARDED = "awarded", "Contract awarded"
    LIVE = "live", "Contract live"
    ENDED = "ended", "Ended"
    WITHDRAWN = "withdrawn", "Withdrawn"

    @classmethod
    def cycle(cls) -> list["Stage"]:
        return [stage for stage in cls if stage != cls.WITHDRAWN]

    @classmethod
    def in_progress(cls) -> list["Stage"]:
        """The stages of a commission still being decided: the cycle before its award."""
        cycle = cls.cycle()
        return cycle[:cycle.index(cls.AWARDED)]

    @classmethod
    def is_awarded(cls, stage: str) -> bool:
        """Bids and scores stay with the panel until the contract is awarded."""
        return stage in {cls.AWARDED, cls.LIVE, cls.ENDED}


class Route(models.TextChoices):
    NOT_RECORDED = "not_recorded", "Not recorded"
    OPEN_TENDER = "open_tender", "Open tender"
    COMPETITIVE_DIALOGUE = "competitive_dialogue", "Competitive dialogue (best and final offers)"
    DIRECT_AWARD = "direct_award", "Direct award"


class Refused(ValueError):
    """A rule refuses what was asked; the message says why."""


def check_move(current: str, target: str, *, reason: str = "",
               route: str = Route.NOT_RECORDED, route_reason: str = "") -> str:
    """Refuse a stage move the cycle does not allow; return the move's kind otherwise
    ("next", "skip", "back" or "withdraw").

    A commission moves one stage at a time. Skipping stages or going back needs a reason, as
    does withdrawing it; an ended or withdrawn commission moves no more. A direct award
    (commissioned, not tendered) reaches procurement only with its reason recorded.
    """
    current, target, reason = Stage(current), Stage(target), reason.strip()
    if current in {Stage.ENDED, Stage.WITHDRAWN}:
        raise Refused(f"This commission has {current.label.lower()}: it moves no further.")
    if target == current:
        raise Refused(f"The commission is already at {current.label}.")
    if target == Stage.WITHDRAWN:
        if not reason:
            raise Refused("Give the reason for withdrawing the commission.")
        return "withdraw"
    cycle = Stage.cycle()
    step = cycle.index(target) - cycle.index(current)
    if step > 1 and not reason:
        skipped = ", ".join(stage.label for stage in cycle[cycle.index(current) + 1:
                                                           cycle.index(target)])
        raise Refused(f"Moving to {target.label} skips {skipped}: give the reason.")
    if step < 0 and not reason:
        raise Refused(f"Moving back from {current.label} to {target.label} needs a reason.")
    if (route == Route.DIRECT_AWARD and not route_reason.strip()
            and cycle.index(target) >= cycle.index(Stage.PROCUREMENT)):
        raise Refused("A direct award needs its reason: say why the service is commissioned "
                      "and not tendered.")
    return "next" if step == 1 else "skip" if step > 1 else "back"


@dataclass(frozen=True)
class CriterionTerms:
    key: Hashable
    name: str
    weight: Decimal
    max_score: int


def check_score(value: Decimal | None, max_score: int) -> None:
    if value is None or not 0 <= value <= max_score:
        raise Refused(f"A score must be between 0 and {max_score}; {value} is out of range.")


@dataclass(frozen=True)
class Standing:
    bid: Hashable
    name: str
    total: Decimal
    rank: int


@dataclass(frozen=True)
class Ranking:
    standings: list[Standing]
    gap: Decimal | None
    """Points between the first and the second; None with a single bid."""


def rank(*, bids: Mapping[Hashable, str], criteria: Sequence[CriterionTerms],
         panel: Sequence[Hashable], scores: Mapping[tuple[Hashable, Hashable, Hashable], Decimal],
         excused: Set[tuple[Hashable, Hashable]] = frozenset()) -> Ranking:
    """Weighted totals out of 100, the ranking and the gap between the top two.

    `bids` maps each bid's key to its name; `scores` maps (bid, criterion key, member) to a
    score out of the criterion's maximum; `excused` holds the (member, bid) pairs a declared
    interest keeps from scoring. A bid's total is, per criterion, the weight times the mean of
    its members' scores as a share of the maximum. Weights must sum to 100, every member who
    may score must have scored every criterion, and two bids may not tie.
    """
    if not bids:
        raise Refused("There are no bids to rank.")
    if not criteria:
        raise Refused("Set the evaluation criteria and their weights first.")
    weights = sum((Decimal(c.weight) for c in criteria), Decimal(0))
    if weights != 100:
        raise Refused(f"The criteria's weights sum to {weights:g}, not 100: correct them "
                      "before ranking.")
    missing, totals = [], {}
    for bid, name in bids.items():
        total = Decimal(0)
        scoring = [member for member in panel if (member, bid) not in excused]
        if not scoring:
            missing.append(f"{name}: no panel member free of a declared interest")
            continue
        for criterion in criteria:
            found = [scores.get((bid, criterion.key, member)) for member in scoring]
            given = [value for value in found if value is not None]
            if len(given) < len(found):
                missing.append(f"{name}, {criterion.name}")
                continue
            check_score(max(given), criterion.max_score)
            mean = sum(given, Decimal(0)) / len(given)
            total += Decimal(criterion.weight) * mean / criterion.max_score
        totals[bid] = total.quantize(Decimal("0.01"))
    if missing:
        raise Refused("Scores are missing, so the bids cannot be ranked: "
                      + "; ".join(missing) + ".")
    ordered = sorted(totals.items(), key=lambda item: item[1], reverse=True)
    for (first, total), (second, other) in zip(ordered, ordered[1:], strict=False):
        if total == other:
            raise Refused(f"{bids[first]} and {bids[second]} tie on {total}: the panel must "
                          "break the tie before the bids can be ranked.")
    standings = [Standing(bid=bid, name=bids[bid], total=total, rank=place)
                 for place, (bid, total) in enumerate(ordered, start=1)]
    gap = standings[0].total - standings[1].total if len(standings) > 1 else None
    return Ranking(standings=standings, gap=gap)


ENDING_SOON_MONTHS = 6


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def ends_soon(ends_on: datetime.date | None, today: datetime.date,
              months: int = ENDING_SOON_MONTHS) -> bool:
    """Whether a contract ends within `months` of `today` (and has not ended yet)."""
    return ends_on is not None and today <= ends_on <= add_months(today, months)
