"""The commissioning demo says only what the seeds say: every name, figure, date and reason is
looked up in the seed it was transcribed from, and what the seeds do not give is empty, shown
as not recorded."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from commissioning.models import Bid, Commission, CommissioningGroup, Contract, FundingStream
from commissioning.rules import Route, Stage

from .test_demo_seeds import in_seed, needs_seeds

# The one cell the seed's text extraction wrapped over three lines ("*Positive" / blank /
# "Activities for Young People (PAYP)", 001 L356-L358).
WRAPPED = {"*Positive Activities for Young People (PAYP)"}


def wirral(name):
    return Commission.objects.get(partnership__slug="wirral", name=name)


@needs_seeds
def test_every_word_of_the_wirral_commissions_is_the_seeds(demo):
    commissions = Commission.objects.filter(partnership__slug="wirral")
    assert commissions.count() == 6
    for commission in commissions:
        for text in [commission.description, commission.evaluation_note,
                     commission.recommendation]:
            for paragraph in filter(None, text.split("\n")):
                assert in_seed(paragraph, "wirral"), paragraph
        for move in commission.moves.all():
            assert move.moved_by is None  # loaded from the seeds, not moved by anyone here
            if not move.reason.startswith("The Board endorsed the panel's recommendation"):
                assert in_seed(move.reason, "wirral"), move.reason
    for contract in Contract.objects.filter(commission__partnership__slug="wirral"):
        assert in_seed(contract.provider, "wirral"), contract.provider
        if contract.note:
            assert in_seed(contract.note, "wirral"), contract.note
    for bid in Bid.objects.filter(commission__partnership__slug="wirral").exclude(bidder=""):
        assert in_seed(bid.bidder, "wirral"), bid.bidder


def test_the_advocacy_tender_as_the_minutes_record_it(demo):
    advocacy = wirral("Looked After Children Advocacy Service")
    bids = list(advocacy.bids.order_by("pk"))
    assert [(b.bidder, b.pqq, b.outcome) for b in bids] == [
        ("SCS Kinder", "passed", "awarded"), ("", "passed", "unsuccessful")]
    assert bids[1].name == "Bidder not recorded" and bids[1].feedback_given
    assert advocacy.evaluation_note == "There was a gap of only 3 points between the applicants."
    assert not advocacy.criteria.exists() and not advocacy.panel.exists()  # not in the seed
    contract = advocacy.contracts.get()
    assert (contract.provider, contract.value, contract.term_note) == ("SCS Kinder", None,
                                                                      "one year")
    assert contract.extensions.get().description == (
        "There is an option to extend the Contract for a second year upon satisfactory "
        "completion of the first year's provision of the service.")
    assert advocacy.moves.get(to_stage=Stage.BOARD_DECISION).happened_on == datetime.date(
        2009, 9, 11)


def test_the_figures_and_dates_the_seeds_give(demo):
    rme = wirral("Family Support Service for Racial Minority Ethnic families (RME)")
    assert [b.pqq for b in rme.bids.order_by("pk")] == ["passed", "failed"]
    contract = rme.contracts.get()
    assert (contract.provider, contract.value, contract.term_note, contract.ends_on) == (
        "Wirral Multi Cultural Organisation", Decimal("40000"), "until March 2011", None)
    activity = wirral("Activity Fund")
    assert sorted((c.provider, c.starts_on, c.ends_on) for c in activity.contracts.all()) == [
        (name, datetime.date(2009, 10, 1), datetime.date(2011, 3, 31))
        for name in ["Birkenhead Youth Club", "Blossom Inspiration",
                     "Wirral Youth & Play Service and Partners"]]
    hubs = wirral("Youth Hubs")
    assert sorted(c.provider for c in hubs.contracts.all()) == [
        "Eastham Youth Club", "Shaftesbury", "Wallasey Fire Station", "West Kirby Youth Centre"]
    assert "commissioned and not tendered for" in hubs.contracts.get(provider="Shaftesbury").note
    connexions = wirral("Connexions Service for the six Merseyside Authorities")
    assert connexions.route == Route.COMPETITIVE_DIALOGUE
    assert connexions.lead_authority.name == "Halton Borough Council"
    assert connexions.taking_part.count() == 6
    assert connexions.lead_officer.name == "Peter Edmondson"
    contract = connexions.contracts.get()
    assert "January 2010 to 31 March 2012" in contract.term_note
    assert "July 2010 to March 2012" in contract.term_note  # the seed says both
    assert [m.happened_on for m in connexions.moves.exclude(happened_on=None)] == [
        datetime.date(2008, 3, 25), datetime.date(2009, 9, 23), datetime.date(2009, 9, 24)]


@needs_seeds
def test_liverpool_keeps_its_groups_and_funding_streams_as_printed(demo):
    groups = CommissioningGroup.objects.filter(partnership__slug="liverpool")
    assert sorted(groups.values_list("name", flat=True)) == [
        "Community & Families Joint Commissioning Group", "Inclusion Joint Commissioning Group",
        "Social Care Joint Commissioning Group"]
    assert all(in_seed(group.remit, "liverpool") for group in groups)
    streams = FundingStream.objects.filter(partnership__slug="liverpool")
    assert streams.count() == 16
    for stream in streams:
        for level in FundingStream.LEVELS:
            cell = getattr(stream, level)
            assert not cell or in_seed(cell, "liverpool") or cell in WRAPPED, cell
    payp = streams.get(name="Positive Activities for Young People (PAYP)")
    assert payp.area_based_grant and payp.targeted == "*PAYP"
    assert payp.early_intervention in WRAPPED
    assert streams.get(name="Youth Opportunities Fund").ring_fenced


def test_what_the_seeds_do_not_give_reads_not_recorded(demo, client):
    client.force_login(User.objects.get(username="wirral-board"))
    advocacy = wirral("Looked After Children Advocacy Service")
    page = client.get(reverse("commission_detail", args=["wirral", advocacy.pk])).content.decode()
    assert "Bidder not recorded" in page and "SCS Kinder" in page
    assert "Estimated value</dt>\n    <dd class=\"govuk-summary-list__value\">Not recorded" in page


@pytest.mark.parametrize("slug", ["wirral", "liverpool", "leeds"])
def test_every_demo_page_of_commissioning_opens(demo, client, slug):
    client.force_login(User.objects.get(username=f"{slug}-commissioner"))
    assert client.get(reverse("commission_register", args=[slug])).status_code == 200
    for commission in Commission.objects.filter(partnership__slug=slug):
        assert client.get(reverse("commission_detail", args=[slug, commission.pk])
                          ).status_code == 200
        for contract in commission.contracts.all():
            assert client.get(reverse("contract_detail", args=[slug, contract.pk])
                              ).status_code == 200
