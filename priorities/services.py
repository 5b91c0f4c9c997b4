"""Writes to plans and milestones. Each runs in one transaction with its history row."""

import datetime

from django.contrib.auth.models import User
from django.db import transaction

from trust_portal.core.access import Access
from trust_portal.core.concurrency import claim_version
from trust_portal.core.history import record_user

from .models import Milestone, Priority


def can_update_milestones(access: Access, priority: Priority) -> bool:
    """Administrators, and the lead officers of the priority, keep its action plan up to date."""
    if access.is_administrator:
        return True
    return access.person is not None and any(
        lead.pk == access.person.pk for lead in priority.lead_officers.all()
    )


@transaction.atomic
def update_milestone(*, milestone: Milestone, expected_version: int, user: User, status: str,
                     progress_note: str, due_on: datetime.date,
                     completed_on: datetime.date | None) -> Milestone:
    """Save a lead officer's update, refusing it if the milestone moved on since it was read."""
    milestone.version = claim_version(Milestone, milestone.pk, expected_version)
    milestone.status = status
    milestone.progress_note = progress_note
    if due_on != milestone.due_on:  # a day the officer gives, no longer the plan's month
        milestone.due_on, milestone.due_is_month = due_on, False
    milestone.completed_on = completed_on if status == Milestone.Status.COMPLETE else None
    record_user(milestone, user)
    milestone.save()
    return milestone
