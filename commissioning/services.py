"""Writes to commissions, bids, scores and contracts. Each runs in one transaction, checks its
rule first, and saves the record with its history row naming the acting user; a refusal
raises rules.Refused with a message for the person who asked."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from indicators.models import Indicator
from trust_portal.core.concurrency import claim_version
from trust_portal.core.history import record_user

from .models import (
    Bid,
    Commission,
    Contract,
    ContractMeasure,
    Criterion,
    ExtensionOption,
    Interest,
    PanelMember,
    Score,
    StageMove,
)
from .rules import Refused, Route, check_move, check_score


def _save[M: Model](record: M, user: User) -> M:
    """Validate the record (its partnership's records only) and save it with its author."""
    record.full_clean()
    record_user(record, user)
    record.save()
    return record


@transaction.atomic
def move_stage(*, commission: Commission, to_stage: str, user: User, reason: str = "",
               happened_on: datetime.date | None = None, route: str | None = None,
               route_reason: str | None = None) -> StageMove:
    """Move the commission to `to_stage`, recording who, when and why.

    The route may be set with the move (a direct award names its reason then)."""
    commission = Commission.objects.select_for_update().get(pk=commission.pk)
    if route is not None:
        commission.route = route
    if route_reason is not None:
        commission.route_reason = route_reason.strip()
    check_move(commission.stage, to_stage, reason=reason, route=commission.route,
               route_reason=commission.route_reason)
    move = StageMove(commission=commission, from_stage=commission.stage, to_stage=to_stage,
                     happened_on=happened_on or timezone.localdate(), reason=reason.strip(),
                     moved_by=user)
    move.full_clean()
    move.save()
    commission.stage = to_stage
    commission.version += 1
    _save(commission, user)
    return move


@transaction.atomic
def update_planning(*, commission: Commission, expected_version: int, user: User,
                    answers: dict[str, object]) -> Commission:
    """Save the planning template's answers, refusing them if the commission changed since
    they were read (StaleEdit)."""
    unknown = set(answers) - set(Commission.PLANNING_FIELDS)
    if unknown:
        raise Refused(f"Not questions of the planning template: {', '.join(sorted(unknown))}.")
    commission.version = claim_version(Commission, commission.pk, expected_version)
    for field, value in answers.items():
        setattr(commission, field, value)
    return _save(commission, user)


@transaction.atomic
def record_bid(*, commission: Commission, user: User, bidder: str, received_on: datetime.date,
               late_reason: str = "") -> Bid:
    """Record a bid. One received after the closing date is marked late and is admitted only
    with the reason recorded."""
    late = commission.closing_date is not None and received_on > commission.closing_date
    if late and not late_reason.strip():
        raise Refused(f"This bid arrived on {received_on:%-d %B %Y}, after the closing date of "
                      f"{commission.closing_date:%-d %B %Y}: it can be admitted only with the "
                      "reason recorded.")
    return _save(Bid(commission=commission, bidder=bidder.strip(), received_on=received_on,
                     is_late=late, late_reason=late_reason.strip() if late else ""), user)


@transaction.atomic
def record_pqq(*, bid: Bid, passed: bool, user: User) -> Bid:
    bid.pqq = Bid.Pqq.PASSED if passed else Bid.Pqq.FAILED
    return _save(bid, user)


@transaction.atomic
def declare_interest(*, member: PanelMember, bid: Bid, description: str, user: User,
                     declared_on: datetime.date | None = None) -> Interest:
    if bid.commission_id != member.commission_id:
        raise Refused("The bid is not one of this panel's commission.")
    if not description.strip():
        raise Refused("Say what the interest is.")
    if Score.objects.filter(member=member, bid=bid).exists():
        raise Refused(f"{member.person} has already scored {bid.name}: their scores must be "
                      "withdrawn before the interest is recorded.")
    return _save(Interest(member=member, bid=bid, description=description.strip(),
                          declared_on=declared_on or timezone.localdate()), user)


@transaction.atomic
def record_score(*, member: PanelMember, bid: Bid, criterion: Criterion, value: Decimal,
                 user: User) -> Score:
    """A panel member's score for one bid against one criterion."""
    if not (bid.commission_id == criterion.commission_id == member.commission_id):
        raise Refused("The bid, the criterion and the panel member must be of one commission.")
    if bid.commission.is_awarded:
        raise Refused("The contract has been awarded: the scores can no longer change.")
    if bid.pqq == Bid.Pqq.FAILED:
        raise Refused(f"{bid.name} failed the pre-qualification questionnaire: it is not "
                      "scored.")
    interest = Interest.objects.filter(member=member, bid=bid).first()
    if interest is not None:
        raise Refused(f"{member.person} declared an interest in {bid.name} "
                      f"({interest.description}): they cannot score this bid.")
    check_score(value, criterion.max_score)
    score = Score.objects.filter(bid=bid, criterion=criterion, member=member).first()
    score = score or Score(bid=bid, criterion=criterion, member=member)
    score.value = value
    return _save(score, user)


def _refuse_failed_pqq(bid: Bid, verb: str) -> None:
    if bid.pqq == Bid.Pqq.FAILED:
        raise Refused(f"{bid.name} failed the pre-qualification questionnaire: it cannot be "
                      f"{verb}.")


@transaction.atomic
def recommend_bid(*, bid: Bid, user: User) -> Bid:
    """Mark the panel's preferred provider; a bidder that failed the PQQ cannot be one."""
    _refuse_failed_pqq(bid, "recommended")
    bid.outcome = Bid.Outcome.RECOMMENDED
    return _save(bid, user)


@transaction.atomic
def award_contract(*, commission: Commission, user: User, provider: str, bid: Bid | None = None,
                   value: Decimal | None = None, starts_on: datetime.date | None = None,
                   ends_on: datetime.date | None = None, term_note: str = "",
                   awarded_on: datetime.date | None = None,
                   extensions: tuple[str, ...] = ()) -> Contract:
    """Award a contract, from the winning bid where there was a tender (the other bids become
    unsuccessful). A direct award names its reason; a bidder that failed the PQQ is refused."""
    if bid is not None:
        if bid.commission_id != commission.pk:
            raise Refused("The bid is not one of this commission's.")
        _refuse_failed_pqq(bid, "awarded a contract")
        bid.outcome = Bid.Outcome.AWARDED
        _save(bid, user)
        for other in commission.bids.exclude(pk=bid.pk).exclude(
                outcome__in=[Bid.Outcome.AWARDED, Bid.Outcome.RECOMMENDED]):
            other.outcome = Bid.Outcome.UNSUCCESSFUL
            _save(other, user)
    elif commission.route == Route.DIRECT_AWARD and not commission.route_reason:
        raise Refused("A direct award needs its reason: say why the service is commissioned "
                      "and not tendered.")
    if not provider.strip():
        raise Refused("Name the provider the contract is awarded to.")
    contract = _save(Contract(commission=commission, bid=bid, provider=provider.strip(),
                              value=value, starts_on=starts_on, ends_on=ends_on,
                              term_note=term_note, awarded_on=awarded_on), user)
    for description in filter(None, (text.strip() for text in extensions)):
        add_extension_option(contract=contract, description=description, user=user)
    return contract


@transaction.atomic
def record_feedback(*, bid: Bid, user: User) -> Bid:
    if bid.outcome != Bid.Outcome.UNSUCCESSFUL:
        raise Refused("Feedback is recorded for unsuccessful bidders.")
    bid.feedback_given = True
    return _save(bid, user)


@transaction.atomic
def add_extension_option(*, contract: Contract, description: str, user: User) -> ExtensionOption:
    return _save(ExtensionOption(contract=contract, description=description.strip()), user)


@transaction.atomic
def decide_extension(*, option: ExtensionOption, decision: str, user: User, reason: str = "",
                     decided_on: datetime.date | None = None) -> ExtensionOption:
    if option.decision != ExtensionOption.Decision.PENDING:
        raise Refused("This extension has been decided already.")
    if decision not in {ExtensionOption.Decision.TAKEN, ExtensionOption.Decision.DECLINED}:
        raise Refused("An extension is either taken up or not taken up.")
    option.decision = decision
    option.decision_reason = reason.strip()
    option.decided_on = decided_on or timezone.localdate()
    return _save(option, user)


@transaction.atomic
def add_measure(*, contract: Contract, indicator: Indicator, group: str,
                user: User) -> ContractMeasure:
    """Monitor the contract by one of the partnership's indicators (its own record refuses
    another partnership's)."""
    return _save(ContractMeasure(contract=contract, indicator=indicator, group=group), user)


@transaction.atomic
def record_scores(*, member: PanelMember, scores: dict[tuple[Bid, Criterion], Decimal],
                  user: User) -> int:
    """A panel member's scores, {(bid, criterion): value}, all saved or, if any is refused,
    none (Refused names each refusal)."""
    refusals = []
    for (bid, criterion), value in scores.items():
        try:
            with transaction.atomic():
                record_score(member=member, bid=bid, criterion=criterion, value=value,
                             user=user)
        except Refused as refused:
            refusals.append(f"{bid.name}, {criterion.name}: {refused}")
    if refusals:
        raise Refused(" ".join(refusals))
    return len(scores)
