"""The board reads signed-off figures only. A draft is the officer's own until it is submitted,
a submitted figure waits for a performance manager's sign-off, and a returned one is back with
its officer: none of them reaches the report as the board reads it, its downloads, the
indicator page, the summary command, generated papers, packs, report cards, scorecards or a
contract's measures. The entry and sign-off pages keep showing them, and officers and managers
reading the report are told what is held back, each state labelled."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import Actual, Indicator, ReportingPeriod, Target
from indicators.papers import reportable_periods
from trust_portal.boards.pack import Audience, pack_entries
from trust_portal.boards.testing import add_paper

from .test_actuals_entry import entry_url

S = Actual.Status
HELD_BACK = [S.DRAFT, S.SUBMITTED, S.RETURNED]
# What officers and managers reading the report are told of one figure held back.
TOLD = {S.DRAFT: "1 figure for 2009/10 Q2 is in draft and not shown",
        S.SUBMITTED: "1 figure for 2009/10 Q2 is submitted and not shown until signed off",
        S.RETURNED: "1 figure for 2009/10 Q2 was returned to its officer and not shown"}
TAG_COLOURS = {S.DRAFT: "grey", S.SUBMITTED: "blue", S.RETURNED: "orange"}


@pytest.fixture(params=HELD_BACK)
def held(request, world):
    """NI 117, rated red with no commentary: a figure the board must not read yet, at each
    status short of signed off."""
    indicator = Indicator.objects.create(partnership=world.north, code="NI 117",
                                         lower_is_better=True, title="16-18 year olds NEET")
    Target.objects.create(indicator=indicator, period=world.period, value="8.2")
    Actual.objects.create(indicator=indicator, period=world.period, value="19.7",
                          status=request.param, entered_by=world.users["performance_officer"])
    return indicator


@pytest.fixture(params=HELD_BACK)
def held_later(request, world):
    """A figure of the world's indicator for the quarter after the board's, not signed off:
    the latest figure of the report card's headline indicator and the contract's measure."""
    later = ReportingPeriod.objects.named(world.north, "2009/10 Q3", create=True)
    return Actual.objects.create(indicator=world.indicator, period=later, value="19.7",
                                 status=request.param)


def report_page(client, world):
    response = client.get(reverse("performance_report", args=[world.north.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_board_does_not_read_it_on_the_report(world, login, held):
    page = report_page(login(world.users["board_member"]), world)
    assert "NI 117" in page  # the indicator is listed, awaiting data
    assert "19.7" not in page
    assert "not shown" not in page


@pytest.mark.parametrize("persona", ["performance_officer", "performance_manager",
                                     "administrator"])
def test_officers_and_managers_reading_the_report_are_told_what_is_held_back(
        world, login, held, persona):
    page = report_page(login(world.users[persona]), world)
    status = held.actuals.get().status
    assert "19.7" not in page
    assert TOLD[status] in page
    assert f'govuk-tag--{TAG_COLOURS[status]}">{held.actuals.get().get_status_display()}' in page
    sign_off = reverse("sign_off_period", args=[world.north.slug, world.period.pk])
    # Each is pointed to where they act on it: officers the entry page, managers sign-off.
    if status == S.SUBMITTED:
        assert (f'href="{sign_off}"' in page.split("not shown until")[1]) is (
            persona != "performance_officer")
    else:
        assert (f'href="{entry_url(world)}"' in page) is (persona != "performance_manager")


@pytest.mark.parametrize("first", ["performance_officer", "board_member"])
def test_the_cached_report_is_the_same_whoever_reads_it_first(world, login, held, first):
    second = "board_member" if first == "performance_officer" else "performance_officer"
    report_page(login(world.users[first]), world)
    page = report_page(login(world.users[second]), world)
    assert "19.7" not in page
    assert ("not shown" in page) == (second == "performance_officer")


@pytest.mark.parametrize("persona", ["board_member", "performance_officer"])
def test_csv_downloads_of_the_report_leave_it_out(world, login, held, persona):
    client = login(world.users[persona])
    url = reverse("performance_report", args=[world.north.slug])
    text = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert "NI 117" in text and "19.7" not in text


def test_excel_downloads_of_the_report_leave_it_out(world, login, held):
    url = reverse("performance_report", args=[world.north.slug])
    response = login(world.users["board_member"]).get(url, {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    row = next(row for row in rows if row[0] == "NI 117")
    assert row[4] is None and 19.7 not in row


def test_the_board_does_not_read_it_on_the_indicator_page(world, login, held):
    url = reverse("indicator_detail", args=[world.north.slug, held.pk])
    page = login(world.users["board_member"]).get(url).content.decode()
    assert "19.7" not in page
    assert "not signed off" not in page


@pytest.mark.parametrize("persona", ["performance_officer", "performance_manager"])
def test_officers_and_managers_see_it_on_the_indicator_page_with_its_state(
        world, login, held, persona):
    url = reverse("indicator_detail", args=[world.north.slug, held.pk])
    page = login(world.users[persona]).get(url).content.decode()
    trend = page.split('<h2 class="govuk-heading-l">Trend')[1].split(
        '<h2 class="govuk-heading-l">History')[0]
    assert "19.7" not in trend  # the chart and table are the board's
    assert "1 figure of this indicator is not signed off and not shown below" in page
    label = held.actuals.get().get_status_display()
    assert "2009/10 Q2: 19.7%" in page
    assert f">{label}</strong>" in page


def test_the_summary_command_leaves_it_out(world, held):
    out = io.StringIO()
    call_command("performance_summary", "--partnership", "north", "--period", "2009/10 Q2",
                 stdout=out)
    row = next(r for r in json.loads(out.getvalue())["indicators"] if r["indicator"] == "NI 117")
    assert (row["actual"], row["rating"]) == (None, "awaiting_data")


def test_generated_papers_and_the_pack_leave_it_out(world, held):
    paper = add_paper(world, "indicators.performance", world.period.pk).paper
    entry = next(e for e in pack_entries(world.meeting, Audience.MEMBERS) if e.paper == paper)
    assert "NI 117" in entry.body and "NI 43" in entry.body
    assert "19.7" not in entry.body
    client = Client()
    client.force_login(world.users["administrator"])
    response = client.get(reverse("pack_preview", args=[world.north.slug, world.meeting.pk]))
    assert response.status_code == 200
    assert "19.7" not in response.content.decode()


def test_a_period_without_signed_off_figures_is_not_offered_for_a_paper(world, held):
    only_held = ReportingPeriod.objects.named(world.north, "2009/10 Q3", create=True)
    Actual.objects.create(indicator=held, period=only_held, value=9,
                          status=held.actuals.get().status)
    assert [name for _, name in reportable_periods(world.north)] == ["2009/10 Q2"]


@pytest.mark.parametrize("name", ["report_card", "report_card_pdf"])
def test_report_cards_leave_it_out(world, login, held_later, name):
    response = login(world.users["board_member"]).get(
        reverse(name, args=[world.north.slug, world.card.pk]))
    assert response.status_code == 200
    content = response.content if name == "report_card_pdf" else response.content.decode()
    assert ("19.7" if isinstance(content, str) else b"19.7") not in content


def test_scorecards_leave_it_out(world, login, held_later):
    page = login(world.users["board_member"]).get(
        reverse("plan_scorecard", args=[world.north.slug, world.plan.pk])).content.decode()
    assert "NI 43" in page and "19.7" not in page


def test_a_contracts_measures_leave_it_out(world, login, held_later):
    page = login(world.users["board_member"]).get(
        reverse("contract_detail", args=[world.north.slug, world.contract.pk])).content.decode()
    assert "2009/10 Q2" in page and "5.3" in page  # the latest quarter the board reads
    assert "19.7" not in page and "2009/10 Q3" not in page


def test_last_years_figure_not_signed_off_is_not_the_direction_of_travel(world):
    last_year = ReportingPeriod.objects.named(world.north, "2008/09 Q2", create=True)
    for status in HELD_BACK:
        Actual.objects.update_or_create(indicator=world.indicator, period=last_year,
                                        defaults={"value": 9, "status": status})
        out = io.StringIO()
        call_command("performance_summary", "--partnership", "north", "--period",
                     "2009/10 Q2", stdout=out)
        assert json.loads(out.getvalue())["indicators"][0]["direction"] == "not_applicable"


def test_the_entry_page_still_shows_it_with_its_state(world, login, held):
    page = login(world.users["performance_officer"]).get(
        entry_url(world, all=True)).content.decode()
    assert "19.7" in page
    assert f">{held.actuals.get().get_status_display()}</strong>" in page
    assert Actual.objects.get(indicator=held).value == Decimal("19.7")
