"""What a figure and a piece of commentary may be, wherever they come in: the entry page, an
upload, `manage.py import_actuals` and the administration pages all use these rules.

- A figure is stored with at most 10 digits before the decimal point and 4 after it
  (DecimalField(max_digits=14, decimal_places=4)); one that still does not fit once rounded to
  4 places is refused, never stored to break every report that reads it.
- A comma in a figure may only separate thousands, in groups of three: "1,234" and "12,345.6"
  are numbers; "12,5" (a decimal comma?) and "1,23,4" are refused rather than guessed at.
- Commentary keeps only characters a spreadsheet can hold: control characters pasted in from
  other programs (vertical tab, escape, NUL, ...) are taken out on the way in, and again on
  the way out of every export, since older rows may hold them.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

MAX_DIGITS, DECIMAL_PLACES = 14, 4
QUANTUM = Decimal(1).scaleb(-DECIMAL_PLACES)
LARGEST = Decimal(10) ** (MAX_DIGITS - DECIMAL_PLACES) - QUANTUM  # 9999999999.9999
THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
# What Excel (and XML 1.0) cannot hold: C0 controls other than tab, line feed and carriage
# return, DEL, and the two non-characters U+FFFE and U+FFFF. A vertical tab or form feed is
# Word's line break or page break, so it becomes a line break.
LINE_BREAKS = re.compile(r"[\x0b\x0c]")
UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")


def parse_figure(text):
    """The figure `text` states, as it will be stored; None for a blank; ValueError saying
    what is wrong, for the officer, if it is not a number that can be stored."""
    text = str(text if text is not None else "").strip()
    if not text:
        return None
    written = text
    text = text.removesuffix("%").strip()
    if "," in text:
        if not THOUSANDS.fullmatch(text):
            raise ValueError(f"'{written}' is not a number: use a point for decimals (12.5), "
                             "and commas only between thousands (1,234)")
        text = text.replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"'{written}' is not a number") from None
    return storable(number, written=written)


def storable(number, *, written=None):
    """`number` rounded to the 4 decimal places stored, or ValueError if it is not finite or
    does not fit in 10 digits before the decimal point even once rounded."""
    written = written if written is not None else str(number)
    number = Decimal(number)
    # Look at its size before rounding too: rounding 1E+400000 to 4 places is itself an error.
    if number.is_finite() and number.adjusted() < MAX_DIGITS - DECIMAL_PLACES:
        rounded = number.quantize(QUANTUM)
        if abs(rounded) <= LARGEST:
            return rounded
    raise ValueError(f"'{written}' is not a number we can store: figures must be "
                     f"between -{LARGEST:,f} and {LARGEST:,f}")


def clean_text(text):
    """`text` without the characters a spreadsheet cannot hold (see UNPRINTABLE)."""
    if not isinstance(text, str):
        return text
    return UNPRINTABLE.sub("", LINE_BREAKS.sub("\n", text))


def validate_printable(text):
    """For model fields, so the administration pages refuse what the forms take out."""
    if isinstance(text, str) and clean_text(text) != text:
        raise ValidationError("Remove the control characters (such as a vertical tab or an "
                              "escape) pasted in with this text", code="unprintable")
