"""Changes to meetings that carry rules: saving papers safely and locking approved minutes."""

from django.db import transaction

from trust_portal.core.concurrency import claim_version

from .models import Meeting, Paper


class MinutesRefused(Exception):
    pass


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
    next_meeting = (Meeting.objects.filter(partnership=meeting.partnership, date__gt=meeting.date)
                    .order_by("date").first())
    if next_meeting is None:
        raise MinutesRefused("Minutes are approved at the next meeting; none is scheduled yet.")
    meeting.status = Meeting.Status.MINUTES_APPROVED
    meeting.minutes_approved_at = next_meeting
    meeting.save(update_fields=["status", "minutes_approved_at"])
    return meeting
