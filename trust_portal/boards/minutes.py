"""Reading a meeting's minutes and the action log, for their pages and for the pack.

Exempt items are minuted for the board only: what the public reads (`public=True`) names an
exempt item but never its minute, its actions or the interests declared in it.
"""

from types import SimpleNamespace

from django.db.models import Prefetch

from .models import ActionLogEntry, AgendaItem, Attendance, Meeting


def minutes_of(meeting, *, public=False, attendance=None):
    """Attendance, declarations and every item's minute, in a fixed number of queries; the
    attendance is not read again if given (see minuted_meeting)."""
    if attendance is None:
        attendance = list(meeting.attendance.select_related("person", "represented_by"))
    items = [item for item in meeting.items.select_related("minute").prefetch_related(
        Prefetch("actions", queryset=ActionLogEntry.objects.select_related("owner",
                                                                            "due_meeting")))
        if item.item_type != AgendaItem.ItemType.BREAK]
    declarations = list(meeting.declarations.select_related("person", "item"))
    if public:
        for declaration in declarations:
            if declaration.item is not None and declaration.item.is_exempt:
                declaration.interest = ""  # a fresh instance, read for this audience alone
    return {
        "minutes_meeting": meeting,
        "present": [a for a in attendance if a.kind == Attendance.Kind.PRESENT],
        "in_attendance": [a for a in attendance if a.kind == Attendance.Kind.IN_ATTENDANCE],
        "apologies": [a for a in attendance if a.kind == Attendance.Kind.APOLOGIES],
        "declarations": declarations,
        "minuted_items": [withheld(item) if public and item.is_exempt else item
                          for item in items],
    }


def withheld(item):
    """An exempt item as the public minutes name it: its number and title, nothing minuted."""
    return SimpleNamespace(number=item.number, title=item.title, withheld=True)


def meetings_with_minutes(partnership):
    return Meeting.objects.filter(partnership=partnership, attendance__isnull=False).distinct()


def minuted_meeting(partnership_id, pk):
    """(meeting, its attendance) if the partnership's meeting `pk` has minutes, else None:
    read in one query, the meeting with its attendance, as a meeting has minutes once its
    attendance is recorded (see meetings_with_minutes)."""
    attendance = list(Attendance.objects.filter(meeting__partnership_id=partnership_id,
                                                meeting_id=pk)
                      .select_related("meeting", "person", "represented_by"))
    return (attendance[0].meeting, attendance) if attendance else None


def open_actions(partnership, *, public=False):
    """The open actions; for the public, none raised at an exempt item."""
    actions = (ActionLogEntry.objects.open().with_context()
               .filter(raised_at__meeting__partnership=partnership))
    return actions.exclude(raised_at__is_exempt=True) if public else actions
