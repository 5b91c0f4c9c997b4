"""The safeguarding app's pure rules: the anonymity check, overdue actions and the Star
Chamber's duplicate rule, table by table."""

import datetime

import pytest

from safeguarding.anonymity import flags, highlighted
from safeguarding.rules import Approved, duplicates, is_overdue

NOTHING = []

# (text, [(kind, flagged text)]): seed 002's own phrasing, and what a review must never hold.
ANONYMITY = [
    # Roles, bodies and places of the seeds pass.
    ("Director of Children's Services", NOTHING),
    ("Designated Nurse", NOTHING),
    ("Named Doctor for Safeguarding", NOTHING),
    ("Strategic Service Manager - Safeguarding", NOTHING),
    ("Assistant Chief Constable", NOTHING),
    ("Wirral Local Safeguarding Children Board (LSCB)", NOTHING),
    ("The Wirral Children's Trust Board", NOTHING),
    ("Merseyside Police with the 5 LSCB's", NOTHING),
    ("The Social Care Institute of Excellence was awarded the contract", NOTHING),
    ("the Serious Case Review in Haringey", NOTHING),
    ("Leeds and Liverpool", NOTHING),
    # Initials and codes pass: that is how reviews are known.
    ("The JSC has been rated as outstanding", NOTHING),
    ("A second review on AP was assessed as an adequate.", NOTHING),
    ("SCR is underway on child CF which has met delays due to criminal proceedings.", NOTHING),
    ("Executive Summary expected towards end of November 2009", NOTHING),
    # Full names, with or without a title, are flagged.
    ("Jane Smith was seen by the health visitor", [("name", "Jane Smith")]),
    ("the case of Baby Peter", [("name", "Baby Peter")]),
    ("Cllr Sheila Clarke asked", [("name", "Cllr Sheila Clarke")]),
    ("Mr Smith attended", [("name", "Mr Smith")]),
    ("Mary O'Brien and John McDonald-Smith",
     [("name", "Mary O'Brien"), ("name", "John McDonald-Smith")]),
    ("The Designated Nurse spoke to Jane Smith",
     [("name", "Jane Smith")]),
    # Dates of birth.
    ("born 12/03/2005", [("date of birth", "born 12/03/2005")]),
    ("DOB: 3 March 2004", [("date of birth", "DOB: 3 March 2004")]),
    ("her date of birth 3rd March 2004 was", [("date of birth", "date of birth 3rd March 2004")]),
    ("the child was born in March 2004", [("date of birth", "born in March 2004")]),
    # Street addresses and postcodes.
    ("lived at 14 Acre Lane", [("address", "14 Acre Lane")]),
    ("at 7a Chester Road, Birkenhead", [("address", "7a Chester Road")]),
    ("postcode CH41 5FN", [("postcode", "CH41 5FN")]),
    ("L3 8EN", [("postcode", "L3 8EN")]),
]


@pytest.mark.parametrize(("text", "expected"), ANONYMITY)
def test_anonymity_check(text, expected):
    assert [(flag.kind, flag.text) for flag in flags(text)] == expected


def test_highlighted_pieces_rebuild_the_text():
    text = "Seen by Jane Smith at 14 Acre Lane."
    pieces = highlighted(text)
    assert "".join(piece for piece, _ in pieces) == text
    assert [piece for piece, flag in pieces if flag] == ["Jane Smith", "14 Acre Lane"]


TODAY = datetime.date(2009, 11, 20)
DAY = datetime.timedelta(days=1)

# (due, completed, overdue?)
OVERDUE = [
    (TODAY - DAY, None, True),
    (TODAY, None, False),  # due today is not yet overdue
    (TODAY + DAY, None, False),
    (TODAY - DAY, TODAY - 2 * DAY, False),  # completed
    (TODAY - DAY, TODAY, False),  # completed late, but completed
    (None, None, False),  # no due date
]


@pytest.mark.parametrize(("due_on", "completed_on", "expected"), OVERDUE)
def test_overdue_actions(due_on, completed_on, expected):
    assert is_overdue(due_on=due_on, completed_on=completed_on, today=TODAY) is expected


ON = datetime.date(2010, 3, 1)
YEAR = datetime.timedelta(days=365)

# (approved request, duplicate of a request for priority 1, "Year 6 pupils" on ON?)
DUPLICATES = [
    (Approved(1, 1, "Year 6 pupils", ON - DAY), True),
    (Approved(2, 1, "year 6  Pupils", ON - 30 * DAY), True),  # case and spacing aside
    (Approved(3, 1, "Year 6 pupils", ON - YEAR), True),  # the 12 months include their first day
    (Approved(4, 1, "Year 6 pupils", ON - YEAR - DAY), False),  # over 12 months ago
    (Approved(5, 2, "Year 6 pupils", ON - DAY), False),  # another priority
    (Approved(6, 1, "Year 5 pupils", ON - DAY), False),  # another target group
    (Approved(7, 1, "Year 6 pupils", ON + DAY), False),  # approved after the day considered
    (Approved(99, 1, "Year 6 pupils", ON - DAY), False),  # the request itself
]


@pytest.mark.parametrize(("approved", "expected"), DUPLICATES)
def test_star_chamber_duplicate_rule(approved, expected):
    found = duplicates(priority_id=1, target_group="Year 6 pupils", approved=[approved], on=ON,
                       exclude=99)
    assert (found == [approved]) is expected
