"""Commissioning's pages: who reads the bids, what the register exports, refusals on the
page, and queries that do not grow with the data."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from commissioning.rules import Stage
from indicators.models import Indicator

PANEL_AND_ADMINISTRATORS = {"administrator", "commissioner", "other_lead_officer"}
MEMBERS = ["administrator", "performance_officer", "lead_officer", "other_lead_officer",
           "board_member", "commissioner", "safeguarding_lead"]


def detail(world):
    return reverse("commission_detail", args=[world.north.slug, world.commission.pk])


@pytest.mark.parametrize("persona", MEMBERS)
def test_bids_and_scores_are_the_panels_until_award(world, login, persona):
    page = login(world.users[persona]).get(detail(world)).content.decode()
    shown = persona in PANEL_AND_ADMINISTRATORS
    assert ("Kinder Advocacy" in page) is shown
    assert ("Weighted totals" in page or "Not ranked" in page) is shown
    assert ("confidential to the commissioning panel" in page) is not shown
    if not shown:
        assert "3 bids received; 2 passed the Pre Qualifying Questionnaire" in page


@pytest.mark.parametrize("persona", ["board_member", "lead_officer"])
def test_bids_are_read_by_every_member_once_awarded(world, login, persona):
    world.commission.stage = Stage.AWARDED
    world.commission.save()
    page = login(world.users[persona]).get(detail(world)).content.decode()
    assert "Kinder Advocacy" in page


def test_the_panel_reads_the_ranking_and_the_gap(world, login):
    page = login(world.users["commissioner"]).get(detail(world)).content.decode()
    # Kinder: (8+7)/2 on both criteria = 75; Voice Trust: 6 from the one member free to score
    assert "the gap between the top two is <strong>15.00 points</strong>" in page
    assert "Interest declared by Olly Other: Trustee of Voice Trust" in page


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_register_exports_no_bid_nor_score(world, login, export):
    response = login(world.users["administrator"]).get(
        reverse("commission_register", args=[world.north.slug]), {"format": export})
    assert response.status_code == 200
    if export == "csv":
        text = response.content.decode("utf-8-sig")
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        text = "\n".join(",".join(str(c) for c in row) for row in sheet.iter_rows(values_only=True))
    assert "Advocacy for looked after children" in text and "Family Support North" in text
    for secret in ["Kinder Advocacy", "Voice Trust", "Late Starters", "75.00"]:
        assert secret not in text


def test_the_register_filters_contracts_ending_soon(world, login, settings):
    client = login(world.users["board_member"])
    url = reverse("commission_register", args=[world.north.slug])
    everything = client.get(url).content.decode()
    assert "Advocacy for looked after children" in everything
    ending = client.get(url, {"ending": "soon"}).content.decode()
    assert "Advocacy for looked after children" not in ending  # no contract yet
    stage = client.get(url, {"stage": "live"}).content.decode()
    assert "Family support" in stage and "Advocacy for looked after children" not in stage
    assert client.get(url, {"stage": "nonsense"}).status_code == 200
    assert client.get(url, {"taking_part": "99999999999999999999"}).status_code == 200


def test_a_skip_without_a_reason_is_refused_on_the_page(world, login):
    response = login(world.users["commissioner"]).post(
        reverse("commission_move", args=[world.north.slug, world.commission.pk]),
        {"to_stage": "awarded", "route": "open_tender"})
    assert response.status_code == 400
    assert "skips Recommendation, Board decision: give the reason" in response.content.decode()


def test_a_stale_planning_template_is_refused(world, login):
    client = login(world.users["commissioner"])
    url = reverse("commission_planning", args=[world.north.slug, world.commission.pk])
    assert client.post(url, {"version": 1, "financing": "First"}).status_code == 302
    response = client.post(url, {"version": 1, "financing": "Second"})
    assert response.status_code == 409
    world.commission.refresh_from_db()
    assert world.commission.financing == "First"


def scores_url(world):
    return reverse("commission_scores", args=[world.north.slug, world.commission.pk])


@pytest.mark.parametrize("value, message", [
    ("11", "Kinder Advocacy, Presentation: A score must be between 0 and 10; 11 is out of range."),
    ("-1", "between 0 and 10; -1 is out of range"),
    ("eight", "Kinder Advocacy, Presentation: enter a number with at most two decimal places"),
    ("8.125", "at most two decimal places"),
    ("NaN", "enter a number"),
])
def test_the_scoring_sheet_refuses_bad_scores(world, login, value, message):
    first = world.bids[0]
    response = login(world.users["commissioner"]).post(scores_url(world), {
        f"score-{first.pk}-{world.criteria[0].pk}": value,
        f"score-{first.pk}-{world.criteria[1].pk}": "9"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert sorted(first.scores.filter(member=world.panel_member).values_list(
        "value", flat=True)) == [8, 8]  # neither score saved


def test_a_conflicted_member_is_not_offered_the_bid_and_is_refused_it(world, login):
    client = login(world.users["other_lead_officer"])
    second = world.bids[1]
    page = client.get(scores_url(world)).content.decode()
    assert "You declared an interest" in page
    response = client.post(scores_url(world), {f"score-{second.pk}-{world.criteria[0].pk}": "5"})
    assert response.status_code == 400
    assert "Olly Other declared an interest in Voice Trust" in response.content.decode()
    assert not second.scores.filter(member=world.conflicted_member).exists()


def test_the_panel_saves_its_scores(world, login):
    second = world.bids[1]
    response = login(world.users["commissioner"]).post(scores_url(world), {
        f"score-{second.pk}-{world.criteria[0].pk}": "9.5"})
    assert response.status_code == 302
    assert second.scores.get(member=world.panel_member,
                             criterion=world.criteria[0]).value == 9.5


def award_url(world):
    return reverse("commission_award", args=[world.north.slug, world.commission.pk])


@pytest.mark.parametrize("data, message", [
    (lambda w: {"bid": w.failed_bid.pk}, "Late Starters failed the pre-qualification "
                                         "questionnaire: it cannot be awarded a contract."),
    (lambda w: {"bid": w.bids[0].pk, "starts_on_0": "1", "starts_on_1": "4",
                "starts_on_2": "2010", "ends_on_0": "31", "ends_on_1": "3",
                "ends_on_2": "2010"}, "A contract must end after it starts."),
    (lambda w: {"value": "-5"}, "Name the provider the contract is awarded to"),
])
def test_an_award_the_rules_refuse_is_refused_on_the_page(world, login, data, message):
    response = login(world.users["commissioner"]).post(award_url(world), data(world))
    assert response.status_code in {200, 400}
    assert message in response.content.decode()
    assert not world.commission.contracts.exists()


def test_the_award_records_the_contract_and_its_extension(world, login):
    response = login(world.users["commissioner"]).post(award_url(world), {
        "bid": world.bids[0].pk, "value": "45000", "term_note": "one year",
        "extensions": "A second year upon satisfactory completion of the first\n"})
    contract = world.commission.contracts.get()
    assert response.status_code == 302 and response.url == contract.get_absolute_url()
    assert (contract.provider, contract.value) == ("Kinder Advocacy", 45000)
    assert contract.extensions.get().description.startswith("A second year")
    world.bids[1].refresh_from_db()
    assert world.bids[1].outcome == "unsuccessful"


def test_a_commissioner_off_the_panel_cannot_award_before_the_bids_are_public(world, login):
    world.panel_member.delete()
    assert login(world.users["commissioner"]).get(award_url(world)).status_code == 403


def bids_url(world):
    return reverse("commission_bids", args=[world.north.slug, world.commission.pk])


def a_bid(day, late_reason=""):
    return {"action": "bid", "bidder": "New Bidder", "received_on_0": str(day),
            "received_on_1": "8", "received_on_2": "2009", "late_reason": late_reason}


def test_a_late_bid_without_a_reason_is_refused_on_the_page(world, login):
    client = login(world.users["commissioner"])
    response = client.post(bids_url(world), a_bid(3))
    assert response.status_code == 400
    assert ("This bid arrived on 3 August 2009, after the closing date of 31 July 2009: it can "
            "be admitted only with the reason recorded.") in response.content.decode()
    assert not world.commission.bids.filter(bidder="New Bidder").exists()
    assert client.post(bids_url(world), a_bid(3, "Courier's receipt")).status_code == 302
    assert world.commission.bids.get(bidder="New Bidder").is_late


@pytest.mark.parametrize("bid, result, status", [("first", "failed", 302), ("nonsense", "x", 404),
                                                 ("99999999999999999999999", "passed", 404)])
def test_the_pqq_result_is_recorded(world, login, bid, result, status):
    bid_pk = world.bids[0].pk if bid == "first" else bid
    response = login(world.users["administrator"]).post(
        bids_url(world), {"action": "pqq", "bid": bid_pk, "result": result})
    assert response.status_code == status
    if status == 302:
        world.bids[0].refresh_from_db()
        assert world.bids[0].pqq == "failed"


def test_a_member_declares_an_interest_before_scoring(world, login):
    client = login(world.users["commissioner"])
    second = world.bids[1]
    response = client.post(scores_url(world), {"action": "interest", "bid": second.pk,
                                               "description": ""})
    assert response.status_code == 400 and "Say what the interest is." in response.content.decode()
    response = client.post(scores_url(world), {"action": "interest", "bid": world.bids[0].pk,
                                               "description": "Former trustee"})
    assert response.status_code == 400
    assert "Cara Commissioner has already scored Kinder Advocacy" in response.content.decode()
    second.scores.filter(member=world.panel_member).delete()
    response = client.post(scores_url(world), {"action": "interest", "bid": second.pk,
                                               "description": "Former trustee"})
    assert response.status_code == 302
    assert second.interests.filter(member=world.panel_member).exists()


def update_url(world):
    return reverse("contract_update", args=[world.north.slug, world.contract.pk])


def test_an_extension_is_decided_on_the_contract_page(world, login):
    client = login(world.users["commissioner"])
    option = world.contract.extensions.get()
    response = client.post(update_url(world), {"action": "extension", "option": option.pk,
                                               "decision": "taken", "reason": "Good year"},
                           follow=True)
    assert "Extension decision recorded" in response.content.decode()
    assert "Taken up" in response.content.decode()
    again = client.post(update_url(world), {"action": "extension", "option": option.pk,
                                            "decision": "declined"}, follow=True)
    assert "This extension has been decided already." in again.content.decode()


@pytest.mark.parametrize("data, message", [
    (lambda w: {"indicator": Indicator.objects.create(
        partnership=w.north, code="LOCAL 7", title="Families supported").pk,
        "group": "how_well"}, "LOCAL 7 now measures"),
    (lambda w: {"indicator": w.indicator.pk, "group": "nonsense"}, "Choose how the measure"),
    (lambda w: {"indicator": w.contract.measures.get().indicator_id, "group": "how_much"},
     "Contract measure with this Contract and Indicator already exists."),
])
def test_a_measure_is_added_on_the_contract_page(world, login, data, message):
    response = login(world.users["administrator"]).post(
        update_url(world), {"action": "measure", **data(world)}, follow=True)
    assert message in response.content.decode()


def test_another_partnerships_indicator_is_not_found(world, login):
    elsewhere = Indicator.objects.create(partnership=world.south, code="NI 9", title="Other")
    response = login(world.users["administrator"]).post(
        update_url(world), {"action": "measure", "indicator": elsewhere.pk, "group": "how_much"})
    assert response.status_code == 404


@pytest.mark.parametrize("persona, says", [
    ("board_member", "This page is for the commission&#x27;s panel and administrators until"),
    ("lead_officer", "This page is for the commission&#x27;s panel and administrators until"),
])
def test_a_refusal_says_who_the_scoring_sheet_is_for(world, login, persona, says):
    response = login(world.users[persona]).get(scores_url(world))
    assert response.status_code == 403 and says in response.content.decode()


def test_a_refusal_says_commissioners_write(world, login):
    response = login(world.users["board_member"]).get(award_url(world))
    assert response.status_code == 403
    assert "This page is for commissioners and administrators." in response.content.decode()


def test_the_home_page_lists_contracts_ending_within_six_months(world, login):
    client = login(world.users["commissioner"])
    home = reverse("partnership_home", args=[world.north.slug])
    assert "Contracts ending within 6 months" not in client.get(home).content.decode()
    world.contract.ends_on = timezone.localdate() + datetime.timedelta(days=100)
    world.contract.save()
    page = client.get(home).content.decode()
    assert "Contracts ending within 6 months" in page
    assert world.contract.provider in page and world.contract.get_absolute_url() in page
    board = login(world.users["board_member"]).get(home).content.decode()
    assert "Contracts ending within 6 months" not in board  # the commissioners' work
