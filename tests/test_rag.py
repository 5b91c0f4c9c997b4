"""The RAG and direction-of-travel rules, table by table, at and around every boundary."""

from decimal import Decimal

import pytest

from indicators.rag import (
    Bands,
    Direction,
    Rating,
    direction,
    missing_commentary,
    rate,
    summarise,
)

D = Decimal


@pytest.mark.parametrize(("actual", "target", "lower_is_better", "expected"), [
    # Seed 002: NI 43, 5.3% against 5% lower is better, is 6% worse: Amber.
    (D("5.3"), D("5"), True, Rating.AMBER),
    # NI 93, 81.6% against 86%: -5.1%, Amber.
    (D("81.6"), D("86"), False, Rating.AMBER),
    # NI 64, 3.3% against 5% lower is better: 34% better, Over-performing.
    (D("3.3"), D("5"), True, Rating.OVER_PERFORMING),
    # NI 117, 9.8% against 8.2% lower is better: 19.5% worse, Red.
    (D("9.8"), D("8.2"), True, Rating.RED),
    # The boundaries, exactly: d = +10 is Green, just above is Over-performing.
    (D("110"), D("100"), False, Rating.GREEN),
    (D("110.01"), D("100"), False, Rating.OVER_PERFORMING),
    (D("100"), D("100"), False, Rating.GREEN),
    (D("95"), D("100"), False, Rating.GREEN),  # d = -5
    (D("94.99"), D("100"), False, Rating.AMBER),
    (D("90"), D("100"), False, Rating.AMBER),  # d = -10
    (D("89.99"), D("100"), False, Rating.RED),
    # Lower is better turns the sign: 105 against 100 is 5% worse, still Green.
    (D("105"), D("100"), True, Rating.GREEN),
    (D("105.01"), D("100"), True, Rating.AMBER),
    (D("110"), D("100"), True, Rating.AMBER),
    (D("110.01"), D("100"), True, Rating.RED),
    (D("89.99"), D("100"), True, Rating.OVER_PERFORMING),
    # No actual, no target, a zero target.
    (None, D("5"), False, Rating.AWAITING_DATA),
    (D("5"), None, False, Rating.TARGET_NOT_SET),
    (None, None, False, Rating.AWAITING_DATA),
    (D("3"), D("0"), False, Rating.NOT_RATED),
    # A negative target (a reduction) still rates by relative deviation.
    (D("-1.98"), D("-2"), False, Rating.GREEN),
])
def test_rating(actual, target, lower_is_better, expected):
    assert rate(actual=actual, target=target, lower_is_better=lower_is_better).outcome == expected


@pytest.mark.parametrize(("actual", "target", "lower_is_better", "explanation"), [
    (D("5.3"), D("5"), True, "Amber: 6.0% worse than target of 5%, lower is better"),
    (D("81.6"), D("86"), False, "Amber: 5.1% worse than target of 86%, higher is better"),
    (D("86"), D("86"), False, "Green: on target of 86%, higher is better"),
    (D("3"), D("0"), False,
     "Cannot be rated: a target of 0%, higher is better has no relative deviation"),
])
def test_rating_says_which_rule_produced_it(actual, target, lower_is_better, explanation):
    assessment = rate(actual=actual, target=target, lower_is_better=lower_is_better,
                      unit_suffix="%")
    assert assessment.explanation == explanation


@pytest.mark.parametrize(("actual", "previous", "lower_is_better", "expected"), [
    # Seed 002: NI 117 NEET fell from 10.23% to 9.8%, lower is better: Improved.
    (D("9.8"), D("10.23"), True, Direction.IMPROVED),
    (D("102.5"), D("100"), False, Direction.UNCHANGED),  # c = +2.5 exactly
    (D("102.51"), D("100"), False, Direction.IMPROVED),
    (D("97.5"), D("100"), False, Direction.UNCHANGED),  # c = -2.5 exactly
    (D("97.49"), D("100"), False, Direction.DETERIORATED),
    (D("97.49"), D("100"), True, Direction.IMPROVED),
    (D("102.51"), D("100"), True, Direction.DETERIORATED),
    (D("100"), D("100"), True, Direction.UNCHANGED),
    (None, D("100"), False, Direction.AWAITING_DATA),
    (D("5"), None, False, Direction.NOT_APPLICABLE),
    (D("5"), D("0"), False, Direction.NOT_APPLICABLE),
])
def test_direction_of_travel(actual, previous, lower_is_better, expected):
    assessment = direction(actual=actual, previous=previous, lower_is_better=lower_is_better)
    assert assessment.outcome == expected


