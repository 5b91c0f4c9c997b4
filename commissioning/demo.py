"""Commissioning's part of the demo: the tenders, groups and funding streams the seeds give,
from fixtures/demo/<slug>_commissioning.json. Loaded as the seeds record them (the timeline
as it happened), so records are created directly rather than through the services, whose
rules govern changes made in the portal."""

from decimal import Decimal

from trust_portal.core.models import Organisation, Person
from trust_portal.demo.fixtures import as_date, fixture_exists, read_fixture

from .models import (
    Bid,
    Commission,
    CommissionFunding,
    CommissioningGroup,
    Contract,
    ExtensionOption,
    FundingStream,
    StageMove,
)


def _money(value):
    return Decimal(value) if value is not None else None


def load(partnership) -> None:
    name = f"{partnership.slug}_commissioning"
    if not fixture_exists(name):
        return
    data = read_fixture(name)
    organisations = {o.name: o for o in Organisation.objects.filter(partnership=partnership)}
    for organisation in data["organisations"]:
        if organisation not in organisations:
            organisations[organisation] = Organisation.objects.create(
                partnership=partnership, name=organisation, kind=Organisation.Kind.COUNCIL)
    groups = {group["name"]: CommissioningGroup.objects.create(partnership=partnership, **group)
              for group in data["groups"]}
    streams = {stream["name"]: FundingStream.objects.create(partnership=partnership, **stream)
               for stream in data["funding_streams"]}
    people = {p.name: p for p in Person.objects.filter(partnership=partnership)}
    for item in data["commissions"]:
        _load_commission(partnership, item, organisations, groups, streams, people)


def _load_commission(partnership, item, organisations, groups, streams, people):
    commission = Commission.objects.create(
        partnership=partnership, name=item["name"], description=item["description"],
        group=groups.get(item.get("group")), stage=item["stage"], route=item["route"],
        route_reason=item["route_reason"], lead_officer=people.get(item["lead_officer"]),
        lead_authority=organisations.get(item.get("lead_authority")),
        estimated_value=_money(item.get("estimated_value")),
        evaluation_note=item["evaluation_note"], recommendation=item["recommendation"])
    commission.taking_part.set([organisations[name] for name in item.get("taking_part", [])])
    for line in item.get("funding", []):
        CommissionFunding.objects.create(commission=commission, stream=streams[line["stream"]],
                                         amount=_money(line["amount"]))
    previous = ""
    for move in item["moves"]:
        StageMove.objects.create(commission=commission, from_stage=previous,
                                 to_stage=move["to"], happened_on=as_date(move["on"]),
                                 reason=move["reason"])
        previous = move["to"]
    bids = {}
    for bid in item["bids"]:
        bids[bid["bidder"]] = Bid.objects.create(
            commission=commission, bidder=bid["bidder"], pqq=bid["pqq"],
            outcome=bid["outcome"], feedback_given=bid.get("feedback_given", False))
    for contract in item["contracts"]:
        record = Contract.objects.create(
            commission=commission, bid=bids.get(contract.get("bid")),
            provider=contract["provider"], value=_money(contract.get("value")),
            starts_on=as_date(contract.get("starts_on")), ends_on=as_date(contract.get("ends_on")),
            term_note=contract.get("term_note", ""), note=contract.get("note", ""))
        for description in contract.get("extensions", []):
            ExtensionOption.objects.create(contract=record, description=description)

