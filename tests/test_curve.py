"""The baseline forecast, the turn of the curve and the change since baseline, and the
periods a card shows, table by table."""

from decimal import Decimal

import pytest

from indicators.card_reads import with_gaps
from indicators.curve import baseline_forecast, change_since_baseline, turn
from indicators.models import ReportingPeriod
from indicators.periods import parse_period_name

D = Decimal


def points(*pairs):
    return [(D(x), None if y is None else D(y)) for x, y in pairs]


@pytest.mark.parametrize(("series", "plan_starts", "at", "expected"), [
    # A rising line: 10, 12, 14 from 2005 reads 20 in 2010.
    (points((2005, 10), (2006, 12), (2007, 14)), 2008, 2010, D(20)),
    # A falling line, lower is better or not: the fit does not care.
    (points((2005, 30), (2006, 27), (2007, 24)), 2008, 2009, D(18)),
    # A flat line stays flat.
    (points((2005, 5), (2006, 5), (2007, 5)), 2008, 2015, D(5)),
    # Gaps are left out, not filled: 10 in 2004 and 16 in 2007 make 2 a year.
    (points((2004, 10), (2005, None), (2006, None), (2007, 16)), 2008, 2009, D(20)),
    # Actuals from the plan's start on are not part of the baseline.
    (points((2005, 10), (2006, 12), (2009, 99)), D("2008.25"), 2007, D(14)),
    # Scattered points: the least-squares line through (0,1), (1,3), (2,2) is 1.5 + 0.5x.
    (points((2000, 1), (2001, 3), (2002, 2)), 2003, 2004, D("3.5")),
    # Financial years sit a quarter into their first calendar year.
    (points((D("2005.25"), 12), (D("2006.25"), 11)), D("2009.25"), D("2008.25"), D(9)),
])
def test_forecast(series, plan_starts, at, expected):
    forecast = baseline_forecast(series, plan_starts=D(plan_starts))
    assert forecast.at(at).quantize(D("0.0001")) == expected.quantize(D("0.0001"))


@pytest.mark.parametrize("series", [
    [],
    points((2005, 10)),  # one point
    points((2005, 10), (2006, None)),  # one point and a gap
    points((2005, 10), (2005, 12)),  # two values for the same year
    points((2009, 10), (2010, 12)),  # nothing before the plan
])
def test_too_few_points_give_no_forecast(series):
    assert baseline_forecast(series, plan_starts=D(2009)) is None


RISING = baseline_forecast(points((2005, 10), (2006, 12), (2007, 14)), plan_starts=D(2008))
FLAT = baseline_forecast(points((2005, 5), (2006, 5)), plan_starts=D(2008))


@pytest.mark.parametrize(("forecast", "latest", "lower_is_better", "turning", "better_by",
                          "percent"), [
    # Higher is better, forecast 18 in 2009: 19 beats it by 1 (5.6%), 17 falls short.
    (RISING, (2009, 19), False, True, D(1), D("5.56")),
    (RISING, (2009, 17), False, False, D(-1), D("-5.56")),
    # Lower is better: the same line read the other way.
    (RISING, (2009, 17), True, True, D(1), D("5.56")),
    (RISING, (2009, 19), True, False, D(-1), D("-5.56")),
    # On the line exactly is not turning.
    (RISING, (2009, 18), False, False, D(0), D(0)),
    (FLAT, (2010, 5), True, False, D(0), D(0)),
    (FLAT, (2010, 4), True, True, D(1), D(20)),
    # A forecast of zero has no percentage.
    (baseline_forecast(points((2005, 2), (2006, 1)), plan_starts=D(2008)), (2007, 1), True,
     False, D(-1), None),
])
def test_turn(forecast, latest, lower_is_better, turning, better_by, percent):
    result = turn(forecast, points(latest)[0], lower_is_better=lower_is_better)
    assert result.turning is turning
    assert result.better_by == better_by
    if percent is None:
        assert result.percent is None
    else:
        assert result.percent.quantize(D("0.01")) == percent


@pytest.mark.parametrize(("forecast", "latest"), [
    (None, (D(2009), D(19))),  # too few points to forecast
    (RISING, None),  # no actual yet
    (RISING, (D(2009), None)),  # the latest year is a gap
])
def test_turn_cannot_be_told(forecast, latest):
    result = turn(forecast, latest, lower_is_better=False)
    assert result.turning is None
    assert result.reason


@pytest.mark.parametrize(("baseline", "value", "expected"), [
    # Seed 001, teenage pregnancy: 57.9 in 1998 to 41.6 in 2006 is -28%; 26.0 is -55%.
    (D("57.9"), D("41.6"), D(-28)),
    (D("57.9"), D("26.0"), D(-55)),
    (D("57.9"), D("55.0"), D(-5)),
    # Seed 001, PE and sport: 33% in 2004 to 88% is +167%.
    (D(33), D(88), D(167)),
    # A negative baseline keeps the direction of the move.
    (D(-10), D(-12), D(-20)),
    (D(0), D(5), None),
    (None, D(5), None),
    (D(5), None, None),
])
def test_change_since_baseline(baseline, value, expected):
    result = change_since_baseline(baseline, value)
    assert (result if result is None else result.quantize(D(1))) == expected


def periods(*names):
    made = []
    for name in names:
        kind, year, quarter = parse_period_name(name)
        made.append(ReportingPeriod(kind=kind, year=year, quarter=quarter))
    return made


@pytest.mark.parametrize(("given", "shown"), [
    # Calendar years: 2004 to 2007 are shown empty between 2003 and 2008 (seed 001, CAMHS).
    (["2003", "2008"], ["2003", "2004", "2005", "2006", "2007", "2008"]),
    # Quarters across a year end.
    (["2009/10 Q3", "2010/11 Q2"], ["2009/10 Q3", "2009/10 Q4", "2010/11 Q1", "2010/11 Q2"]),
    # Periods of different kinds are never bridged: a calendar 2004, then financial years.
    (["2004", "2006/07"], ["2004", "2006/07"]),
    (["2005/06", "2007/08"], ["2005/06", "2006/07", "2007/08"]),
])
def test_a_card_shows_the_years_and_quarters_without_a_figure(given, shown):
    assert [period.name for period in with_gaps(periods(*given))] == shown
