"""Reading a meeting's minutes and the action log, for their pages and for the pack."""

from django.db.models import Prefetch

from .models import ActionLogEntry, AgendaItem, Attendance, Meeting


def minutes_of(meeting):
    """Attendance, declarations and every item's minute, in a fixed number of queries."""
    attendance = list(meeting.attendance.select_related("person", "represented_by"))
    items = meeting.items.select_related("minute").prefetch_related(
        Prefetch("actions", queryset=ActionLogEntry.objects.select_related("owner", "due_meeting")))
    return {
        "minutes_meeting": meeting,
        "present": [a for a in attendance if a.kind == Attendance.Kind.PRESENT],
        "in_attendance": [a for a in attendance if a.kind == Attendance.Kind.IN_ATTENDANCE],
        "apologies": [a for a in attendance if a.kind == Attendance.Kind.APOLOGIES],
        "declarations": list(meeting.declarations.select_related("person", "item")),
        "minuted_items": [item for item in items if item.item_type != AgendaItem.ItemType.BREAK],
    }


def meetings_with_minutes(partnership):
    return Meeting.objects.filter(partnership=partnership, attendance__isnull=False).distinct()


def open_actions(partnership):
    return (ActionLogEntry.objects.open().with_context()
            .filter(raised_at__meeting__partnership=partnership))
