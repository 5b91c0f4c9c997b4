"""Checks as figures are typed: the rating a figure would get and warnings (a big change from
last quarter or last year, a percentage outside 0 to 100), shown by the server after a save
or a refused one, and by the browser as the officer types, by the same rules."""

import json
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from indicators import checks, rag
from indicators.figures import parse_figure
from indicators.models import Actual, ReportingPeriod
from indicators.templatetags.performance import rating_colour

from .forms import entry_line
from .test_actuals_entry import entry_url
from .test_browser import sign_in_with_keyboard

CHECKS_JS = Path(settings.BASE_DIR) / "static" / "figure-checks.js"
PERCENT = SimpleNamespace(lower_is_better=False, unit="percent", unit_suffix="%")
LOWER_PERCENT = SimpleNamespace(lower_is_better=True, unit="percent", unit_suffix="%")
NUMBER = SimpleNamespace(lower_is_better=False, unit="number", unit_suffix="")
LAST_QUARTER = checks.Comparison(label="last quarter", period="2009/10 Q1",
                                 value=Decimal(5), shown="5.0%")
WIDE = rag.Bands(Decimal(20), Decimal(-10), Decimal(-20))


def actual_terms(indicator=PERCENT, target=None, saved=None, bands=rag.WIRRAL_BANDS,
                 comparisons=()):
    return checks.terms(indicator=indicator, bands=bands, typed="actual", target=target,
                        saved=saved, comparisons=comparisons)


def target_terms(actual, indicator=PERCENT):
    return checks.terms(indicator=indicator, bands=rag.WIRRAL_BANDS, typed="target",
                        actual=actual)


