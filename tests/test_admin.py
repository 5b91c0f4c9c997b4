import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from trust_portal.boards.models import ActionLogEntry, AgendaItem, Attendance, Meeting, Minute
from trust_portal.core.models import Person


def test_administration_is_refused_to_everyone_but_administrators(world, client):
    for name, user in world.users.items():
        user.is_staff = True
        user.save()
        client.force_login(user)
        response = client.get(reverse("admin:index"))
        allowed = name in {"administrator", "outsider"}  # each administers their own
        assert (response.status_code == 200) == allowed, name


def test_partnership_administrator_sees_only_their_partnership(world, client):
    Person.objects.create(partnership=world.south, name="Somebody From South")
    client.force_login(world.users["administrator"])
    page = client.get(reverse("admin:core_person_changelist")).content.decode()
    assert "Lena Lead" in page
    assert "Somebody From South" not in page
    south_person = Person.objects.get(name="Somebody From South")
    response = client.get(reverse("admin:core_person_change", args=[south_person.pk]))
    assert response.status_code == 404  # not Django's redirect to the index, which tells


def test_milestone_progress_is_read_only_in_administration(world, client):
    client.force_login(world.users["administrator"])
    response = client.get(reverse("admin:priorities_milestone_change",
                                  args=[world.milestone.pk]))
    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()


def approve(meeting):
    """Approve the meeting's minutes at a later meeting, as the board does."""
    later = Meeting.objects.create(partnership=meeting.partnership,
                                   date=meeting.date + datetime.timedelta(weeks=8),
                                   start_time=meeting.start_time)
    meeting.minutes_approved_at = later
    meeting.status = Meeting.Status.MINUTES_APPROVED
    meeting.save()
    return later


def management(prefix, records=()):
    data = {f"{prefix}-TOTAL_FORMS": len(records), f"{prefix}-INITIAL_FORMS": len(records)}
    for n, record in enumerate(records):
        data[f"{prefix}-{n}-id"] = record.pk
    return data


def item_form(item, **changes):
    data = {"meeting": item.meeting_id, "position": item.position, "number": item.number,
            "title": item.title, "item_type": item.item_type,
            **management("minute", [item.minute]), **management("actions")}
    return {**data, **changes}


def test_an_approved_meetings_agenda_no_longer_changes_in_administration(world, client):
    item = world.meeting.items.get(position=2)
    approve(world.meeting)
    client.force_login(world.users["administrator"])
    page = client.get(reverse("admin:boards_agendaitem_change", args=[item.pk])).content.decode()
    assert 'name="title"' not in page
    client.post(reverse("admin:boards_agendaitem_change", args=[item.pk]),
                item_form(item, title="Renamed"))
    assert AgendaItem.objects.get(pk=item.pk).title == "Youth services contract"
    response = client.post(reverse("admin:boards_agendaitem_delete", args=[item.pk]),
                           {"post": "yes"})
    assert response.status_code == 403
    response = client.post(reverse("admin:boards_agendaitem_add"),
                           item_form(item, position=9, title="Added"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    response = client.post(reverse("admin:boards_meeting_delete", args=[world.meeting.pk]),
                           {"post": "yes"})
    assert response.status_code == 403
    assert world.meeting.items.count() == 2


def test_an_approved_meetings_items_cannot_be_added_on_its_page(world, client):
    approve(world.meeting)
    client.force_login(world.users["administrator"])
    meeting = world.meeting
    data = {"partnership": meeting.partnership_id, "date": meeting.date,
            "start_time": meeting.start_time, "status": meeting.status,
            **management("items"), **management("attendance", list(meeting.attendance.all())),
            **management("declarations"),
            "items-TOTAL_FORMS": 1, "items-0-position": 9, "items-0-title": "Added",
            "items-0-item_type": "paper"}
    client.post(reverse("admin:boards_meeting_change", args=[meeting.pk]), data)
    assert meeting.items.count() == 2
    page = client.get(reverse("admin:boards_meeting_change", args=[meeting.pk])).content
    assert b'name="items-0-title"' not in page


def test_matters_arising_are_followed_up_after_approval_but_stay_where_raised(world, client):
    item = world.meeting.items.get(position=2)
    entry = item.actions.get()
    later = approve(world.meeting)
    later_item = AgendaItem.objects.create(meeting=later, position=1, title="Matters arising")
    client.force_login(world.users["administrator"])
    response = client.post(reverse("admin:boards_actionlogentry_change", args=[entry.pk]), {
        "raised_at": later_item.pk, "description": "Reworded", "status": "done",
        "update": "Reported in March"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.update) == ("done", "Reported in March")
    assert (entry.raised_at, entry.description) == (item, "Report back on the contract")
    response = client.post(reverse("admin:boards_actionlogentry_delete", args=[entry.pk]),
                           {"post": "yes"})
    assert response.status_code == 403
    response = client.post(reverse("admin:boards_actionlogentry_add"), {
        "raised_at": item.pk, "description": "A new action", "status": "open"})
    assert response.status_code == 200
    assert item.actions.count() == 1


def test_approved_minutes_are_refused_by_the_models_whatever_the_page(world):
    item = world.meeting.items.get(position=2)
    entry = item.actions.get()
    approve(world.meeting)
    item.full_clean()  # unchanged, it is still valid
    item.title = "Renamed"
    with pytest.raises(ValidationError):
        item.full_clean()
    with pytest.raises(ValidationError):
        AgendaItem(meeting=world.meeting, position=9, title="Added").full_clean()
    minute = Minute.objects.get(item__pk=item.pk)
    minute.text = "Rewritten"
    with pytest.raises(ValidationError):
        minute.full_clean()
    with pytest.raises(ValidationError):
        Attendance(meeting=world.meeting, person=world.paper.author).full_clean()
    entry.status, entry.update = "done", "Reported"
    entry.full_clean()
    entry.description = "Reworded"
    with pytest.raises(ValidationError):
        entry.full_clean()
    with pytest.raises(ValidationError):
        ActionLogEntry(raised_at=item, description="New").full_clean()


def test_an_action_stays_with_the_meeting_that_raised_it(world):
    entry = world.meeting.items.get(position=2).actions.get()
    later = Meeting.objects.create(partnership=world.north, date=datetime.date(2010, 1, 8),
                                   start_time=datetime.time(9))
    entry.raised_at = AgendaItem.objects.create(meeting=later, position=1, title="Other")
    with pytest.raises(ValidationError) as refused:
        entry.full_clean()
    assert "raised_at" in refused.value.message_dict
    entry.raised_at = world.meeting.items.get(position=1)
    entry.full_clean()  # another item of the same meeting
