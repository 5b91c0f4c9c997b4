"""The board's part of the shared test world (see tests/conftest.py): a public meeting with a
minuted, written paper and an action, and its published pack."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from trust_portal.core.models import Person

from .models import (
    ActionLogEntry,
    AgendaItem,
    Attendance,
    Meeting,
    Minute,
    Pack,
    PackDocument,
    Paper,
)


def build(world) -> None:
    north, commissioner = world.north, world.commissioner
    world.meeting = Meeting.objects.create(partnership=north, date=datetime.date(2009, 11, 20),
                                           start_time=datetime.time(9), venue="Town Hall",
                                           is_public=True)
    world.paper = Paper.objects.create(partnership=north, title="Youth services contract",
                                       summary="The contract for youth services.",
                                       body="## Background\n\nThe contract ends in March.",
                                       recommendations="That the Board note the report.",
                                       author=commissioner)
    AgendaItem.objects.create(meeting=world.meeting, position=1, number=1, title="Apologies",
                              item_type=AgendaItem.ItemType.APOLOGIES)
    item = AgendaItem.objects.create(meeting=world.meeting, position=2, number=2,
                                     title="Youth services contract", paper=world.paper,
                                     presenter=commissioner, starts_at=datetime.time(9, 5))
    Minute.objects.create(item=item, text="The contract was discussed.", resolution="endorsed")
    ActionLogEntry.objects.create(raised_at=item, description="Report back on the contract",
                                  owner=commissioner)
    Attendance.objects.create(meeting=world.meeting, person=world.sponsor,
                              capacity=Attendance.Capacity.CHAIR)
    world.pack = Pack.objects.create(meeting=world.meeting, number=1,
                                     status=Pack.Status.PUBLISHED, published_at=timezone.now())
    for audience in PackDocument.Audience:
        PackDocument.objects.create(pack=world.pack, audience=audience, sha256="0" * 64,
                                    page_count=1, html="<p>Pack</p>",
                                    pdf=ContentFile(b"%PDF-1.7 stored", name="pack.pdf"))


def add_agenda_items(world, count: int) -> None:
    """Add `count` minuted items to the meeting, each with a written paper and an action."""
    start = world.meeting.items.count()
    person = world.paper.author
    for n in range(start + 1, start + count + 1):
        paper = Paper.objects.create(partnership=world.north, title=f"Paper {n}",
                                     body=f"## Section {n}\n\nText", author=person)
        item = AgendaItem.objects.create(meeting=world.meeting, position=n, number=n,
                                         title=f"Item {n}", paper=paper, presenter=person)
        Minute.objects.create(item=item, text=f"Minute {n}", resolution="noted")
        ActionLogEntry.objects.create(raised_at=item, description=f"Follow up {n}",
                                      owner=person)
        Attendance.objects.create(meeting=world.meeting, person=Person.objects.create(
            partnership=world.north, name=f"Attendee {n}"))


def add_paper(world, kind: str, source="") -> AgendaItem:
    """Put a paper of `kind`, built from `source`, last on the meeting's agenda."""
    position = world.meeting.items.count() + 1
    paper = Paper.objects.create(partnership=world.north, kind=kind, source=str(source),
                                 title=f"Paper {position}")
    return AgendaItem.objects.create(meeting=world.meeting, position=position,
                                     number=position, title=f"Item {position}", paper=paper)


def add_meetings(world, count: int) -> None:
    """Add `count` earlier meetings, each with a minuted item, an action and a pack."""
    start = Meeting.objects.filter(partnership=world.north).count()
    for n in range(start, start + count):
        meeting = Meeting.objects.create(
            partnership=world.north, date=world.meeting.date - datetime.timedelta(weeks=n),
            start_time=world.meeting.start_time, is_public=True)
        item = AgendaItem.objects.create(meeting=meeting, position=1, number=1,
                                         title=f"Item of meeting {n}")
        Minute.objects.create(item=item, text=f"Minute {n}", resolution="approved")
        ActionLogEntry.objects.create(raised_at=item, description=f"Action {n}")
        Pack.objects.create(meeting=meeting, number=1, status=Pack.Status.PUBLISHED,
                            published_at=timezone.now())


def grow(world, count: int) -> None:
    add_agenda_items(world, count)
    add_meetings(world, count)
