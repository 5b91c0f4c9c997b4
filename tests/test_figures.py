"""The rules for what a figure and commentary may be, table by table: one rule for the entry
page, uploads, the import command and the administration pages."""

from decimal import Decimal

import pytest

from indicators.figures import clean_text, parse_figure, storable

D = Decimal


@pytest.mark.parametrize(("text", "figure"), [
    ("5.3", D("5.3")),
    ("  -1.98 ", D("-1.98")),
    ("81.6%", D("81.6")),
    ("", None),
    (None, None),
    ("1,234", D("1234")),
    ("12,345.6", D("12345.6")),
    ("-1,234,567.25", D("-1234567.25")),
    ("1e3", D("1000")),
    ("0.00004", D("0.0000")),
    ("1e-400000000", D("0.0000")),  # rounded to the 4 places stored
    ("9999999999.9999", D("9999999999.9999")),  # the largest that fits
    ("-9999999999.99994", D("-9999999999.9999")),
])
def test_figures_as_written(text, figure):
    assert parse_figure(text) == figure


@pytest.mark.parametrize(("text", "message"), [
    ("12,5", "use a point for decimals"),  # a decimal comma: 12.5 or 125?
    ("1,23,4", "commas only between thousands"),
    ("1,2345", "commas only between thousands"),
    ("12,345,6", "commas only between thousands"),
    (",5", "commas only between thousands"),
    ("1,,234", "commas only between thousands"),
    ("five", "not a number"),
    ("NaN", "not a number we can store"),
    ("Infinity", "not a number we can store"),
    ("1e400", "not a number we can store"),
    ("1e400000000", "not a number we can store"),
    ("10000000000", "not a number we can store"),
    ("9999999999.99995", "not a number we can store"),  # rounds past 10 digits
    ("-9999999999.99995", "not a number we can store"),
])
def test_figures_refused_with_a_reason(text, message):
    with pytest.raises(ValueError, match=message):
        parse_figure(text)


def test_storable_takes_numbers_as_excel_saves_them():
    assert storable(0.1 + 0.2) == D("0.3000")
    with pytest.raises(ValueError):
        storable(D("9999999999.99995"))


@pytest.mark.parametrize(("text", "clean"), [
    ("Two more\x0bsentences", "Two more\nsentences"),  # Word's line break
    ("Page\x0cbreak", "Page\nbreak"),
    ("Escape\x1b[31m red", "Escape[31m red"),
    ("N\x00UL", "NUL"),
    ("Bell\x07 and DEL\x7f", "Bell and DEL"),
    ("Tab\tand\r\nlines", "Tab\tand\r\nlines"),
    ("Non\ufffecharacter", "Noncharacter"),
    ("Plain text, £40,000 – é", "Plain text, £40,000 – é"),
])
def test_commentary_keeps_only_what_a_spreadsheet_can_hold(text, clean):
    assert clean_text(text) == clean
