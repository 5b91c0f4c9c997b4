"""Changes to meetings that carry rules: saving papers safely and locking approved minutes.

Each write takes the acting user and records it, in the record's history where it keeps one.
"""

import logging

from django.contrib.auth.models import User
from django.db import transaction

from trust_portal.core.access import Access
from trust_portal.core.concurrency import claim_version
from trust_portal.core.history import record_user
from trust_portal.core.models import Role

from .forms import PaperForm
from .models import Meeting, Paper

logger = logging.getLogger("trust_portal.boards")


class MinutesRefused(Exception):
    pass


# The roles that write papers for the board; board members read them. Being named a paper's
# author gives no right to edit it to anyone outside these roles.
PAPER_WRITING_ROLES = (Role.LEAD_OFFICER, Role.PERFORMANCE_OFFICER, Role.COMMISSIONER,
                       Role.SAFEGUARDING_LEAD)


def can_edit_paper(access: Access, paper: Paper) -> bool:
    """The administrator edits any paper; its author edits it if they write papers.

    What an author writes by hand is the same for every kind: title, summary,
    recommendations and contact; a generated paper's body is built from live data and its
    form has no body (see PaperForm). No one edits a paper its kind does not let them see."""
    if not paper.may_be_read(access=access):
        return False
    if access.is_administrator:
        return True
    if paper.author_id is None or not access.has_role(*PAPER_WRITING_ROLES):
        return False
    return access.person is not None and paper.author_id == access.person.pk


@transaction.atomic
def save_paper(*, form: PaperForm, expected_version: int, user: User) -> Paper:
    """Save the form's paper unless someone saved it since the form was read (StaleEdit)."""
    paper = form.save(commit=False)
    paper.version = claim_version(Paper, paper.pk, expected_version)
    record_user(paper, user)
    paper.save()
    return paper


@transaction.atomic
def approve_minutes(*, meeting: Meeting, user: User) -> Meeting:
    """Minutes are approved at the next meeting, and are locked from then on.

    A meeting keeps no history, so who approved them is recorded in the log."""
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
    logger.info("%s approved the minutes of %s at %s", user, meeting, next_meeting)
    return meeting
