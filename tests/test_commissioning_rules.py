"""The commissioning rules, table by table, without a database."""

import datetime
from decimal import Decimal as D

import pytest

from commissioning.rules import (
    CriterionTerms,
    Refused,
    Route,
    Stage,
    check_move,
    check_score,
    ends_soon,
    rank,
)

S = Stage


@pytest.mark.parametrize("current, target, reason, route, route_reason, expected", [
    (S.NEEDS, S.EVIDENCE, "", Route.NOT_RECORDED, "", "next"),
    (S.EVALUATION, S.RECOMMENDATION, "", Route.OPEN_TENDER, "", "next"),
    (S.NEEDS, S.SPECIFICATION, "", Route.NOT_RECORDED, "", "skips Evidence collated"),
    (S.NEEDS, S.SPECIFICATION, "Evidence came with the scrutiny review", Route.NOT_RECORDED,
     "", "skip"),
    (S.EVALUATION, S.PROCUREMENT, "", Route.OPEN_TENDER, "", "needs a reason"),
    (S.EVALUATION, S.PROCUREMENT, "Re-advertised", Route.OPEN_TENDER, "", "back"),
    (S.NEEDS, S.WITHDRAWN, "", Route.NOT_RECORDED, "", "reason for withdrawing"),
    (S.NEEDS, S.WITHDRAWN, "Funding withdrawn", Route.NOT_RECORDED, "", "withdraw"),
    (S.WITHDRAWN, S.NEEDS, "Back on", Route.NOT_RECORDED, "", "moves no further"),
    (S.ENDED, S.LIVE, "Extended", Route.NOT_RECORDED, "", "moves no further"),
    (S.LIVE, S.LIVE, "", Route.NOT_RECORDED, "", "already at Contract live"),
    (S.SPECIFICATION, S.PROCUREMENT, "", Route.DIRECT_AWARD, "", "direct award needs"),
    (S.SPECIFICATION, S.PROCUREMENT, "", Route.DIRECT_AWARD, "  ", "direct award needs"),
    (S.SPECIFICATION, S.PROCUREMENT, "", Route.DIRECT_AWARD, "My Place prime selection",
     "next"),
    (S.NEEDS, S.EVIDENCE, "", Route.DIRECT_AWARD, "", "next"),
])
def test_stage_moves(current, target, reason, route, route_reason, expected):
    if expected in {"next", "skip", "back", "withdraw"}:
        assert check_move(current, target, reason=reason, route=route,
                          route_reason=route_reason) == expected
    else:
        with pytest.raises(Refused, match=expected):
            check_move(current, target, reason=reason, route=route, route_reason=route_reason)


PRESENTATION = CriterionTerms("p", "Presentation", D(50), 10)
QUESTIONS = CriterionTerms("q", "Questions", D(50), 10)
BIDS = {"a": "Alpha", "b": "Beta"}


def scores(table):
    """{(bid, criterion, member): value} from rows of (bid, criterion, member, value)."""
    return {(bid, criterion, member): D(value) for bid, criterion, member, value in table}


FULL = [("a", "p", 1, 8), ("a", "q", 1, 7), ("b", "p", 1, 7), ("b", "q", 1, 7),
        ("a", "p", 2, 6), ("a", "q", 2, 9), ("b", "p", 2, 6), ("b", "q", 2, 6)]


@pytest.mark.parametrize("criteria, table, excused, expected", [
    ([PRESENTATION, QUESTIONS], FULL, set(), [("Alpha", D("75.00")), ("Beta", D("65.00"))]),
    ([CriterionTerms("p", "Presentation", D(70), 10), CriterionTerms("q", "Questions", D(30), 5)],
     [("a", "p", 1, 10), ("a", "q", 1, 1), ("b", "p", 1, 5), ("b", "q", 1, 5)], set(),
     [("Alpha", D("76.00")), ("Beta", D("65.00"))]),
    # a member with a declared interest in Beta is not expected to score it
    ([PRESENTATION, QUESTIONS], FULL[:2] + FULL[4:], {(1, "b")},
     [("Alpha", D("75.00")), ("Beta", D("60.00"))]),
])
def test_ranking(criteria, table, excused, expected):
    panel = sorted({member for _, _, member, _ in table})
    ranking = rank(bids=BIDS, criteria=criteria, panel=panel, scores=scores(table),
                   excused=excused)
    assert [(s.name, s.total) for s in ranking.standings] == expected
    assert [s.rank for s in ranking.standings] == [1, 2]
    assert ranking.gap == expected[0][1] - expected[1][1]


def test_a_single_bid_has_no_gap():
    ranking = rank(bids={"a": "Alpha"}, criteria=[PRESENTATION, QUESTIONS], panel=[1],
                   scores=scores([("a", "p", 1, 5), ("a", "q", 1, 5)]))
    assert ranking.gap is None and ranking.standings[0].total == D("50.00")


@pytest.mark.parametrize("bids, criteria, table, excused, message", [
    ({}, [PRESENTATION], [], set(), "no bids"),
    (BIDS, [], [], set(), "criteria"),
    (BIDS, [PRESENTATION, CriterionTerms("q", "Questions", D(40), 10)], FULL, set(),
     "weights sum to 90, not 100"),
    (BIDS, [PRESENTATION, CriterionTerms("q", "Questions", D("50.5"), 10)], FULL, set(),
     "sum to 100.5"),
    (BIDS, [PRESENTATION, QUESTIONS], FULL[:-1], set(), "missing.*Beta, Questions"),
    (BIDS, [PRESENTATION, QUESTIONS], FULL[:2] + FULL[4:6], {(1, "b"), (2, "b")},
     "Beta: no panel member free"),
    (BIDS, [PRESENTATION, QUESTIONS],
     [("a", "p", 1, 7), ("a", "q", 1, 7), ("b", "p", 1, 7), ("b", "q", 1, 7)], set(),
     "Alpha and Beta tie on 70.00"),
    (BIDS, [PRESENTATION, QUESTIONS],
     [("a", "p", 1, 11), ("a", "q", 1, 7), ("b", "p", 1, 7), ("b", "q", 1, 7)], set(),
     "between 0 and 10"),
])
def test_ranking_refusals(bids, criteria, table, excused, message):
    panel = sorted({member for _, _, member, _ in table}) or [1]
    with pytest.raises(Refused, match=message):
        rank(bids=bids, criteria=criteria, panel=panel, scores=scores(table), excused=excused)


@pytest.mark.parametrize("value, max_score, ok", [
    (D(0), 10, True), (D(10), 10, True), (D("10.5"), 10, False), (D(-1), 10, False),
    (None, 10, False),
])
def test_score_range(value, max_score, ok):
    if ok:
        check_score(value, max_score)
    else:
        with pytest.raises(Refused, match="between 0 and 10"):
            check_score(value, max_score)


TODAY = datetime.date(2010, 10, 31)


@pytest.mark.parametrize("ends_on, expected", [
    (None, False),
    (datetime.date(2010, 10, 30), False),  # already ended
    (TODAY, True),
    (datetime.date(2011, 3, 31), True),
    (datetime.date(2011, 4, 30), True),  # six months on, the month's last day
    (datetime.date(2011, 5, 1), False),
])
def test_ends_soon(ends_on, expected):
    assert ends_soon(ends_on, TODAY) is expected