# (figure typed, terms, rating shown or None, warnings)
CASES = [
    ("5.3", actual_terms(LOWER_PERCENT, target=5), "Amber: 6.0% worse than target of 5%, "
     "lower is better", []),
    ("5.3", actual_terms(LOWER_PERCENT, target=5, saved=Decimal("5.3")), None, []),
    ("", actual_terms(LOWER_PERCENT, target=5, saved=Decimal("5.3")),
     "Awaiting data: no actual entered yet", []),
    ("", actual_terms(target=5), None, []),
    ("81.7", actual_terms(target=86), "Green: 5.0% worse than target of 86%, higher is better",
     []),
    ("81.69", actual_terms(target=86), "Amber: 5.0% worse than target of 86%, higher is better",
     []),
    ("110", actual_terms(NUMBER, target=100), "Green: 10.0% better than target of 100, higher "
     "is better", []),
    ("110.0001", actual_terms(NUMBER, target=100), "Over-performing: 10.0% better than target "
     "of 100, higher is better", []),
    ("77", actual_terms(NUMBER, target=100, bands=WIDE), "Red: 23.0% worse than target of 100, "
     "higher is better", []),
    ("85", actual_terms(NUMBER, target=100, bands=WIDE), "Amber: 15.0% worse than target of "
     "100, higher is better", []),
    ("-8.3", actual_terms(LOWER_PERCENT, target=Decimal(-4)), "Over-performing: 107.5% better "
     "than target of -4%, lower is better", ["This percentage is outside 0 to 100: check it is "
                                             "right."]),
    ("3", actual_terms(NUMBER, target=0), "Cannot be rated: a target of 0, higher is better has "
     "no relative deviation", []),
    ("7", actual_terms(NUMBER), "Target not set for this period", []),
    ("1,234.5", actual_terms(NUMBER, target=1000), "Over-performing: 23.4% better than target "
     "of 1000, higher is better", []),
    (" 5.25 % ", actual_terms(LOWER_PERCENT, target=5), "Green: 5.0% worse than target of 5%, "
     "lower is better", []),
    ("5.00005", actual_terms(NUMBER, target=5), "Green: on target of 5, higher is better", []),
    ("5.00015", actual_terms(NUMBER, target=5), "Green: 0.0% better than target of 5, higher is "
     "better", []),
    ("5.0025", actual_terms(NUMBER, target=10), "Red: 50.0% worse than target of 10, higher is "
     "better", []),
    ("100.05", actual_terms(target=Decimal("100.05")), "Green: on target of 100.05%, higher is "
     "better", ["This percentage is outside 0 to 100: check it is right."]),
    ("100", actual_terms(target=100), "Green: on target of 100%, higher is better", []),
    ("0", actual_terms(target=1), "Red: 100.0% worse than target of 1%, higher is better", []),
    ("-1", actual_terms(NUMBER), "Target not set for this period", []),
    ("6.25", actual_terms(comparisons=[LAST_QUARTER]), "Target not set for this period", []),
    ("6.26", actual_terms(comparisons=[LAST_QUARTER]), "Target not set for this period",
     ["25.2% higher than last quarter (2009/10 Q1: 5.0%): check it is right."]),
    ("3.7", actual_terms(comparisons=[LAST_QUARTER, checks.Comparison(
        label="the same quarter last year", period="2008/09 Q2", value=Decimal("3.8"),
        shown="3.8%")]), "Target not set for this period",
     ["26.0% lower than last quarter (2009/10 Q1: 5.0%): check it is right."]),
    ("9", actual_terms(comparisons=[checks.Comparison(label="last quarter", period="2009/10 Q1",
                                                      value=Decimal(0), shown="0.0%")]),
     "Target not set for this period", []),
    ("-10", actual_terms(NUMBER, comparisons=[checks.Comparison(
        label="last quarter", period="2009/10 Q1", value=Decimal(-5), shown="-5")]),
     "Target not set for this period",
     ["100.0% lower than last quarter (2009/10 Q1: -5): check it is right."]),
    ("5.3", target_terms(Decimal("5.3"), LOWER_PERCENT), "Green: on target of 5.3%, lower is "
     "better", []),
    ("", target_terms(Decimal("5.3")), "Target not set for this period", []),
    ("4.9", target_terms(None), None, []),
    ("150", target_terms(None), None, ["This percentage is outside 0 to 100: check it is "
                                       "right."]),
    ("150", checks.terms(indicator=PERCENT, bands=rag.WIRRAL_BANDS, typed="forecast"), None,
     ["This percentage is outside 0 to 100: check it is right."]),
]
# Figures the server reads but the browser leaves to the server: it shows nothing for them.
LEFT_TO_THE_SERVER = ["1e2", "1_000", "٣", "-0"]
# Figures neither reads: saving says why.
REFUSED = ["five", "12,5", "1,23,4", "5.3%%", ".", "10000000000", "9999999999.99995"]


@pytest.mark.parametrize(("typed", "terms", "rating", "warnings"), CASES)
def test_the_server_rates_and_warns(typed, terms, rating, warnings):
    value = parse_figure(typed)
    assessment = checks.rating(value, terms)
    assert (assessment.explanation if assessment else None) == rating
    assert checks.warnings(value, terms) == warnings


def run_in_node(figures):
    """What static/figure-checks.js shows for each (figure typed, terms): None for a figure
    it does not read."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("needs Node.js (the Makefile installs npm with it)")
    harness = """
