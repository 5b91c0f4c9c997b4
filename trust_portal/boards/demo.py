"""The demo's board meetings of a partnership, from `<slug>_meetings.json`: agendas, papers,
minutes and the action log, and the packs the seeds show published.

A written paper is the text the seed prints (`papers`); a generated one names its kind by
registry key and its source by the label the kind offers for it, so that it presents live data
and this loader needs to know no kind. Boards load after every app, so any kind's source exists.
"""

from trust_portal.core.models import Partnership, Person
from trust_portal.demo.fixtures import as_date, fixture_exists, read_fixture

from .models import (
    ActionLogEntry,
    AgendaItem,
    Appendix,
    Attendance,
    Declaration,
    Meeting,
    Minute,
    Pack,
    Paper,
)
from .publication import request_publication
from .registry import get_kind


def load(partnership: Partnership) -> None:
    name = f"{partnership.slug}_meetings"
    if not fixture_exists(name):
        return
    data = read_fixture(name)
    people = {p.name: p for p in partnership.people.all()}
    for meeting_data in sorted(data["meetings"], key=lambda m: m["date"]):
        meeting = Meeting.objects.create(
            partnership=partnership, date=as_date(meeting_data["date"]),
            start_time=meeting_data["start_time"],
            end_time=meeting_data["end_time"], venue=meeting_data["venue"],
            status=meeting_data["status"], is_public=True)
        items = {}
        for position, item_data in enumerate(meeting_data["agenda"], start=1):
            item = AgendaItem.objects.create(
                meeting=meeting, position=position, number=item_data["number"],
                starts_at=item_data["time"], title=item_data["title"],
                item_type=item_data["item_type"], presenter=people.get(item_data["presenter"]),
                paper=agenda_paper(partnership, item_data, data["papers"], people),
                is_exempt=item_data["exempt"])
            items[item_data["number"]] = item
        if meeting_data["minutes"]:
            _load_minutes(meeting, meeting_data["minutes"], items, people)


def unload(partnership: Partnership) -> None:
    # Meetings go first: their attendance and declarations keep the partnership's people.
    Meeting.objects.filter(partnership=partnership).delete()


def agenda_paper(partnership, item_data, papers, people):
    """The paper of an agenda item of the fixture: written from `papers`, or generated."""
    spec = item_data["paper"]
    if spec is None:
        return None
    if isinstance(spec, str):
        text = papers[spec]
        paper = Paper.objects.create(
            partnership=partnership, title=text["title"], summary=text["summary"],
            body=text["body"], recommendations=text["recommendations"],
            author=people.get(text["author"]), contact=text["contact"])
        for position, appendix in enumerate(text["appendices"], start=1):
            Appendix.objects.create(paper=paper, position=position, **appendix)
        return paper
    kind = get_kind(spec["kind"])
    sources = {label: value for value, label in kind.source.choices(partnership)}
    if spec["source"] not in sources:
        raise ValueError(f"{partnership.name} has no {spec['source']!r} to build a "
                         f"{kind.name.lower()} from; it offers {sorted(sources)}.")
    return Paper.objects.create(
        partnership=partnership, kind=kind.key, source=sources[spec["source"]],
        title=spec.get("title", item_data["title"]), author=people.get(item_data["presenter"]),
        contact=item_data.get("contact", ""))


def _load_minutes(meeting, minutes, items, people):
    def person(name):
        if name not in people:
            people[name] = Person.objects.create(partnership=meeting.partnership, name=name)
        return people[name]

    for kind, entries in ((Attendance.Kind.PRESENT, minutes["present"]),
                          (Attendance.Kind.IN_ATTENDANCE, minutes["in_attendance"])):
        for entry in entries:
            Attendance.objects.create(meeting=meeting, person=person(entry["name"]), kind=kind,
                                      capacity=entry["capacity"])
    for entry in minutes["apologies"]:
        Attendance.objects.create(
            meeting=meeting, person=person(entry["name"]), kind=Attendance.Kind.APOLOGIES,
            description=entry["description"],
            represented_by=person(entry["represented_by"]) if entry["represented_by"] else None)
    for entry in minutes["declarations"]:
        Declaration.objects.create(meeting=meeting, person=person(entry["name"]),
                                   item=items.get(entry["item"]), interest=entry["interest"])
    for entry in minutes["items"]:
        Minute.objects.create(item=items[entry["number"]], text=entry["minute"],
                              resolution=entry["resolution"])
    for entry in minutes["actions"]:
        ActionLogEntry.objects.create(
            raised_at=items[entry["item"]], description=entry["description"],
            owner=person(entry["owner"]), status=entry["status"],
            due_on=as_date(entry["due"]) if entry["due"][:1].isdigit() else None)


def publish_packs(partnership: Partnership) -> list[Pack]:
    """Publish the packs the seeds show published (`publish_pack`) through the portal's own
    publishing, as an administrator would, rendering them now rather than in a background
    worker. Returns the packs, each published or failed."""
    name = f"{partnership.slug}_meetings"
    if not fixture_exists(name):
        return []
    packs = []
    for meeting_data in read_fixture(name)["meetings"]:
        if meeting_data.get("publish_pack"):
            meeting = Meeting.objects.get(partnership=partnership,
                                          date=as_date(meeting_data["date"]))
            pack = request_publication(meeting, user=None, background=False)
            packs.append(Pack.objects.get(pk=pack.pk))
    return packs
