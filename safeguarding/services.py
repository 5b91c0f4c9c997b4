"""Writes to safeguarding records. Each takes the acting user, records them and runs in one
transaction with its history row."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from trust_portal.boards.models import Paper
from trust_portal.core.concurrency import claim_version
from trust_portal.core.history import record_user

from .models import DataRequest, Decision, Review, ReviewAction, ReviewRead, SafeguardingUpdate
from .papers import EXECUTIVE_SUMMARY
from .rules import Approved, duplicates


class DecisionRefused(Exception):
    """The request is not waiting for a decision (it is approved, refused or sent back)."""


def record_read(*, review: Review, user: User, what: str) -> ReviewRead:
    """Log one view or download of `review` by `user`."""
    return ReviewRead.objects.create(partnership_id=review.partnership_id, review=review,
                                     user=user, username=user.get_username(), what=what)


def record_reads(*, reviews: Iterable[Review], user: User, what: str) -> None:
    """Log a read of each of `reviews`, as one download of the register does."""
    ReviewRead.objects.bulk_create(
        ReviewRead(partnership_id=review.partnership_id, review=review, user=user,
                   username=user.get_username(), what=what) for review in reviews)


def _keep[Kept: (SafeguardingUpdate, Review, ReviewAction)](
        record: Kept, *, user: User, expected_version: int | None) -> Kept:
    """Save a new record, or an edited one if nobody saved it since it was read at
    `expected_version` (StaleEdit otherwise), with who saved it in its history."""
    if record.pk is not None:
        record.version = claim_version(type(record), record.pk, expected_version)
    record.full_clean()
    record_user(record, user)
    record.save()
    return record


@transaction.atomic
def save_update(*, update: SafeguardingUpdate, user: User,
                expected_version: int | None = None) -> SafeguardingUpdate:
    """Keep a new LSCB update, or an edited one if nobody saved it since it was read."""
    return _keep(update, user=user, expected_version=expected_version)


@transaction.atomic
def save_review(*, review: Review, user: User, expected_version: int | None = None) -> Review:
    """Keep a new review, or an edited one if nobody saved it since it was read at
    `expected_version`. The form has checked its free text for anything identifying."""
    return _keep(review, user=user, expected_version=expected_version)


@transaction.atomic
def save_review_action(*, action: ReviewAction, user: User,
                       expected_version: int | None = None) -> ReviewAction:
    """Keep a new action of a review, or an edited one if nobody saved it since it was read."""
    return _keep(action, user=user, expected_version=expected_version)


@transaction.atomic
def put_summary_in_paper(*, review: Review, user: User) -> Paper:
    """A board paper presenting `review`'s published executive summary, for the clerk to put
    on an agenda; the same paper again if there is one."""
    lookup = {"partnership_id": review.partnership_id, "kind": EXECUTIVE_SUMMARY,
              "source": str(review.pk)}
    paper = Paper.objects.filter(**lookup).first()
    if paper is None:
        paper = Paper(**lookup, title=f"{review.get_type_display()} {review.reference}: "
                                      "executive summary")
        record_user(paper, user)
        paper.save()
    return paper


@transaction.atomic
def submit_request(*, data_request: DataRequest, user: User) -> DataRequest:
    """Put a new request on the Star Chamber's template to its next meeting."""
    data_request.status = DataRequest.Status.SUBMITTED
    data_request.submitted_by = user
    data_request.submitted_at = timezone.now()
    data_request.full_clean()
    record_user(data_request, user)
    data_request.save()
    return data_request


@transaction.atomic
def resubmit_request(*, data_request: DataRequest, user: User,
                     expected_version: int) -> DataRequest:
    """Resubmit a request with the changes the Star Chamber asked for."""
    if data_request.status != DataRequest.Status.CHANGES_REQUESTED:
        raise DecisionRefused("Only a request sent back for changes can be resubmitted.")
    data_request.version = claim_version(DataRequest, data_request.pk, expected_version)
    data_request.status = DataRequest.Status.RESUBMITTED
    data_request.full_clean()
    record_user(data_request, user)
    data_request.save()
    return data_request


STATUS_AFTER: dict[str, str] = {
    Decision.Outcome.APPROVED: DataRequest.Status.APPROVED,
    Decision.Outcome.CHANGES_REQUESTED: DataRequest.Status.CHANGES_REQUESTED,
    Decision.Outcome.REFUSED: DataRequest.Status.REFUSED,
}


@transaction.atomic
def decide(*, data_request: DataRequest, user: User, outcome: str, decided_on: datetime.date,
           notes: str, expected_version: int) -> Decision:
    """Record the Star Chamber's decision on a request awaiting one. A resubmission is
    decided electronically; a refusal is final (there is no appeal)."""
    if not data_request.awaits_decision:
        raise DecisionRefused(f"This request is {data_request.get_status_display().lower()}: "
                              "it is not waiting for a decision.")
    data_request.version = claim_version(DataRequest, data_request.pk, expected_version)
    decision = Decision.objects.create(
        request=data_request, outcome=outcome, decided_on=decided_on, notes=notes,
        decided_by=user,
        electronically=data_request.status == DataRequest.Status.RESUBMITTED)
    data_request.status = STATUS_AFTER[outcome]
    data_request.approved_on = decided_on if outcome == Decision.Outcome.APPROVED else None
    record_user(data_request, user)
    data_request.save()
    return decision


def duplicates_of(data_request: DataRequest, *,
                  on: datetime.date | None = None) -> list[DataRequest]:
    """The approved requests of the last 12 months that `data_request` duplicates (same CYPP
    priority and target group), in one query."""
    on = on or timezone.localdate()
    approved = {r.pk: r for r in DataRequest.objects.approved().filter(
        partnership_id=data_request.partnership_id, priority_id=data_request.priority_id)}
    found = duplicates(
        priority_id=data_request.priority_id, target_group=data_request.target_group, on=on,
        exclude=data_request.pk,
        approved=[Approved(r.pk, r.priority_id, r.target_group, r.approved_on)
                  for r in approved.values()])
    return [approved[match.pk] for match in found]
