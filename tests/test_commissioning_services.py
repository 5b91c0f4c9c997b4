"""Commissioning's writes: each refusal the bar names, with its message, and the history rows."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from commissioning import services
from commissioning.models import Bid, Commission, Contract, ExtensionOption, Score, StageMove
from commissioning.rules import Refused, Route, Stage
from indicators.models import Indicator
from trust_portal.core.concurrency import StaleEdit


@pytest.fixture
def commissioner(world):
    return world.users["commissioner"]


def test_a_stage_move_records_who_when_and_why(world, commissioner):
    commission = world.commission
    move = services.move_stage(commission=commission, to_stage=Stage.RECOMMENDATION,
                               user=commissioner, happened_on=datetime.date(2009, 9, 1))
    assert (move.from_stage, move.to_stage, move.moved_by) == (
        Stage.EVALUATION, Stage.RECOMMENDATION, commissioner)
    commission.refresh_from_db()
    assert commission.stage == Stage.RECOMMENDATION
    assert commission.history.latest().history_user == commissioner


@pytest.mark.parametrize("to_stage, kwargs, message", [
    (Stage.AWARDED, {}, "skips Recommendation, Board decision: give the reason"),
    (Stage.PROCUREMENT, {}, "Moving back from Evaluation to Procurement needs a reason"),
    (Stage.WITHDRAWN, {}, "reason for withdrawing"),
    (Stage.RECOMMENDATION, {"route": Route.DIRECT_AWARD, "route_reason": ""},
     "A direct award needs its reason"),
])
def test_stage_moves_refused_without_a_reason(world, commissioner, to_stage, kwargs, message):
    with pytest.raises(Refused, match=message):
        services.move_stage(commission=world.commission, to_stage=to_stage, user=commissioner,
                            **kwargs)
    assert not StageMove.objects.filter(commission=world.commission).exists()
    world.commission.refresh_from_db()
    assert world.commission.stage == Stage.EVALUATION


def test_a_skip_with_its_reason_is_recorded(world, commissioner):
    move = services.move_stage(commission=world.commission, to_stage=Stage.BOARD_DECISION,
                               user=commissioner, reason="The panel reported to the board")
    assert move.reason == "The panel reported to the board"


@pytest.mark.parametrize("value", [Decimal("10.5"), Decimal("-1")])
def test_a_score_out_of_range_is_refused(world, commissioner, value):
    first, _ = world.bids
    with pytest.raises(Refused, match=f"between 0 and 10; {value} is out of range"):
        services.record_score(member=world.panel_member, bid=first,
                              criterion=world.criteria[0], value=value, user=commissioner)


def test_a_member_with_a_declared_interest_cannot_score(world, commissioner):
    _, second = world.bids
    with pytest.raises(Refused, match="declared an interest in Voice Trust.*cannot score"):
        services.record_score(member=world.conflicted_member, bid=second,
                              criterion=world.criteria[0], value=Decimal(5), user=commissioner)
    assert not Score.objects.filter(member=world.conflicted_member, bid=second).exists()


def test_an_interest_after_scoring_is_refused(world, commissioner):
    first, _ = world.bids
    with pytest.raises(Refused, match="has already scored Kinder Advocacy"):
        services.declare_interest(member=world.conflicted_member, bid=first,
                                  description="Former employee", user=commissioner)


def test_a_score_is_saved_with_its_author(world, commissioner):
    _, second = world.bids
    score = services.record_score(member=world.panel_member, bid=second,
                                  criterion=world.criteria[0], value=Decimal(9),
                                  user=commissioner)
    assert score.value == 9 and score.history.latest().history_user == commissioner


def test_a_bidder_that_failed_the_pqq_cannot_be_recommended_or_awarded(world, commissioner):
    with pytest.raises(Refused, match="Late Starters failed the pre-qualification "
                                      "questionnaire: it cannot be recommended"):
        services.recommend_bid(bid=world.failed_bid, user=commissioner)
    with pytest.raises(Refused, match="cannot be awarded a contract"):
        services.award_contract(commission=world.commission, bid=world.failed_bid,
                                provider="Late Starters", user=commissioner)
    with pytest.raises(Refused, match="it is not scored"):
        services.record_score(member=world.panel_member, bid=world.failed_bid,
                              criterion=world.criteria[0], value=Decimal(5), user=commissioner)
    world.failed_bid.refresh_from_db()
    assert world.failed_bid.outcome == Bid.Outcome.PENDING


def test_awarding_marks_the_other_bids_unsuccessful(world, commissioner):
    first, second = world.bids
    contract = services.award_contract(commission=world.commission, bid=first,
                                       provider=first.bidder, value=Decimal("45000"),
                                       user=commissioner)
    second.refresh_from_db()
    assert contract.bid == first and second.outcome == Bid.Outcome.UNSUCCESSFUL
    assert services.record_feedback(bid=second, user=commissioner).feedback_given


@pytest.mark.parametrize("received_on, late_reason, outcome", [
    (datetime.date(2009, 7, 31), "", "on time"),
    (datetime.date(2009, 8, 1), "", "refused"),
    (datetime.date(2009, 8, 1), "   ", "refused"),
    (datetime.date(2009, 8, 1), "The courier's receipt shows 31 July", "late"),
])
def test_a_late_bid_is_admitted_only_with_a_reason(world, commissioner, received_on,
                                                   late_reason, outcome):
    arguments = {"commission": world.commission, "user": commissioner, "bidder": "New Bidder",
                 "received_on": received_on, "late_reason": late_reason}
    if outcome == "refused":
        with pytest.raises(Refused, match="after the closing date of 31 July 2009: it can be "
                                          "admitted only with the reason recorded"):
            services.record_bid(**arguments)
        return
    bid = services.record_bid(**arguments)
    assert bid.is_late is (outcome == "late")


def test_the_planning_template_refuses_a_stale_copy(world, commissioner):
    commission = world.commission
    services.update_planning(commission=commission, expected_version=1, user=commissioner,
                             answers={"financing": "Children's Fund", "effectiveness": 2})
    with pytest.raises(StaleEdit):
        services.update_planning(commission=Commission.objects.get(pk=commission.pk),
                                 expected_version=1, user=commissioner,
                                 answers={"financing": "Overwritten"})
    commission.refresh_from_db()
    assert commission.financing == "Children's Fund" and commission.effectiveness == 2


def test_an_extension_is_decided_once(world, commissioner):
    option = world.contract.extensions.get()
    services.decide_extension(option=option, decision=ExtensionOption.Decision.TAKEN,
                              reason="Satisfactory first year", user=commissioner)
    with pytest.raises(Refused, match="decided already"):
        services.decide_extension(option=option, decision=ExtensionOption.Decision.DECLINED,
                                  user=commissioner)


def test_a_measure_must_be_an_indicator_of_the_same_partnership(world, commissioner):
    elsewhere = Indicator.objects.create(partnership=world.south, code="NI 1", title="Other")
    with pytest.raises(Exception, match="belongs to another partnership"):
        services.add_measure(contract=world.contract, indicator=elsewhere, group="how_well",
                             user=commissioner)


@pytest.mark.parametrize("change, message", [
    ({"is_late": True, "late_reason": ""}, "A late bid can be admitted only with the reason"),
    ({"pqq": "failed", "outcome": "awarded"}, "failed the pre-qualification questionnaire "
                                              "cannot be recommended or awarded"),
])
def test_the_records_refuse_what_the_services_refuse(world, change, message):
    """The same rules hold for a record changed in the administration pages."""
    bid = world.bids[0]
    for field, value in change.items():
        setattr(bid, field, value)
    with pytest.raises(ValidationError, match=message):
        bid.full_clean()


def test_a_contract_cannot_go_to_a_bidder_that_failed_the_pqq(world):
    contract = Contract(commission=world.commission, bid=world.failed_bid, provider="Late")
    with pytest.raises(ValidationError, match="it cannot be awarded a contract"):
        contract.full_clean()



def test_a_stream_funding_a_commission_is_kept_but_its_partnership_may_go(db):
    from django.db.models import RestrictedError

    from commissioning.models import CommissionFunding, FundingStream
    from trust_portal.core.models import Partnership

    east = Partnership.objects.create(slug="east", name="East", board_name="East Board")
    stream = FundingStream.objects.create(partnership=east, name="PAYP")
    commission = Commission.objects.create(partnership=east, name="Activity Fund")
    CommissionFunding.objects.create(commission=commission, stream=stream)
    with pytest.raises(RestrictedError):
        stream.delete()
    east.delete()  # its commissions and their funding lines go with it
    assert not FundingStream.objects.filter(name="PAYP").exists()
