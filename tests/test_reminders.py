import datetime

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from indicators.models import Actual
from indicators.reminders import send_reminders
from trust_portal.core.models import Person


def setup_due(world, due):
    world.period.due_on = due
    world.period.save()
    Actual.objects.filter(indicator=world.indicator).update(status="draft")
    officer = Person.objects.create(partnership=world.north, name="Pat Performance",
                                    email="pat@example.org")
    world.indicator.responsible_officers.set([officer])
    return officer


def test_officers_are_reminded_once_before_the_due_date_and_once_when_overdue(world):
    due = datetime.date(2009, 10, 30)
    setup_due(world, due)
    assert send_reminders(due - datetime.timedelta(days=8), days_before=7) == 0
    assert send_reminders(due - datetime.timedelta(days=7), days_before=7) == 1
    assert send_reminders(due - datetime.timedelta(days=6), days_before=7) == 0  # sent already
    assert send_reminders(due + datetime.timedelta(days=1), days_before=7) == 1
    assert send_reminders(due + datetime.timedelta(days=2), days_before=7) == 0
    first, overdue = mail.outbox
    assert first.to == ["pat@example.org"]
    assert "2009/10 Q2 actuals are due by 30 October 2009" in first.subject
    assert "NI 43 Young people sentenced to custody" in first.body
    assert f"/north/performance/{world.period.pk}/entry/" in first.body
    assert "are overdue" in overdue.subject


def test_submitted_actuals_need_no_reminder(world):
    due = datetime.date(2009, 10, 30)
    setup_due(world, due)
    Actual.objects.filter(indicator=world.indicator).update(status="submitted")
    assert send_reminders(due + datetime.timedelta(days=1), days_before=7) == 0


def test_reminder_command_runs_daily_without_error(world):
    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_administrators_see_who_has_not_submitted(world, login):
    setup_due(world, datetime.date(2009, 10, 30))
    url = reverse("outstanding_actuals", args=[world.north.slug, world.period.pk])
    page = login(world.users["administrator"]).get(url).content.decode()
    assert "Pat Performance" in page and "NI 43" in page
