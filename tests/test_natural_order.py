"""Indicator codes sort one way everywhere, as the board's report prints them: NI 8 before
NI 19 before NI 117 (indicators/codes.py), on every page, download and admin list."""

import csv
import io
import re

import pytest
from django.urls import reverse

from indicators.codes import natural_key
from indicators.models import Indicator

ORDER = ["LOCAL 2", "LOCAL 1400", "NI 8", "NI 19", "NI 43", "NI 103a", "NI 103b", "NI 117"]


@pytest.mark.parametrize(("codes", "expected"), [
    (["NI 117", "NI 19", "NI 8"], ["NI 8", "NI 19", "NI 117"]),
    # A letter after the number sorts after the number alone, and by letter.
    (["NI 103b", "NI 104", "NI 103a", "NI 103"], ["NI 103", "NI 103a", "NI 103b", "NI 104"]),
    # Case does not matter; the text before the number does, then the number.
    (["ni 20", "LOCAL 1401", "NI 3", "local 1400"], ["local 1400", "LOCAL 1401", "NI 3", "ni 20"]),
    # Codes without a number, or only a number, sort among the others without an error.
    (["LOCAL TP", "LOCAL 12", "12", "LOCAL NEET"], ["12", "LOCAL 12", "LOCAL NEET", "LOCAL TP"]),
    (["NI 5.10", "NI 5.9"], ["NI 5.9", "NI 5.10"]),
])
def test_codes_sort_naturally(codes, expected):
    assert sorted(codes, key=natural_key) == expected


@pytest.fixture
def coded(world):
    """The world's NI 43 among indicators whose codes sort differently as text."""
    for code in ORDER:
        if code != world.indicator.code:
            indicator = Indicator.objects.create(partnership=world.north, code=code,
                                                 title=f"Indicator {code}")
            world.commission.indicators.add(indicator)
    return world


def in_page_order(text, codes=ORDER):
    """The codes in the order `text` last shows them, each a whole code: the full list comes
    after any other mention (the report's exceptions, a contract's measures)."""
    found = {code: [match.start() for match in re.finditer(
        rf"(?<![\w]){re.escape(code)}(?![\w])", text)] for code in codes}
    return sorted((code for code in codes if found[code]), key=lambda code: found[code][-1])


def page(client, name, *args, **params):
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("name", "args", "params"), [
    ("performance_report", lambda w: [w.north.slug], {}),
    ("actuals_entry", lambda w: [w.north.slug, w.period.pk], {}),
    ("outstanding_actuals", lambda w: [w.north.slug, w.period.pk], {}),
    ("commission_detail", lambda w: [w.north.slug, w.commission.pk], {}),
    ("contract_detail", lambda w: [w.north.slug, w.contract.pk], {}),
    ("admin:indicators_indicator_changelist", lambda w: [], {}),
    ("admin:commissioning_commission_change", lambda w: [w.commission.pk], {}),
])
def test_every_list_of_indicators_is_in_natural_order(coded, login, name, args, params):
    text = page(login(coded.users["administrator"]), name, *args(coded), **params)
    shown = in_page_order(text)
    assert shown == sorted(shown, key=natural_key) and len(shown) >= len(ORDER) - 1


@pytest.mark.parametrize(("name", "args", "params"), [
    ("performance_report", lambda w: [w.north.slug], {"format": "csv"}),
    ("upload_template", lambda w: [w.north.slug], {}),
])
def test_downloads_list_indicators_in_natural_order(coded, login, name, args, params):
    text = page(login(coded.users["administrator"]), name, *args(coded), **params)
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert [row[0] for row in rows] == ORDER

