import datetime

import pytest
from django.core.exceptions import ValidationError

from indicators.models import ReportingPeriod
from indicators.periods import FIRST_YEAR, LAST_YEAR, parse_period_name


@pytest.mark.parametrize(("name", "parsed"), [
    ("2009/10 Q2", ("quarter", 2009, 2)),
    ("2009/10 q4", ("quarter", 2009, 4)),
    (" 2009/2010 Q1 ", ("quarter", 2009, 1)),
    ("2009/10", ("year", 2009, 0)),
    ("2009/10 year end", ("year", 2009, 0)),
    ("1998", ("calendar_year", 1998, 0)),
    ("1999/00", ("year", 1999, 0)),
])
def test_period_names(name, parsed):
    assert parse_period_name(name) == parsed


@pytest.mark.parametrize("name", ["", None, "Q2", "2009/11 Q2", "2009/10 Q5", "last year",
                                  "2009-10", "20091"])
def test_bad_period_names_say_what_is_expected(name):
    with pytest.raises(ValueError, match="write it like 2009/10 Q2|must follow"):
        parse_period_name(name)


@pytest.mark.parametrize(("kind", "year", "quarter", "name", "starts", "ends"), [
    ("quarter", 2009, 1, "2009/10 Q1", (2009, 4, 1), (2009, 6, 30)),
    ("quarter", 2009, 2, "2009/10 Q2", (2009, 7, 1), (2009, 9, 30)),
    ("quarter", 2009, 3, "2009/10 Q3", (2009, 10, 1), (2009, 12, 31)),
    ("quarter", 2009, 4, "2009/10 Q4", (2010, 1, 1), (2010, 3, 31)),
    ("year", 2009, 0, "2009/10", (2009, 4, 1), (2010, 3, 31)),
    ("year", 1999, 0, "1999/00", (1999, 4, 1), (2000, 3, 31)),
    ("calendar_year", 1998, 0, "1998", (1998, 1, 1), (1998, 12, 31)),
])
def test_financial_quarters_run_april_to_march(kind, year, quarter, name, starts, ends):
    period = ReportingPeriod(kind=kind, year=year, quarter=quarter)
    assert period.name == name
    assert period.starts_on == datetime.date(*starts)
    assert period.ends_on == datetime.date(*ends)
    first, last = period.months
    assert (divmod(first, 12), divmod(last, 12)) == ((starts[0], starts[1] - 1),
                                                     (ends[0], ends[1] - 1))


@pytest.mark.parametrize("name", ["0000/01 Q1", "9999/00 Q4", "1000", "2100/01",
                                  "1989/90 Q2", "0001"])
def test_periods_outside_the_years_the_portal_reports_are_refused(name):
    with pytest.raises(ValueError, match=f"between {FIRST_YEAR} and {LAST_YEAR}"):
        parse_period_name(name)


@pytest.mark.parametrize(("name", "parsed"), [
    (f"{FIRST_YEAR}", ("calendar_year", FIRST_YEAR, 0)),
    (f"{LAST_YEAR}/{(LAST_YEAR + 1) % 100:02d} Q4", ("quarter", LAST_YEAR, 4)),
])
def test_the_first_and_last_years_are_periods(name, parsed):
    assert parse_period_name(name) == parsed


@pytest.mark.parametrize("year", [0, FIRST_YEAR - 1, LAST_YEAR + 1, 9999])
def test_a_period_outside_the_years_does_not_validate(db, world, year):
    period = ReportingPeriod(partnership=world.north, year=year, quarter=1)
    with pytest.raises(ValidationError, match="year"):
        period.full_clean()
