"""Meetings, minutes, the action log, the decisions register and editing written papers."""

import datetime
import os
import subprocess
import sys

import pytest
from django.db import connection
from django.db.models import RestrictedError
from django.urls import reverse

from trust_portal.boards.forms import PaperForm
from trust_portal.boards.models import (
    ActionLogEntry,
    AgendaItem,
    Meeting,
    Minute,
    Pack,
    Paper,
)
from trust_portal.boards.publication import request_publication
from trust_portal.boards.services import approve_minutes, save_paper
from trust_portal.boards.testing import add_agenda_items, add_paper
from trust_portal.core.models import Person

from .forms import paper_form


def url(name, world, *args):
    return reverse(name, args=[world.north.slug, *args])


def later_meeting(world):
    return Meeting.objects.create(partnership=world.north, date=datetime.date(2010, 1, 15),
                                  start_time=datetime.time(9))


def test_minutes_show_attendance_resolutions_and_actions(world, login):
    page = login(world.users["board_member"]).get(url("meeting_minutes", world, world.meeting.pk))
    text = page.content.decode()
    assert "Cllr Sam Sponsor (Chair)" in text
    assert "The Board endorsed the report." in text
    assert "Report back on the contract" in text
    assert "Draft: these minutes are approved at the next meeting." in text


def test_minutes_are_approved_at_the_next_meeting_and_then_locked(world, login):
    client = login(world.users["administrator"])
    approve = url("minutes_approve", world, world.meeting.pk)
    response = client.post(approve, follow=True)
    assert "none is scheduled yet" in response.content.decode()
    next_meeting = later_meeting(world)
    client.post(approve)
    world.meeting.refresh_from_db()
    assert world.meeting.status == Meeting.Status.MINUTES_APPROVED
    assert world.meeting.minutes_approved_at == next_meeting
    Meeting.objects.filter(pk=world.meeting.pk).update(status=Meeting.Status.HELD)  # an admin slip
    with pytest.raises(RestrictedError):
        next_meeting.delete()  # the meeting that approved them stays on record
    item = world.meeting.items.get(number=2)
    change = client.get(reverse("admin:boards_agendaitem_change", args=[item.pk]))
    assert 'name="minute-0-text"' not in change.content.decode()
    assert "The contract was discussed." in change.content.decode()
    client.post(reverse("admin:boards_agendaitem_change", args=[item.pk]), {
        "meeting": world.meeting.pk, "position": 2, "number": 2, "title": "Changed",
        "item_type": "paper", "minute-TOTAL_FORMS": "1", "minute-INITIAL_FORMS": "1",
        "minute-0-id": item.minute.pk, "minute-0-item": item.pk, "minute-0-text": "Rewritten",
        "minute-0-resolution": "deferred", "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0"})
    assert Minute.objects.get(item=item).text == "The contract was discussed."


def test_the_decisions_register_searches_and_filters_resolutions(world, login):
    add_agenda_items(world, 3)
    Minute.objects.filter(item__number=3).update(resolution="approved", text="Budget approved")
    client = login(world.users["board_member"])
    everything = client.get(url("decisions", world)).content.decode()
    assert "4 decisions" in everything
    approved = client.get(url("decisions", world), {"resolution": "approved"}).content.decode()
    assert "1 decision" in approved and "Budget approved" in approved
    searched = client.get(url("decisions", world), {"text": "contract"}).content.decode()
    assert "1 decision" in searched and "Youth services contract" in searched
    assert "0 decisions" in client.get(url("decisions", world), {"year": "2011"}).content.decode()


def test_the_action_log_lists_open_actions_with_their_owners(world, login):
    ActionLogEntry.objects.create(raised_at=world.meeting.items.get(number=2),
                                  description="Already done", status="done")
    client = login(world.users["lead_officer"])
    page = client.get(url("action_log", world)).content.decode()
    assert "Report back on the contract" in page and "Cara Commissioner" in page
    assert "Already done" not in page
    assert "Already done" in client.get(url("action_log", world), {"status": ""}).content.decode()


def test_an_action_is_due_at_its_meeting_on_its_date_or_at_a_future_meeting(world, login):
    item = world.meeting.items.get(number=2)
    ActionLogEntry.objects.create(raised_at=item, description="At the next board",
                                  due_meeting=later_meeting(world))
    ActionLogEntry.objects.create(raised_at=item, description="By a date",
                                  due_on=datetime.date(2010, 3, 31))
    page = login(world.users["lead_officer"]).get(url("action_log", world)).content.decode()
    # Each row of the table, by the text of its third cell, the action.
    rows = {row.split("</td>")[2].split(">")[-1]: row for row in page.split("<tr")[2:]}
    assert "15 Jan 2010" in rows["At the next board"]
    assert "31 Mar 2010" in rows["By a date"]
    assert "Future meeting" in rows["Report back on the contract"]


def test_matters_arising_present_the_open_actions_in_the_next_pack(world, login):
    next_meeting = later_meeting(world)
    paper = Paper.objects.create(partnership=world.north, kind="boards.action_log",
                                 source="open", title="Matters arising")
    AgendaItem.objects.create(meeting=next_meeting, position=1, number=1, paper=paper,
                              title="Matters arising", item_type="matters_arising")
    preview = login(world.users["administrator"]).get(url("pack_preview", world, next_meeting.pk))
    assert "Report back on the contract" in preview.content.decode()


