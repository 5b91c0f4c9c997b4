"""The order of indicator codes: the one way every list of indicators is sorted, as the board's
report prints them (NI 8, NI 19, NI 117, then LOCAL 1400), not as text sorts (NI 117 before
NI 19)."""

import re


def natural_key(code):
    """Sort NI 43 before NI 112: digit runs compare as numbers, the rest as text regardless of
    case. Text and numbers alternate from the start, so two keys never compare a number with
    text."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", code)]


def in_code_order(indicators):
    """The indicators, as a list, in the natural order of their codes."""
    return sorted(indicators, key=lambda indicator: natural_key(indicator.code))
