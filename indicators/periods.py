"""Reporting period names as officers write them: `2009/10 Q2`, `2009/10`, `1998`."""

import re

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
    if match["next"] is None:
        return CALENDAR_YEAR, year, 0
    if int(match["next"]) % 100 != (year + 1) % 100:
        raise ValueError(f"'{name}' is not a period: the second year must follow the first")
    if match["quarter"]:
        return QUARTER, year, int(match["quarter"])
    return YEAR, year, 0
