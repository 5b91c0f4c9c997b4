import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from priorities.models import Milestone
from priorities.services import update_milestone
from priorities.testing import add_priorities
from trust_portal.core.concurrency import StaleEdit

from .forms import milestone_form


def update_url(world):
    return reverse("milestone_update", args=[world.north.slug, world.milestone.pk])


def test_lead_officer_update_is_saved_with_its_history(world, login):
    client = login(world.users["lead_officer"])
    response = client.post(update_url(world), milestone_form(1))
    assert response.status_code == 302
    milestone = Milestone.objects.get(pk=world.milestone.pk)
    assert milestone.status == Milestone.Status.ON_TRACK
    assert milestone.due_on == datetime.date(2030, 6, 30)
    assert milestone.version == 2
    latest = milestone.history.first()
    assert latest.history_user == world.users["lead_officer"]
    assert latest.progress_note == "Consultation closes in June"
    page = client.get(response.url).content.decode()
    assert "Lead Officer" in page  # who made the change
    assert "Not started" in page and "On track" in page  # before and after


def test_second_editor_from_a_stale_copy_is_told_and_nothing_is_lost(world, login):
    first = milestone_form(1, progress_note="First editor's note")
    second = milestone_form(1, status="at_risk", progress_note="Second editor's note")
    login(world.users["administrator"]).post(update_url(world), first)
    client = login(world.users["lead_officer"])
    response = client.post(update_url(world), second)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else updated this milestone" in page
    assert "First editor&#x27;s note" in page  # what is saved now
    assert "Second editor&#x27;s note" in page  # the second editor's text is still in the form
    milestone = Milestone.objects.get(pk=world.milestone.pk)
    assert milestone.progress_note == "First editor's note"
    assert milestone.history.count() == 2  # created, then the first update only
    # Saving again from the refreshed form goes through.
    assert client.post(update_url(world), milestone_form(2, status="at_risk")).status_code == 302


def test_service_refuses_stale_version(world):
    update_milestone(milestone=world.milestone, expected_version=1, user=None,
                     status="on_track", progress_note="", due_on=None, completed_on=None)
    stale = Milestone.objects.get(pk=world.milestone.pk)
    stale.version = 1
    with pytest.raises(StaleEdit):
        update_milestone(milestone=stale, expected_version=1, user=None, status="complete",
                         progress_note="", due_on=None,
                         completed_on=timezone.localdate())


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"status": "complete"}, "completed_on", "Enter the date the milestone was completed"),
    ({"completed_on_0": "1", "completed_on_1": "1", "completed_on_2": "2020"}, "completed_on",
     "Leave the date completed empty unless the milestone is complete"),
    ({"status": "complete", "completed_on_0": "1", "completed_on_1": "1",
      "completed_on_2": "2999"}, "completed_on", "The date completed cannot be in the future"),
    ({"due_on_0": "31", "due_on_1": "2", "due_on_2": "2030"}, "due_on", "Enter a real date"),
    ({"due_on_2": "99999"}, "due_on", "Enter a real date"),
    ({"due_on_0": ""}, "due_on", "The date must include a day"),
    ({"due_on_1": "x"}, "due_on", "Enter a valid month"),
    ({"status": "finished"}, "status", "Select a valid choice"),
])
def test_bad_input_is_shown_beside_the_field_and_saves_nothing(world, login, overrides, field,
                                                                message):
    client = login(world.users["lead_officer"])
    response = client.post(update_url(world), milestone_form(1, **overrides))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'href="#id_{field}' in page  # the error summary links to the field
    milestone = Milestone.objects.get(pk=world.milestone.pk)
    assert (milestone.version, milestone.status) == (1, "not_started")


def test_missing_version_is_an_error_not_a_crash(world, login):
    data = milestone_form(1)
    del data["version"]
    response = login(world.users["lead_officer"]).post(update_url(world), data)
    assert response.status_code == 200


def test_overdue_milestones_are_flagged(world, login):
    client = login(world.users["lead_officer"])
    page = client.get(reverse("partnership_home", args=[world.north.slug])).content.decode()
    assert "1</span>" in page and "milestone overdue" in page
    assert "Strategy approved" in page and "Overdue" in page
    world.milestone.status = Milestone.Status.COMPLETE
    world.milestone.completed_on = timezone.localdate()
    world.milestone.save()
    page = client.get(reverse("partnership_home", args=[world.north.slug])).content.decode()
    assert "Strategy approved" not in page


def test_milestone_list_filters_by_status_and_due_date(world, login):
    add_priorities(world, 2)
    client = login(world.users["board_member"])
    url = reverse("milestone_list", args=[world.north.slug])
    overdue = client.get(url, {"when": "overdue"}).context["table"].data
    assert {m.pk for m in overdue} == set(
        Milestone.objects.overdue().values_list("pk", flat=True))
    assert len(overdue) == 5  # the world's own, and the first milestone of each extra action
    on_track = client.get(url, {"status": "on_track"}).context["table"].data
    assert {m.status for m in on_track} == {"on_track"}
    assert client.get(url, {"when": "someday"}).status_code == 200
