"""Writes to plans and milestones. Each runs in one transaction with its history row."""

from django.db import transaction
from django.db.models import F

from trust_portal.core.access import Access

from .models import Milestone, Priority


class StaleEdit(Exception):
    """The record changed after the editor opened it; saving would overwrite someone's work."""

    def __init__(self, current):
        super().__init__("This record was changed by someone else while you were editing it.")
        self.current = current


def can_update_milestones(access: Access, priority: Priority) -> bool:
    """Administrators, and the lead officers of the priority, keep its action plan up to date."""
    if access.is_administrator:
        return True
    return access.person is not None and any(
        lead.pk == access.person.pk for lead in priority.lead_officers.all()
    )


@transaction.atomic
def update_milestone(*, milestone: Milestone, expected_version: int, user, status: str,
                     progress_note: str, due_on, completed_on) -> Milestone:
    """Save a lead officer's update, refusing it if the milestone moved on since it was read.

    The conditional UPDATE takes the row lock and bumps the version in one statement, so two
    editors holding the same version cannot both succeed, on SQLite or PostgreSQL.
    """
    claimed = Milestone.objects.filter(pk=milestone.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleEdit(Milestone.objects.get(pk=milestone.pk))
    milestone.version = expected_version + 1
    milestone.status = status
    milestone.progress_note = progress_note
    milestone.due_on = due_on
    milestone.completed_on = completed_on if status == Milestone.Status.COMPLETE else None
    milestone._history_user = user
    milestone.save()
    return milestone
