"""A direction of travel as a report states it, where last year's figure is not held.

A direction computed from last year's figure wins; a stated one is used only where no figure
for the same period a year before is held, and is always shown as stated, never as computed.
"""

import io
import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from indicators.models import Actual, ReportingPeriod
from indicators.performance import report
from indicators.rag import Direction, direction_of_travel
from trust_portal.core.models import Partnership
from trust_portal.demo.fixtures import read_fixture

from .forms import entry_line

D = Decimal


@pytest.mark.parametrize(("actual", "previous", "stated", "outcome", "stated_shown"), [
    # A previous figure held: computed, whatever was stated.
    (D("9.8"), D("10.23"), "", Direction.IMPROVED, False),
    (D("9.8"), D("10.23"), Direction.DETERIORATED, Direction.IMPROVED, False),
    (D("100"), D("100"), Direction.IMPROVED, Direction.UNCHANGED, False),
    # No previous figure: the stated direction, shown as stated.
    (D("5.3"), None, Direction.DETERIORATED, Direction.DETERIORATED, True),
    (D("5.3"), None, Direction.UNCHANGED, Direction.UNCHANGED, True),
    (D("5.3"), None, Direction.NOT_APPLICABLE, Direction.NOT_APPLICABLE, True),
    # No previous figure and nothing stated: not applicable, computed.
    (D("5.3"), None, "", Direction.NOT_APPLICABLE, False),
    # A report that gives no direction: not recorded, never "not applicable".
    (D("8.1"), None, Direction.NOT_RECORDED, Direction.NOT_RECORDED, True),
    # No actual yet: awaiting data, whatever was stated.
    (None, None, Direction.IMPROVED, Direction.AWAITING_DATA, False),
    # Not a direction a report can state: computed.
    (D("5.3"), None, Direction.AWAITING_DATA, Direction.NOT_APPLICABLE, False),
    (D("5.3"), None, "sideways", Direction.NOT_APPLICABLE, False),
])
def test_stated_direction_is_used_only_without_last_years_figure(
        actual, previous, stated, outcome, stated_shown):
    assessment = direction_of_travel(actual=actual, previous=previous, stated=stated,
                                     lower_is_better=True)
    assert assessment.outcome == outcome
    assert assessment.stated is stated_shown


def test_stated_direction_says_so():
    assessment = direction_of_travel(actual=D("5.3"), previous=None,
                                     stated=Direction.IMPROVED, lower_is_better=True)
    assert assessment.label == "Improved (as reported)"
    assert "as reported" in assessment.explanation.lower()
    assert "not computed" in assessment.explanation.lower()
    computed = direction_of_travel(actual=D("9.8"), previous=D("10.23"), stated="",
                                   lower_is_better=True)
    assert computed.label == "Improved"


@pytest.fixture
def wirral_q2(demo):
    wirral = Partnership.objects.get(slug="wirral")
    return report(ReportingPeriod.objects.named(wirral, "2009/10 Q2"))


def test_wirral_q2_has_every_published_direction(wirral_q2):
    published = {item["code"]: item["published"]["direction"] or "not_recorded"
                 for item in read_fixture("wirral_indicators")["indicators"]}
    assert {row.indicator.code: row.direction.outcome for row in wirral_q2["rows"]} == published
    ni117 = next(row for row in wirral_q2["rows"] if row.indicator.code == "NI 117")
    assert not ni117.direction.stated  # 10.23% a year before is held: computed


def test_wirral_q2_direction_summary(wirral_q2):
    summary = {row["outcome"]: row["count"] for row in wirral_q2["direction_summary"]["rows"]}
    # Seed 002 publishes 11 / 7 / 9 / 0 / 6; its appendix lost the arrows of NI 113 and
    # LOCAL 1400 (one Improved and one Unchanged, it does not say which): not recorded.
    assert summary == {"improved": 10, "deteriorated": 7, "unchanged": 8, "awaiting_data": 0,
                       "not_applicable": 6, "not_recorded": 2}


def test_performance_summary_says_whether_each_direction_is_stated(wirral_q2):
    out = io.StringIO()
    call_command("performance_summary", "--partnership", "wirral", "--period", "2009/10 Q2",
                 "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    rows = {row["indicator"]: row for row in data["indicators"]}
    assert rows["NI 43"]["direction"] == "deteriorated"
    assert rows["NI 43"]["direction_basis"] == "stated"
    assert rows["NI 117"]["direction"] == "improved"
    assert rows["NI 117"]["direction_basis"] == "computed"
    assert data["summary"]["rating"]["green"]["count"] == 17
    assert {key: value["count"] for key, value in data["summary"]["direction"].items()} == {
        "improved": 10, "deteriorated": 7, "unchanged": 8, "awaiting_data": 0,
        "not_applicable": 6, "not_recorded": 2}


def test_wirral_report_page_shows_stated_directions_as_reported(demo, client):
    client.force_login(User.objects.get(username="wirral-board"))
    period = ReportingPeriod.objects.named(Partnership.objects.get(slug="wirral"), "2009/10 Q2")
    url = reverse("performance_report_period", args=["wirral", period.pk])
    page = client.get(url).content.decode()
    assert "Deteriorated (as reported)" in page
    assert "Not recorded" in page


def entry_url(world):
    return reverse("actuals_entry", args=[world.north.slug, world.period.pk])


def test_officer_records_a_direction_as_reported(world, login):
    client = login(world.users["performance_officer"])
    response = client.post(entry_url(world), {"action": "draft", **entry_line(
        world.indicator, 1, value="5.3", stated_direction="improved")})
    assert response.status_code == 302
    assert Actual.objects.get(indicator=world.indicator).stated_direction == "improved"
    page = client.get(entry_url(world)).content.decode()
    assert "Improved (as reported)" in page


def test_officer_cannot_state_a_direction_that_is_not_offered(world, login):
    client = login(world.users["performance_officer"])
    response = client.post(entry_url(world), {"action": "draft", **entry_line(
        world.indicator, 1, value="5.3", stated_direction="sideways")})
    assert response.status_code == 200
    assert Actual.objects.get(indicator=world.indicator).stated_direction == ""


HEADER = ("indicator,period,target,actual,data_quality,forecast,context,corrective_action,"
          "direction\n")


def upload(client, world, content):
    url = reverse("upload_actuals", args=[world.north.slug])
    return client.post(url, {"file": SimpleUploadedFile("actuals.csv", content), "submit": "no"})


def test_import_records_a_direction_as_reported(world, login):
    client = login(world.users["performance_officer"])
    response = upload(client, world,
                      (HEADER + "NI 43,2009/10 Q2,,5.3,P,,,,Deteriorated\n").encode())
    assert response.status_code == 200
    client.post(reverse("confirm_upload", args=[world.north.slug]))
    assert Actual.objects.get(indicator=world.indicator).stated_direction == "deteriorated"


def test_import_refuses_a_bad_direction_and_imports_nothing(world, login):
    client = login(world.users["performance_officer"])
    response = upload(client, world, (HEADER + "NI 43,2009/10 Q2,,4.9,P,,,,\n"
                                      "NI 43,2009/10 Q3,,4.8,P,,,,upwards\n").encode())
    page = response.content.decode()
    assert response.status_code == 200
    assert "direction &#x27;upwards&#x27; must be" in page
    assert Actual.objects.get(indicator=world.indicator).value == Decimal("5.3")