def test_the_author_edits_their_paper_and_the_change_is_kept_in_history(world, login):
    client = login(world.users["commissioner"])
    response = client.post(url("paper_edit", world, world.paper.pk), paper_form(world))
    assert response.status_code == 302
    world.paper.refresh_from_db()
    assert world.paper.body.endswith("New text") and world.paper.version == 2
    latest = world.paper.history.first()
    assert latest.history_user == world.users["commissioner"]


def test_a_paper_saved_outside_a_request_still_records_who_saved_it(world):
    form = PaperForm(paper_form(world), instance=world.paper)
    assert form.is_valid()
    save_paper(form=form, expected_version=world.paper.version, user=world.users["administrator"])
    assert world.paper.history.first().history_user == world.users["administrator"]


def test_approving_minutes_logs_who_approved_them(world, caplog):
    later_meeting(world)
    with caplog.at_level("INFO", logger="trust_portal.boards"):
        approve_minutes(meeting=world.meeting, user=world.users["administrator"])
    assert f"{world.users['administrator']} approved the minutes of {world.meeting}" in caplog.text


def test_two_authors_saving_the_same_paper_do_not_overwrite_each_other(world, login):
    client = login(world.users["commissioner"])
    client.post(url("paper_edit", world, world.paper.pk), paper_form(world, body="First"))
    second = login(world.users["administrator"]).post(
        url("paper_edit", world, world.paper.pk), paper_form(world, body="Second"))
    assert second.status_code == 409
    assert "Someone else saved this paper" in second.content.decode()
    assert "Second" in second.content.decode()
    world.paper.refresh_from_db()
    assert world.paper.body == "First"


def test_a_paper_without_a_title_is_explained_beside_the_field(world, login):
    response = login(world.users["commissioner"]).post(
        url("paper_edit", world, world.paper.pk), paper_form(world, title=""))
    assert response.status_code == 200
    assert "Enter the paper&#x27;s title" in response.content.decode()


def test_meeting_page_lists_the_agenda_and_published_versions(world, login):
    page = login(world.users["board_member"]).get(world.meeting.get_absolute_url())
    text = page.content.decode()
    assert "Youth services contract" in text and "Cara Commissioner" in text
    assert "Version 1" in text
    assert "Publish again" not in text


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="db_worker is exercised against PostgreSQL in CI")
@pytest.mark.django_db(transaction=True)
def test_a_real_db_worker_publishes_the_pack(world, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    pack = request_publication(world.meeting, user=world.users["administrator"],
                               reason="Via the worker")
    assert Pack.objects.get(pk=pack.pk).status == Pack.Status.QUEUED
    database = connection.settings_dict
    environment = {**os.environ, "TASK_BACKEND": "database",
                   "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:"
                                   f"{database['PORT']}/{database['NAME']}",
                   "DATA_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay",
                    "--no-reload"], cwd=settings.BASE_DIR, env=environment, check=True,
                   timeout=120)
    pack.refresh_from_db()
    assert pack.status == Pack.Status.PUBLISHED
    documents = list(pack.documents.all())
    assert len(documents) == 2
    assert all((tmp_path / "media" / document.pdf.name).is_file() for document in documents)



def test_the_accessibility_statement_is_open_to_everyone_and_linked_from_every_page(world,
                                                                                    client):
    statement = client.get(reverse("accessibility"))
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA" \
        in statement.content.decode()
    public = client.get(reverse("public_meetings", args=[world.north.slug])).content.decode()
    assert f'href="{reverse("accessibility")}"' in public


def test_the_meeting_list_names_the_latest_published_version(world, login):
    Pack.objects.create(meeting=world.meeting, number=2, status=Pack.Status.FAILED)
    Pack.objects.create(meeting=world.meeting, number=3, status=Pack.Status.PUBLISHED)
    page = login(world.users["board_member"]).get(url("meeting_list", world)).content.decode()
    assert "Version 3" in page


def test_a_board_member_named_as_author_cannot_edit_the_paper(world, login):
    member = Person.objects.create(partnership=world.north, name="Bea Member",
                                   user=world.users["board_member"])
    Paper.objects.filter(pk=world.paper.pk).update(author=member)
    world.paper.refresh_from_db()
    client = login(world.users["board_member"])
    assert client.get(url("paper_edit", world, world.paper.pk)).status_code == 403
    assert client.post(url("paper_edit", world, world.paper.pk),
                       paper_form(world)).status_code == 403
    page = client.get(world.meeting.get_absolute_url()).content.decode()
    assert url("paper_edit", world, world.paper.pk) not in page
    world.paper.refresh_from_db()
    assert world.paper.version == 1


def test_a_generated_papers_author_writes_its_summary_but_never_its_body(world, login):
    item = add_paper(world, "indicators.performance", world.period.pk)
    paper = item.paper
    Paper.objects.filter(pk=paper.pk).update(author=world.paper.author, body="Kept as it is")
    paper.refresh_from_db()
    client = login(world.users["commissioner"])
    edit = url("paper_edit", world, paper.pk)
    assert edit in client.get(world.meeting.get_absolute_url()).content.decode()
    form = client.get(edit).content.decode()
    assert 'name="summary"' in form and 'name="body"' not in form
    response = client.post(edit, {
        "title": paper.title, "summary": "Quarter 2 in brief", "body": "Typed over the figures",
        "recommendations": "That the Board note the figures", "author": paper.author_id,
        "contact": "", "version": "1"})
    assert response.status_code == 302
    paper.refresh_from_db()
    assert paper.summary == "Quarter 2 in brief" and paper.body == "Kept as it is"
    assert login(world.users["board_member"]).get(edit).status_code == 403
