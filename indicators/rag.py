"""How an indicator stands: its RAG rating against target and its direction of travel.

Pure functions of the figures, the indicator's polarity and the partnership's tolerance bands,
as Wirral's Children's Trust Board publishes them:

- the deviation from target d = (actual - target) / |target| * 100, negated when lower is
  better, rates Over-performing when d > +10, Green when -5 <= d <= +10, Amber when
  -10 <= d < -5 and Red when d < -10;
- the change on the previous year c = (actual - previous) / |previous| * 100, negated when
  lower is better, has Improved when c > +2.5, Deteriorated when c < -2.5, and Unchanged
  otherwise.

Dividing by the size of the target (or of last year's value), not the signed value, keeps a
negative one the right way round: against a target of a 4% fall (-4%, lower is better), a fall
of 8.3% is 107.5% better and a rise of 12% is 400% worse.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import TextChoices

HUNDRED = Decimal(100)


class Rating(TextChoices):
    OVER_PERFORMING = "over_performing", "Over-performing"
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"
    AWAITING_DATA = "awaiting_data", "Awaiting data"
    TARGET_NOT_SET = "target_not_set", "Target not set"
    NOT_RATED = "not_rated", "Cannot be rated"


class Direction(TextChoices):
    IMPROVED = "improved", "Improved"
    DETERIORATED = "deteriorated", "Deteriorated"
    UNCHANGED = "unchanged", "Unchanged"
    AWAITING_DATA = "awaiting_data", "Awaiting data"
    NOT_APPLICABLE = "not_applicable", "Not applicable"
    NOT_RECORDED = "not_recorded", "Not recorded"


# The directions an officer may record as a report states them (see direction_of_travel).
STATED_DIRECTIONS = [Direction.IMPROVED, Direction.DETERIORATED, Direction.UNCHANGED,
                     Direction.NOT_APPLICABLE, Direction.NOT_RECORDED]


EXCEPTIONS = {Rating.AMBER, Rating.RED}
COMMENTARY = ("context", "corrective_action")


def missing_commentary(rating: Assessment, commentary: Mapping[str, Any]) -> list[str]:
    """The commentary fields (of COMMENTARY) that an exception, a red or amber rating, must
    still have filled in before it is submitted; none for any other rating."""
    if rating.outcome not in EXCEPTIONS:
        return []
    return [field for field in COMMENTARY if not (commentary.get(field) or "").strip()]


@dataclass(frozen=True)
class Bands:
    """A partnership's tolerances, in percent of the target or of last year's value."""

    over_performing_above: Decimal = Decimal(10)
    green_from: Decimal = Decimal(-5)
    amber_from: Decimal = Decimal(-10)
    unchanged_within: Decimal = Decimal("2.5")


WIRRAL_BANDS = Bands()


@dataclass(frozen=True)
class Assessment:
    """A rating or direction, the signed percentage behind it, and the rule in words."""

    outcome: Rating | Direction
    percent: Decimal | None
    explanation: str
    stated: bool = False  # as a report states it, not computed from the figures

    @property
    def label(self) -> str:
        if self.stated and self.outcome != Direction.NOT_RECORDED:
            return f"{self.outcome.label} (as reported)"
        return str(self.outcome.label)


def relative_change(value: Decimal, base: Decimal, *, lower_is_better: bool) -> Decimal:
    """The percentage by which `value` is better (+) or worse (-) than `base`, relative to the
    size of `base`, so a negative base does not turn better into worse."""
    change = (Decimal(value) - Decimal(base)) / abs(Decimal(base)) * HUNDRED
    return -change if lower_is_better else change


def _polarity(lower_is_better: bool) -> str:
    return "lower is better" if lower_is_better else "higher is better"


def _figure(value: Decimal, unit_suffix: str) -> str:
    return f"{Decimal(value).normalize():f}{unit_suffix}"


def rate(*, actual: Decimal | None, target: Decimal | None, lower_is_better: bool,
         bands: Bands = WIRRAL_BANDS, unit_suffix: str = "") -> Assessment:
    """Rate an actual against its target."""
    if actual is None:
        return Assessment(Rating.AWAITING_DATA, None, "Awaiting data: no actual entered yet")
    if target is None:
        return Assessment(Rating.TARGET_NOT_SET, None, "Target not set for this period")
    target_text = f"target of {_figure(target, unit_suffix)}, {_polarity(lower_is_better)}"
    if Decimal(target) == 0:
        return Assessment(Rating.NOT_RATED, None,
                          f"Cannot be rated: a {target_text} has no relative deviation")
    d = relative_change(actual, target, lower_is_better=lower_is_better)
    if d > bands.over_performing_above:
        rating = Rating.OVER_PERFORMING
    elif d >= bands.green_from:
        rating = Rating.GREEN
    elif d >= bands.amber_from:
        rating = Rating.AMBER
    else:
        rating = Rating.RED
    how = "on" if d == 0 else f"{abs(d):.1f}% {'better' if d > 0 else 'worse'} than"
    return Assessment(rating, d, f"{rating.label}: {how} {target_text}")


def direction(*, actual: Decimal | None, previous: Decimal | None, lower_is_better: bool,
              bands: Bands = WIRRAL_BANDS, unit_suffix: str = "") -> Assessment:
    """The direction of travel of an actual against the same period a year before."""
    if actual is None:
        return Assessment(Direction.AWAITING_DATA, None, "Awaiting data: no actual entered yet")
    if previous is None:
        return Assessment(Direction.NOT_APPLICABLE, None,
                          "Not applicable: no value for the same period last year")
    previous_text = f"last year's {_figure(previous, unit_suffix)}, {_polarity(lower_is_better)}"
    if Decimal(previous) == 0:
        why = f"Not applicable: {previous_text} was zero, so there is no relative change"
        return Assessment(Direction.NOT_APPLICABLE, None, why)
    c = relative_change(actual, previous, lower_is_better=lower_is_better)
    if c > bands.unchanged_within:
        outcome = Direction.IMPROVED
    elif c < -bands.unchanged_within:
        outcome = Direction.DETERIORATED
    else:
        outcome = Direction.UNCHANGED
    return Assessment(outcome, c, f"{outcome.label}: {abs(c):.1f}% "
                                  f"{'better' if c >= 0 else 'worse'} than {previous_text}")


def direction_of_travel(*, actual: Decimal | None, previous: Decimal | None, stated: str,
                        lower_is_better: bool, bands: Bands = WIRRAL_BANDS,
                        unit_suffix: str = "") -> Assessment:
    """The direction of travel to show: computed from last year's figure wherever that figure
    is held; only where it is not, the direction the report states (`stated`, a Direction or
    ""), marked as stated. With no actual it is awaiting data, whatever was stated."""
    computed = direction(actual=actual, previous=previous, lower_is_better=lower_is_better,
                         bands=bands, unit_suffix=unit_suffix)
    if actual is None or previous is not None or stated not in STATED_DIRECTIONS:
        return computed
    outcome = Direction(stated)
    if outcome == Direction.NOT_RECORDED:
        return Assessment(outcome, None, "Not recorded: the report gives no direction of "
                                         "travel, and no value for the same period last year "
                                         "is held", stated=True)
    return Assessment(outcome, None, f"{outcome.label} (as reported): the direction of travel "
                                     "the report states, not computed, as no value for the "
                                     "same period last year is held", stated=True)


def summarise(outcomes: Iterable[str],
              choices: Sequence[Rating | Direction]) -> dict[str, Any]:
    """Counts and percentages (to 2 decimal places) of each outcome, as the board report shows.

    Every choice is listed, with zero where none fell in it, in the order of `choices`.
    """
    outcomes = list(outcomes)
    total = len(outcomes)
    rows = []
    for choice in choices:
        count = sum(1 for outcome in outcomes if outcome == choice)
        percent = (Decimal(count) * HUNDRED / total) if total else Decimal(0)
        rows.append({"outcome": choice, "label": choice.label, "count": count,
                     "percent": percent.quantize(Decimal("0.01"))})
    return {"rows": rows, "total": total}
