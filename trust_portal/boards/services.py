"""Changes to meetings that carry rules: saving papers safely and locking approved minutes."""

from django.db import transaction

from trust_portal.core.concurrency import claim_version

from .models import Meeting, Paper


class MinutesRefused(Exception):
    pass


def can_edit_paper(access, paper):
    """A written paper's author edits it, as does the partnership's administrator."""
    is_author = access.person is not None and paper.author_id == access.person.pk
    return access.is_administrator or is_author


def save_paper(form, *, expected_version):
    """Save the form's paper unless someone saved it since the form was read (StaleEdit)."""
    with transaction.atomic():
        paper = form.save(commit=False)
        paper.version = claim_version(Paper, paper.pk, expected_version)
        paper.save()
    return paper


def approve_minutes(meeting):
    """Minutes are approved at the next meeting, and are locked from then on."""
    if meeting.minutes_locked:
        raise MinutesRefused("These minutes are already approved.")
    if not meeting.attendance.exists():
        raise MinutesRefused("There are no minutes to approve yet: record who attended first.")
    next_meeting = meeting.next_meeting()
    if next_meeting is None:
        raise MinutesRefused("Minutes are approved at the next meeting; none is scheduled yet.")
    meeting.status = Meeting.Status.MINUTES_APPROVED
    meeting.minutes_approved_at = next_meeting
    meeting.save(update_fields=["status", "minutes_approved_at"])
    return meeting
