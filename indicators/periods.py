"""Reporting period names as officers write them: `2009/10 Q2`, `2009/10`, `1998`.

A period starts in a year from FIRST_YEAR to LAST_YEAR: wide enough for the trend lines the
plans draw back to 1998, narrow enough that every period's dates exist (a financial year
starting in 9999 would end in the year 10000). The parser, the model's validation and so every
upload use this one rule.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

FIRST_YEAR, LAST_YEAR = 1990, 2099
QUARTER, YEAR, CALENDAR_YEAR = "quarter", "year", "calendar_year"
NAME = re.compile(
    r"^\s*(?P<year>\d{4})(?:\s*/\s*(?P<next>\d{2}|\d{4})"
    r"(?:\s+(?:Q(?P<quarter>[1-4])|(?P<year_end>year[ -]end)))?)?\s*$",
    re.IGNORECASE,
)


def parse_period_name(name):
    """(kind, year, quarter) for a period name, or ValueError saying what is expected.

    The quarter is 1 to 4, or 0 for a whole year.
    `2009/10 Q2` is the second financial quarter (July to September 2009); `2009/10` and
    `2009/10 year end` the financial year; `1998` a calendar year.
    """
    match = NAME.match(str(name or ""))
    if not match:
        raise ValueError(f"'{name}' is not a period: write it like 2009/10 Q2, 2009/10 or 2009")
    year = int(match["year"])
    check_year(year, name)
    if match["next"] is None:
        return CALENDAR_YEAR, year, 0
    if int(match["next"]) % 100 != (year + 1) % 100:
        raise ValueError(f"'{name}' is not a period: the second year must follow the first")
    if match["quarter"]:
        return QUARTER, year, int(match["quarter"])
    return YEAR, year, 0


def earlier_periods(kind, year, quarter):
    """The periods a figure of the period (kind, year, quarter) is checked against, each as
    (what to call it, (kind, year, quarter)): for a quarter, the quarter before; for any
    period, the same one a year before."""
    earlier = []
    if kind == QUARTER:
        earlier.append(("last quarter", (QUARTER, year, quarter - 1) if quarter > 1
                        else (QUARTER, year - 1, 4)))
    earlier.append(("the same quarter last year" if kind == QUARTER else "last year",
                    (kind, year - 1, quarter)))
    return earlier


def check_year(year, name=None):
    """ValueError unless a period may start in `year` (FIRST_YEAR to LAST_YEAR)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"'{name if name is not None else year}' is not a period we report: "
                         f"its year must be between {FIRST_YEAR} and {LAST_YEAR}")


def validate_year(year):
    """check_year for a model field, so that no form or page can create such a period."""
    try:
        check_year(year)
    except ValueError as error:
        raise ValidationError(str(error), code="year_out_of_range") from None


@dataclass(frozen=True)
class Deadline:
    """When a period's figures are due, seen from today: `days_left` is negative once they are
    overdue, None when no due date is set."""

    due_on: datetime.date | None
    days_left: int | None

    @property
    def is_overdue(self):
        return self.days_left is not None and self.days_left < 0

    @property
    def words(self):
        """"12 days left", "Due today", "3 days overdue", or "No due date set"."""
        if self.days_left is None:
            return "No due date set"
        if self.days_left == 0:
            return "Due today"
        days = abs(self.days_left)
        return f"{days} day{'s' if days != 1 else ''} {'overdue' if self.is_overdue else 'left'}"


def deadline(due_on, today):
    """The deadline of figures due on `due_on` (None: no due date), as it stands on `today`."""
    return Deadline(due_on=due_on, days_left=None if due_on is None else (due_on - today).days)