const results = JSON.parse(process.env.CASES).map(([typed, terms]) => {
  const value = parseFigure(typed);
  return value === undefined ? null : check(value, terms);
});
console.log(JSON.stringify(results));
"""
    completed = subprocess.run(
        [node, "--input-type=module"], input=CHECKS_JS.read_text() + harness, text=True,
        capture_output=True, check=True, env={**os.environ, "CASES": json.dumps(figures)})
    return json.loads(completed.stdout)


def test_the_browser_rates_and_warns_as_the_server_does():
    shown = run_in_node([[typed, terms] for typed, terms, _, _ in CASES])
    for (typed, terms, _, _), browser in zip(CASES, shown, strict=True):
        value = parse_figure(typed)
        rating = checks.rating(value, terms)
        expected = {"rating": rating and {
            "outcome": rating.outcome.value, "label": rating.label,
            "colour": rating_colour(rating.outcome), "explanation": rating.explanation,
            "detail": checks.beside_badge(rating)},
            "warnings": checks.warnings(value, terms)}
        assert browser == expected, typed


def test_the_browser_shows_nothing_for_a_figure_it_does_not_read_as_the_server_would():
    terms = actual_terms(target=5)
    figures = [*LEFT_TO_THE_SERVER, *REFUSED]
    assert run_in_node([[typed, terms] for typed in figures]) == [None] * len(figures)
    for typed in REFUSED:
        with pytest.raises(ValueError):
            parse_figure(typed)


@pytest.fixture
def last_quarter(world):
    """2009/10 Q1, NI 43's last quarter, with an actual of 5%."""
    period = ReportingPeriod.objects.named(world.north, "2009/10 Q1", create=True)
    Actual.objects.create(indicator=world.indicator, period=period, value=5,
                          status=Actual.Status.SUBMITTED)
    return period


def test_a_saved_figure_is_checked_against_last_quarter_without_refusing_it(
        world, login, last_quarter):
    client = login(world.users["performance_officer"])
    response = client.post(entry_url(world), {"action": "draft", **entry_line(
        world.indicator, 1, value="9")}, follow=True)
    page = response.content.decode()
    assert "1 actual saved as draft" in page
    assert '<span class="govuk-visually-hidden">Warning</span> Actual: 80.0% higher than last ' \
           "quarter (2009/10 Q1: 5.0%): check it is right." in page
    assert Actual.objects.get(indicator=world.indicator, period=world.period).value == 9


def test_a_percentage_over_100_is_saved_with_a_warning(world, login):
    client = login(world.users["performance_officer"])
    page = client.post(entry_url(world), {"action": "draft", **entry_line(
        world.indicator, 1, value="105", forecast="-3")}, follow=True).content.decode()
    assert "Actual: This percentage is outside 0 to 100: check it is right." in page
    assert "Year-end forecast: This percentage is outside 0 to 100: check it is right." in page
    assert Actual.objects.get(indicator=world.indicator, period=world.period).value == 105


def test_a_refused_submission_shows_the_rating_the_figure_would_get(world, login):
    page = login(world.users["performance_officer"]).post(entry_url(world), {
        "action": "submit", **entry_line(world.indicator, 1, value="5.4")}).content.decode()
    assert "Amber needs context before it can be submitted" in page
    assert 'If saved: <strong class="govuk-tag govuk-tag--yellow app-rating" title="Amber: ' \
           '8.0% worse than target of 5%, lower is better">Amber</strong> 8.0% worse than ' \
           'target of 5%, lower is better</p>' in page


def test_a_figure_still_as_saved_shows_its_rating_once(world, login):
    page = login(world.users["performance_officer"]).get(entry_url(world)).content.decode()
    assert "app-figure-check__rating" not in page
    assert 'data-figure-terms="{&quot;typed&quot;: &quot;actual&quot;' in page


@pytest.mark.browser
def test_the_rating_and_warnings_follow_the_typing(world, last_quarter, live_server,
                                                   browser_page):
    page = browser_page
    sign_in_with_keyboard(page, live_server.url, "performance_officer")
    page.goto(f"{live_server.url}{entry_url(world)}")
    box = page.locator(f"#id_i{world.indicator.pk}-value")
    check = page.locator(f"#id_i{world.indicator.pk}-value-check")
    assert check.get_attribute("aria-live") == "polite"
    box.fill("9")
    assert check.locator(".app-figure-check__rating").text_content() == \
        "If saved: Red 80.0% worse than target of 5%, lower is better"
    assert check.locator(".govuk-warning-text__text").all_text_contents() == [
        "Warning Actual: 80.0% higher than last quarter (2009/10 Q1: 5.0%): check it is right."]
    box.fill("5.3")  # as saved: its rating is the page's already
    assert check.text_content() == ""
    box.fill("five")  # not a figure: saving will say why
    assert check.text_content() == ""
