"""A draft is the officer's own until it is submitted: the board reads submitted figures only,
on the report, the indicator page, the summary command, generated papers and packs; the
entry page keeps showing drafts, and officers reading the report are told what is held back."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from indicators.models import Actual, Indicator, ReportingPeriod, Target
from indicators.papers import reportable_periods
from trust_portal.boards.pack import Audience, pack_entries
from trust_portal.boards.testing import add_paper

from .test_actuals_entry import entry_url


@pytest.fixture
def draft(world):
    """NI 117, rated red with no commentary yet: an officer's unsubmitted draft."""
    indicator = Indicator.objects.create(partnership=world.north, code="NI 117",
                                         lower_is_better=True, title="16-18 year olds NEET")
    Target.objects.create(indicator=indicator, period=world.period, value="8.2")
    Actual.objects.create(indicator=indicator, period=world.period, value="19.7",
                          status=Actual.Status.DRAFT)
    return indicator


def report_page(client, world):
    response = client.get(reverse("performance_report", args=[world.north.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_board_does_not_read_a_draft_on_the_report(world, login, draft):
    page = report_page(login(world.users["board_member"]), world)
    assert "NI 117" in page  # the indicator is listed, awaiting data
    assert "19.7" not in page
    assert "in draft" not in page


@pytest.mark.parametrize("persona", ["performance_officer", "administrator"])
def test_officers_reading_the_report_are_told_how_many_figures_are_in_draft(world, login,
                                                                            draft, persona):
    page = report_page(login(world.users[persona]), world)
    assert "19.7" not in page
    assert "1 figure for 2009/10 Q2 is in draft and not shown" in page
    assert f'href="{entry_url(world)}"' in page


@pytest.mark.parametrize("first", ["performance_officer", "board_member"])
def test_the_cached_report_is_the_same_whoever_reads_it_first(world, login, draft, first):
    second = "board_member" if first == "performance_officer" else "performance_officer"
    report_page(login(world.users[first]), world)
    page = report_page(login(world.users[second]), world)
    assert "19.7" not in page
    assert ("in draft and not shown" in page) == (second == "performance_officer")


def test_exports_of_the_report_leave_drafts_out(world, login, draft):
    client = login(world.users["board_member"])
    url = reverse("performance_report", args=[world.north.slug])
    assert "19.7" not in client.get(url, {"format": "csv"}).content.decode("utf-8-sig")


def test_the_board_does_not_read_a_draft_on_the_indicator_page(world, login, draft):
    url = reverse("indicator_detail", args=[world.north.slug, draft.pk])
    page = login(world.users["board_member"]).get(url).content.decode()
    assert "19.7" not in page
    officer_page = login(world.users["performance_officer"]).get(url).content.decode()
    assert "19.7" not in officer_page.split("<h2 class=\"govuk-heading-l\">History")[0]
    assert "1 figure of this indicator is in draft and not shown" in officer_page


def test_the_summary_command_leaves_drafts_out(world, draft):
    out = io.StringIO()
    call_command("performance_summary", "--partnership", "north", "--period", "2009/10 Q2",
                 stdout=out)
    row = next(r for r in json.loads(out.getvalue())["indicators"] if r["indicator"] == "NI 117")
    assert (row["actual"], row["rating"]) == (None, "awaiting_data")


def test_generated_papers_and_the_pack_leave_drafts_out(world, draft):
    paper = add_paper(world, "indicators.performance", world.period.pk).paper
    entry = next(e for e in pack_entries(world.meeting, Audience.MEMBERS) if e.paper == paper)
    assert "NI 117" in entry.body and "NI 43" in entry.body
    assert "19.7" not in entry.body
    response = login_preview(world)
    assert "19.7" not in response


def login_preview(world):
    from django.test import Client

    client = Client()
    client.force_login(world.users["administrator"])
    response = client.get(reverse("pack_preview", args=[world.north.slug, world.meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_period_with_only_drafts_is_not_offered_for_a_paper(world, draft):
    only_drafts = ReportingPeriod.objects.named(world.north, "2009/10 Q3", create=True)
    Actual.objects.create(indicator=draft, period=only_drafts, value=9)
    assert [name for _, name in reportable_periods(world.north)] == ["2009/10 Q2"]


def test_last_years_draft_is_not_the_direction_of_travel(world):
    last_year = ReportingPeriod.objects.named(world.north, "2008/09 Q2", create=True)
    Actual.objects.create(indicator=world.indicator, period=last_year, value=9,
                          status=Actual.Status.DRAFT)
    out = io.StringIO()
    call_command("performance_summary", "--partnership", "north", "--period", "2009/10 Q2",
                 stdout=out)
    assert json.loads(out.getvalue())["indicators"][0]["direction"] == "not_applicable"


def test_the_entry_page_still_shows_drafts(world, login, draft):
    page = login(world.users["performance_officer"]).get(
        entry_url(world, all=True)).content.decode()
    assert "19.7" in page and "Draft" in page
    assert Actual.objects.get(indicator=draft).value == Decimal("19.7")