def test_other_councils_bands_change_the_rating():
    strict = Bands(over_performing_above=D(5), green_from=D(0), amber_from=D(-5),
                   unchanged_within=D(1))
    assert rate(actual=D(98), target=D(100), lower_is_better=False).outcome == Rating.GREEN
    assert rate(actual=D(98), target=D(100), lower_is_better=False,
                bands=strict).outcome == Rating.AMBER
    assert direction(actual=D("101.5"), previous=D(100), lower_is_better=False,
                     bands=strict).outcome == Direction.IMPROVED


def test_summary_counts_and_percentages_to_two_places():
    ratings = ([Rating.GREEN] * 17 + [Rating.AMBER] * 5 + [Rating.RED] * 5
               + [Rating.OVER_PERFORMING] * 2 + [Rating.TARGET_NOT_SET] * 4)
    summary = summarise(ratings, [Rating.GREEN, Rating.AMBER, Rating.RED,
                                  Rating.OVER_PERFORMING, Rating.AWAITING_DATA,
                                  Rating.TARGET_NOT_SET])
    assert summary["total"] == 33
    assert [(row["count"], str(row["percent"])) for row in summary["rows"]] == [
        (17, "51.52"), (5, "15.15"), (5, "15.15"), (2, "6.06"), (0, "0.00"), (4, "12.12")]


def test_summary_of_nothing_is_zero_not_an_error():
    assert summarise([], [Rating.GREEN])["rows"][0]["percent"] == D("0.00")


@pytest.mark.parametrize(("actual", "commentary", "missing"), [
    # Red and amber need both, and blank or spaces-only is not commentary.
    (D("9.8"), {}, ["context", "corrective_action"]),
    (D("5.3"), {"context": "  ", "corrective_action": None}, ["context", "corrective_action"]),
    (D("5.3"), {"context": "Two more sentences"}, ["corrective_action"]),
    (D("5.3"), {"context": "Two more", "corrective_action": "Review reports"}, []),
    # Green, over-performing and not yet rated need none.
    (D("5"), {}, []),
    (D("3.3"), {}, []),
    (None, {}, []),
])
def test_red_and_amber_need_context_and_corrective_action(actual, commentary, missing):
    rating = rate(actual=actual, target=D("5"), lower_is_better=True)
    assert missing_commentary(rating, commentary) == missing


@pytest.mark.parametrize(("actual", "target", "lower_is_better", "expected", "percent"), [
    # A target of a 4% fall (-4%), lower is better: falling 8.3% beats it, rising 12% misses.
    (D("-8.3"), D("-4"), True, Rating.OVER_PERFORMING, D("107.5")),
    (D("12"), D("-4"), True, Rating.RED, D("-400")),
    (D("-4"), D("-4"), True, Rating.GREEN, D("0")),
    (D("-3.8"), D("-4"), True, Rating.GREEN, D("-5")),  # d = -5 exactly
    (D("-3.6"), D("-4"), True, Rating.AMBER, D("-10")),  # d = -10 exactly
    (D("-4.5"), D("-4"), True, Rating.OVER_PERFORMING, D("12.5")),
    # Higher is better with a negative target (a smaller loss is better): -1 beats -2.
    (D("-1"), D("-2"), False, Rating.OVER_PERFORMING, D("50")),
    (D("-3"), D("-2"), False, Rating.RED, D("-50")),
    (D("-2.1"), D("-2"), False, Rating.GREEN, D("-5")),
])
def test_a_negative_target_rates_the_right_way_round(actual, target, lower_is_better, expected,
                                                     percent):
    assessment = rate(actual=actual, target=target, lower_is_better=lower_is_better)
    assert (assessment.outcome, assessment.percent) == (expected, percent)


def test_a_negative_target_is_explained_the_right_way_round():
    assert rate(actual=D("-8.3"), target=D("-4"), lower_is_better=True,
                unit_suffix="%").explanation == (
        "Over-performing: 107.5% better than target of -4%, lower is better")


@pytest.mark.parametrize(("actual", "previous", "lower_is_better", "expected", "percent"), [
    # Last year fell 4%, this year 8.3%: lower is better, so improved.
    (D("-8.3"), D("-4"), True, Direction.IMPROVED, D("107.5")),
    (D("12"), D("-4"), True, Direction.DETERIORATED, D("-400")),
    (D("-4.1"), D("-4"), True, Direction.UNCHANGED, D("2.5")),  # c = +2.5 exactly
    (D("-3"), D("-2"), False, Direction.DETERIORATED, D("-50")),
    (D("-1"), D("-2"), False, Direction.IMPROVED, D("50")),
])
def test_a_negative_previous_value_travels_the_right_way_round(actual, previous,
                                                               lower_is_better, expected,
                                                               percent):
    assessment = direction(actual=actual, previous=previous, lower_is_better=lower_is_better)
    assert (assessment.outcome, assessment.percent) == (expected, percent)
