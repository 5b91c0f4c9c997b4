"""The OBA curve: where a figure is headed if nothing more is done, and whether it is turning.

Pure functions of an indicator's actuals, placed in time as years (2006 for calendar 2006,
2005.25 for the financial year 2005/06 starting in April, 2009.5 for its third quarter):

- the baseline forecast is the least-squares straight line through the actuals of the years
  before the plan began (at least two different years of them), read off at any later year up
  to the plan's end: "where we are headed if we do nothing more";
- the curve is turning when the latest actual is better than the forecast for its year: below
  it where lower is better, above it otherwise; by how much is the difference in the figure's
  own units and in percent of the forecast;
- the change since baseline is (value - baseline) / |baseline| * 100, signed as the figure
  moves, as report cards print their "Performance" row (57.9 in 1998 to 41.6 in 2006: -28%).

Years without an actual (gaps) are left out of the fit, never filled in.
"""

from dataclasses import dataclass
from decimal import Decimal

HUNDRED = Decimal(100)
MINIMUM_YEARS_TO_FIT = 2


@dataclass(frozen=True)
class Forecast:
    """The straight line through (mean_position, mean_value) rising `slope` a year, fitted to
    `years` actuals. Kept about its centre, not year 0, so no precision goes on large years."""

    slope: Decimal
    mean_position: Decimal
    mean_value: Decimal
    fitted_from: Decimal
    fitted_to: Decimal
    years: int

    def at(self, position):
        return self.mean_value + self.slope * (Decimal(position) - self.mean_position)


def baseline_forecast(points, *, plan_starts):
    """The forecast fitted to `points` ((position, value or None) pairs) before `plan_starts`,
    or None when fewer than two different positions before it have a value."""
    before = [(Decimal(x), Decimal(y)) for x, y in points if y is not None and x < plan_starts]
    if len({x for x, _ in before}) < MINIMUM_YEARS_TO_FIT:
        return None
    count = len(before)
    mean_x = sum(x for x, _ in before) / count
    mean_y = sum(y for _, y in before) / count
    spread = sum((x - mean_x) ** 2 for x, _ in before)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in before) / spread
    return Forecast(slope=slope, mean_position=mean_x, mean_value=mean_y,
                    fitted_from=min(x for x, _ in before), fitted_to=max(x for x, _ in before),
                    years=count)


@dataclass(frozen=True)
class Turn:
    """Whether the latest actual beats the forecast; `turning` is None when it cannot be told.

    `better_by` is how far the actual is on the better side of the forecast (negative: on the
    worse side), in the figure's units; `percent` the same in percent of the forecast."""

    turning: bool | None
    position: Decimal | None = None
    actual: Decimal | None = None
    forecast: Decimal | None = None
    better_by: Decimal | None = None
    percent: Decimal | None = None
    reason: str = ""


def turn(forecast, latest, *, lower_is_better):
    """Compare `latest` ((position, value), or None) with `forecast` (a Forecast, or None)."""
    if forecast is None:
        return Turn(turning=None, reason="Too few actuals before the plan began to forecast "
                                         "a baseline (two years at least).")
    if latest is None or latest[1] is None:
        return Turn(turning=None, reason="No actual yet to compare with the forecast.")
    position, actual = Decimal(latest[0]), Decimal(latest[1])
    expected = forecast.at(position)
    better_by = (expected - actual) if lower_is_better else (actual - expected)
    percent = None if expected == 0 else better_by / abs(expected) * HUNDRED
    side = "below" if lower_is_better else "above"
    return Turn(turning=better_by > 0, position=position, actual=actual, forecast=expected,
                better_by=better_by, percent=percent,
                reason=f"Turning when the latest actual is {side} the forecast for its year.")


def change_since_baseline(baseline, value):
    """The change from `baseline` to `value` in percent of the baseline's size; None if
    either is missing or the baseline is zero."""
    if baseline is None or value is None or Decimal(baseline) == 0:
        return None
    baseline, value = Decimal(baseline), Decimal(value)
    return (value - baseline) / abs(baseline) * HUNDRED
