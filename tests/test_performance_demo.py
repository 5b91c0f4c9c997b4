"""The demo's Wirral 2009/10 Q2 report reproduces what the board was given in November 2009."""

import io
import json

import pytest
from django.core.management import call_command

from indicators.models import ReportingPeriod
from indicators.performance import report
from trust_portal.core.models import Partnership
from trust_portal.demo.fixtures import read_fixture


@pytest.fixture
def wirral_q2(demo):
    wirral = Partnership.objects.get(slug="wirral")
    return report(ReportingPeriod.objects.named(wirral, "2009/10 Q2"))


def test_target_summary_matches_the_published_appendix(wirral_q2):
    summary = {row["outcome"]: (row["count"], str(row["percent"]))
               for row in wirral_q2["rating_summary"]["rows"]}
    assert wirral_q2["rating_summary"]["total"] == 33
    assert summary["green"] == (17, "51.52")
    assert summary["amber"] == (5, "15.15")
    assert summary["red"] == (5, "15.15")
    assert summary["over_performing"] == (2, "6.06")
    assert summary["target_not_set"] == (4, "12.12")
    assert summary["awaiting_data"] == (0, "0.00")


def test_every_indicator_has_its_published_rating(wirral_q2):
    expected = {item["code"]: item["published"]["rating"]
                for item in read_fixture("wirral_indicators")["indicators"]}
    assert {row.indicator.code: row.rating.outcome for row in wirral_q2["rows"]} == expected


def test_exceptions_are_the_red_and_amber_indicators_with_their_commentary(wirral_q2):
    exceptions = {row.indicator.code: row for row in wirral_q2["exceptions"]}
    assert len(exceptions) == 10
    assert exceptions["NI 43"].rating.explanation == (
        "Amber: 6.0% worse than target of 5%, lower is better")
    assert exceptions["NI 117"].actual.context and exceptions["NI 117"].actual.corrective_action
    assert exceptions["NI 117"].direction.outcome == "improved"  # 10.23% a year before


def test_performance_summary_command_prints_json_and_csv(wirral_q2):
    out = io.StringIO()
    call_command("performance_summary", "--partnership", "wirral", "--period", "2009/10 Q2",
                 "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    ni43 = next(row for row in data["indicators"] if row["indicator"] == "NI 43")
    assert ni43 == {"indicator": "NI 43", "target": 5.0, "actual": 5.3, "rating": "amber",
                    "direction": "deteriorated", "direction_basis": "stated"}
    assert data["summary"]["rating"]["green"] == {"count": 17, "percent": "51.52"}
    out = io.StringIO()
    call_command("performance_summary", "--partnership", "wirral", "--period", "2009/10 Q2",
                 "--format", "csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "indicator,target,actual,rating,direction,direction_basis"
    assert len(lines) == 34


@pytest.mark.parametrize("slug", ["liverpool", "wirral", "leeds"])
def test_the_published_figures_are_signed_off_and_their_history_says_by_whom(demo, slug):
    """Each figure the seeds publish is recorded as entered by the partnership's demo
    performance officer and signed off by its demo performance manager: logins named after
    their roles, as the seeds name no one for them."""
    from indicators.models import Actual

    actuals = Actual.objects.filter(indicator__partnership__slug=slug)
    assert actuals.exists()
    assert set(actuals.values_list("status", flat=True)) == {Actual.Status.SIGNED_OFF}
    assert set(actuals.values_list("entered_by__username", "reviewed_by__username")) == {
        (f"{slug}-performance", f"{slug}-manager")}
    history = Actual.history.filter(indicator__partnership__slug=slug)
    assert set(history.values_list("history_type", "status", "history_user__username")) == {
        ("+", Actual.Status.SUBMITTED, f"{slug}-performance"),
        ("~", Actual.Status.SIGNED_OFF, f"{slug}-manager")}
    manager = actuals.first().reviewed_by
    assert (manager.get_full_name(), manager.memberships.get().role) == (
        f"{slug.title()} Performance manager", "performance_manager")
