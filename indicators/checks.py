"""Checks on a figure as it is typed: the rating it would get, and warnings that ask for a
second look without refusing anything, since a real figure can do all of these things.

- The rating: rag.rate, of the figure typed (an actual) or of the period's actual against the
  figure typed (a target).
- A warning when the figure is more than CHANGE_LIMIT percent higher or lower than last
  quarter's or the same quarter's last year, relative to the size of that figure as
  rag.relative_change measures it, but either way: a big move is worth checking whichever
  way is better. None against a figure of zero, which has no relative change.
- A warning when a percentage is outside 0 to 100 (a change can be a negative percentage).

CHANGE_LIMIT is one number for every partnership, not a setting beside its tolerance bands:
the bands decide the rating the board reads, which is each partnership's policy; this only
decides when an officer is asked to check their typing, and changes nothing saved or read.

The pages hand the browser each figure's `terms` as JSON, and static/figure-checks.js runs the
same rules as figures are typed; the server's rules (this module and rag.py) are the truth,
and tests/test_figure_checks.py runs both over a table of cases to check they agree.
"""

from dataclasses import dataclass
from decimal import Decimal

from . import rag
from .models import Indicator

CHANGE_LIMIT = Decimal(25)


@dataclass(frozen=True)
class Comparison:
    """An earlier figure to compare with: "last quarter", its period's name, its value."""

    label: str
    period: str
    value: Decimal
    shown: str  # as pages show it, at the indicator's precision


def plain(value):
    """A figure as the terms carry it: 5.3 for the stored 5.3000; None stays."""
    return None if value is None else f"{Decimal(value).normalize():f}"


def terms(*, indicator, bands, typed, target=None, actual=None, saved=None, comparisons=()):
    """What the browser needs to check a figure of `indicator` as it is typed: `typed` is
    "actual" (rated against `target`; the rating is shown once it differs from `saved`),
    "target" (rating the period's `actual`, if it has one) or "forecast" (not rated)."""
    rating = None
    if typed == "actual":
        rating = {"target": plain(target), "saved": plain(saved)}
    elif typed == "target" and actual is not None:
        rating = {"actual": plain(actual)}
    if rating is not None:
        rating.update(lowerIsBetter=indicator.lower_is_better, unitSuffix=indicator.unit_suffix,
                      bands=[plain(bands.over_performing_above), plain(bands.green_from),
                             plain(bands.amber_from)])
    return {"typed": typed, "rating": rating, "limit": plain(CHANGE_LIMIT),
            "percent": indicator.unit == Indicator.Unit.PERCENT,
            "comparisons": [{"label": c.label, "period": c.period, "value": plain(c.value),
                             "shown": c.shown} for c in comparisons]}


def _decimal(text):
    return None if text is None else Decimal(text)


def rating(value, terms):
    """The rating to show for `value` (the figure typed, None if blank), or None: none where
    nothing is rated, and none for an actual still as saved (its page shows that rating)."""
    given = terms["rating"]
    if given is None:
        return None
    if terms["typed"] == "actual":
        if value == _decimal(given["saved"]):
            return None
        actual, target = value, _decimal(given["target"])
    else:
        actual, target = _decimal(given["actual"]), value
    over, green, amber = (Decimal(band) for band in given["bands"])
    return rag.rate(actual=actual, target=target, lower_is_better=given["lowerIsBetter"],
                    unit_suffix=given["unitSuffix"], bands=rag.Bands(over, green, amber))


def beside_badge(rating):
    """What a rating says beyond its badge: its explanation without the outcome's name it
    starts with ("6.0% worse than target of 5%, ..." beside Amber; nothing beside Target not
    set)."""
    said, _, beyond = rating.explanation.partition(f"{rating.outcome.label}: ")
    return beyond if not said else ""


def warnings(value, terms):
    """What to ask the officer to check about `value` (None if blank), in words."""
    if value is None:
        return []
    found = []
    if terms["percent"] and not 0 <= value <= 100:
        found.append("This percentage is outside 0 to 100: check it is right.")
    limit = Decimal(terms["limit"])
    for comparison in terms["comparisons"]:
        base = Decimal(comparison["value"])
        if base == 0:
            continue
        change = (value - base) / abs(base) * rag.HUNDRED
        if abs(change) > limit:
            found.append(f"{abs(change):.1f}% {'higher' if change > 0 else 'lower'} than "
                         f"{comparison['label']} ({comparison['period']}: "
                         f"{comparison['shown']}): check it is right.")
    return found
