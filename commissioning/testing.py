"""Commissioning's part of the shared test world: a tender still being evaluated (its bids
and scores confidential to the panel) and an awarded one with its contract and measures."""

import datetime
from decimal import Decimal

from django.utils import timezone

from indicators.models import Indicator
from trust_portal.core.models import Person

from .models import (
    Bid,
    Commission,
    CommissionFunding,
    CommissioningGroup,
    Contract,
    ContractMeasure,
    Criterion,
    ExtensionOption,
    FundingStream,
    Interest,
    PanelMember,
    Score,
    StageMove,
)
from .rules import Route, Stage


def build(world) -> None:
    north = world.north
    group = CommissioningGroup.objects.create(partnership=north, name="Social Care")
    stream = FundingStream.objects.create(partnership=north, name="Children's Fund",
                                          area_based_grant=True, targeted="Children's Fund")
    panellist = world.commissioner
    other = Person.objects.get(partnership=north, user=world.users["other_lead_officer"])
    tender = Commission.objects.create(
        partnership=north, name="Advocacy for looked after children", group=group,
        stage=Stage.EVALUATION, route=Route.OPEN_TENDER,
        closing_date=datetime.date(2009, 7, 31), estimated_value=Decimal("50000"),
        need_not_met="Independent advocacy")
    tender.priorities.set([world.priority])
    tender.indicators.set([world.indicator])
    CommissionFunding.objects.create(commission=tender, stream=stream, amount=Decimal("50000"))
    first = Bid.objects.create(commission=tender, bidder="Kinder Advocacy",
                               received_on=datetime.date(2009, 7, 30), pqq=Bid.Pqq.PASSED)
    second = Bid.objects.create(commission=tender, bidder="Voice Trust",
                                received_on=datetime.date(2009, 7, 29), pqq=Bid.Pqq.PASSED)
    failed = Bid.objects.create(commission=tender, bidder="Late Starters",
                                received_on=datetime.date(2009, 8, 3), is_late=True,
                                late_reason="Post delayed by the strike", pqq=Bid.Pqq.FAILED)
    criteria = [Criterion.objects.create(commission=tender, name=name, weight=Decimal(50),
                                         order=n)
                for n, name in enumerate(["Presentation", "Questions"])]
    member = PanelMember.objects.create(commission=tender, person=panellist)
    conflicted = PanelMember.objects.create(commission=tender, person=other)
    Interest.objects.create(member=conflicted, bid=second, description="Trustee of Voice Trust")
    for criterion in criteria:
        Score.objects.create(bid=first, criterion=criterion, member=member, value=Decimal(8))
        Score.objects.create(bid=first, criterion=criterion, member=conflicted,
                             value=Decimal(7))
        Score.objects.create(bid=second, criterion=criterion, member=member, value=Decimal(6))
    awarded = Commission.objects.create(
        partnership=north, name="Family support", group=group, stage=Stage.LIVE,
        route=Route.DIRECT_AWARD, route_reason="The only provider in the district")
    contract = Contract.objects.create(
        commission=awarded, provider="Family Support North", value=Decimal("40000"),
        starts_on=datetime.date(2009, 10, 1), ends_on=datetime.date(2011, 3, 31))
    ExtensionOption.objects.create(contract=contract, description="A further year")
    measure = Indicator.objects.create(partnership=north, code="CONTRACT 1",
                                       title="Families supported", unit="number", decimals=0)
    ContractMeasure.objects.create(contract=contract, indicator=measure,
                                   group=ContractMeasure.Group.HOW_MUCH)
    world.commission, world.awarded_commission, world.contract = tender, awarded, contract
    world.bids, world.failed_bid, world.criteria = [first, second], failed, criteria
    world.panel_member, world.conflicted_member = member, conflicted
    world.funding_stream, world.commissioning_group = stream, group


def grow(world, count) -> None:
    """Add `count` awarded commissions, each with funding, a timeline, a bid and a contract
    with a measure, and as many bids, panel members, moves and changes to the world's tender."""
    north, tender = world.north, world.commission
    start = Commission.objects.filter(partnership=north).count()
    for n in range(start, start + count):
        commission = Commission.objects.create(
            partnership=north, name=f"Service {n}", group=world.commissioning_group,
            stage=Stage.LIVE, route=Route.OPEN_TENDER, estimated_value=Decimal(1000 + n))
        CommissionFunding.objects.create(commission=commission, stream=world.funding_stream,
                                         amount=Decimal(n))
        StageMove.objects.create(commission=commission, to_stage=Stage.LIVE,
                                 happened_on=datetime.date(2009, 10, 1))
        bid = Bid.objects.create(commission=commission, bidder=f"Provider {n}",
                                 pqq=Bid.Pqq.PASSED, outcome=Bid.Outcome.AWARDED)
        # Each ends soon, so the home page lists it too.
        contract = Contract.objects.create(
            commission=commission, bid=bid, provider=f"Provider {n}", value=Decimal(900 + n),
            starts_on=datetime.date(2009, 10, 1),
            ends_on=timezone.localdate() + datetime.timedelta(days=60 + n))
        ExtensionOption.objects.create(contract=contract, description="A further year")
        indicator = Indicator.objects.create(partnership=north, code=f"KPI {n}",
                                             title=f"Measure {n}")
        ContractMeasure.objects.create(contract=contract, indicator=indicator,
                                       group=ContractMeasure.Group.values[n % 3])
        ContractMeasure.objects.create(contract=world.contract, indicator=indicator,
                                       group=ContractMeasure.Group.values[n % 3])
        extra = Bid.objects.create(commission=tender, bidder=f"Bidder {n}", pqq=Bid.Pqq.PASSED)
        member = PanelMember.objects.create(commission=tender, person=Person.objects.create(
            partnership=north, name=f"Panellist {n}"))
        Interest.objects.create(member=member, bid=extra, description="Trustee")
        for criterion in world.criteria:
            Score.objects.create(bid=extra, criterion=criterion, member=world.panel_member,
                                 value=Decimal(n % 10))
        StageMove.objects.create(commission=tender, to_stage=Stage.EVALUATION, reason=f"{n}")
        tender.description = f"Changed {n}"
        tender.save()
        world.contract.term_note = f"Term {n}"
        world.contract.save()
