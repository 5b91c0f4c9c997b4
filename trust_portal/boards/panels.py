"""The board's panels on the partnership's home page (see BoardsConfig.panels): for board
members the next meeting and the packs published since their last visit; for administrators
the packs still to publish."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import Meeting, Pack

PACKS_LISTED = 5


def board_meetings(access):
    """The board's next meeting with its latest pack (or, with none arranged, its last one),
    and the packs published since the reader last signed in (the latest few if that is not
    known)."""
    today = timezone.localdate()
    meetings = Meeting.objects.for_partnership(access.partnership).select_related(
        "partnership").with_published_packs()
    meeting = meetings.filter(date__gte=today).order_by("date", "start_time").first()
    arranged = meeting is not None
    if not arranged:
        meeting = meetings.filter(date__lt=today).first()  # newest first
    packs = Pack.objects.published().filter(
        meeting__partnership=access.partnership).select_related(
        "meeting__partnership").order_by("-published_at")
    since = access.previous_sign_in
    if since is not None:
        packs = packs.filter(published_at__gt=since)
    return {"meeting": meeting, "arranged": arranged, "since": since,
            "packs": list(packs[:PACKS_LISTED]), "pack_count": packs.count()}


def packs_to_publish(access):
    """Meetings to come whose pack no one has asked to publish yet, and packs waiting to
    render, rendering, or failed without a later version published."""
    meetings = Meeting.objects.for_partnership(access.partnership).filter(
        date__gte=timezone.localdate(), packs=None).select_related("partnership").order_by(
        "date")
    later = Pack.objects.published().filter(meeting=OuterRef("meeting"),
                                            number__gt=OuterRef("number"))
    packs = Pack.objects.filter(meeting__partnership=access.partnership).exclude(
        status=Pack.Status.PUBLISHED).exclude(Exists(later)).select_related(
        "meeting__partnership").order_by("meeting__date", "number")
    return {"meetings": list(meetings), "packs": list(packs)}
