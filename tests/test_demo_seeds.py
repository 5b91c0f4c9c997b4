"""The demo says only what the seed documents say: names, figures, dates and headings.

Each fact loaded is looked up in the seed text it was transcribed from, so a transcription
slip, or a heading, time, status or day the seed does not give, fails here.
"""

import datetime
import os
import re
from functools import cache
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from indicators.models import Indicator
from priorities.models import Action, Milestone, Priority
from trust_portal.boards.models import Meeting, Paper
from trust_portal.core.models import Organisation, Partnership, Person

from .forms import milestone_form

SEEDS = Path(os.environ.get("TRUST_PORTAL_SEEDS", "/work/shared/seeds"))
needs_seeds = pytest.mark.skipif(not SEEDS.exists(),
                                 reason=f"the seed documents are not at {SEEDS}")
SEED_FILES = {"liverpool": ["000", "001", "003"], "wirral": ["002"], "leeds": ["004"]}


# Cells the seed's text extraction wrapped across table columns: each word is checked instead.
SPLIT_CELLS = {
    "Information to allow targeted activities against priority areas/cohorts.",
    "Increase in participation in positive activities for LAC and other vulnerable groups",
    "Identify occupational preferences and qualifications of current cohort by June 2011",
}


def _normal(text):
    """Lower case, single spaces, and none around hyphens ("Stathers- Tracy", "under -18")."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("’", "'").replace("‘", "'").replace("**", "")
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip().lower()


@cache
def seed_text(slug):
    return " ".join(_normal(path.read_text(encoding="utf-8"))
                    for prefix in SEED_FILES[slug] for path in SEEDS.glob(f"{prefix}_*.txt"))


def in_seed(text, slug):
    if text in SPLIT_CELLS:
        words = set(seed_text(slug).split())
        return all(word in words for word in _normal(text).split())
    return _normal(text) in seed_text(slug)


def wirral_plan():
    return Partnership.objects.get(slug="wirral").plans.get()


@needs_seeds
def test_wirral_delivery_plan_keeps_the_seeds_own_structure_and_words(demo):
    plan = wirral_plan()
    assert in_seed(plan.title, "wirral")
    assert all(in_seed(outcome.title, "wirral") for outcome in plan.outcomes.all())
    headings = list(plan.outcomes.values_list("title", flat=True))
    assert not {"Be Healthy", "Make a Positive Contribution",
                "Achieve Economic Wellbeing"} & set(headings)
    priorities = Priority.objects.filter(outcome__plan=plan)
    assert [p.reference for p in priorities] == [
        "NI 110", "NI 111", "NI 112", "NI 115", "NI 117",
        "Objective 1", "Objective 2", "Objective 3", "Objective 4", "Objective 5"]
    for priority in priorities:
        assert in_seed(priority.title, "wirral"), priority.title
    objective = priorities.get(reference="Objective 1")
    assert objective.title == ("Increase levels of participation, progression and attainment "
                               "for all 13-19 year olds")


def test_a_month_stays_a_month(demo, client):
    action = Action.objects.get(priority__outcome__plan=wirral_plan(),
                                description="Health Services in Schools.")
    milestone = Milestone.objects.get(action__priority__outcome__plan=wirral_plan(),
                                      description="KPIs finalised – September 09")
    assert milestone.due_is_month
    assert milestone.due_on == datetime.date(2009, 9, 30)  # a month is due by its last day
    exact = Milestone.objects.get(action__priority__outcome__plan=wirral_plan(),
                                  description="Review: 28 January 2010")
    assert not exact.due_is_month
    client.force_login(User.objects.get(username="admin"))
    page = client.get(action.priority.get_absolute_url()).content.decode()
    assert "From September 09" in page
    assert "30 Sep 2009" not in page
    assert "September 2009" in page
    assert "28 Jan 2010" in page


def test_a_month_milestone_is_overdue_only_after_its_month(db, world):
    world.milestone.due_on, world.milestone.due_is_month = datetime.date(2009, 9, 30), True
    world.milestone.save()
    milestones = Milestone.objects.filter(pk=world.milestone.pk)
    assert not milestones.overdue(today=datetime.date(2009, 9, 30)).exists()
    assert not milestones.overdue(today=datetime.date(2009, 9, 1)).exists()
    assert milestones.overdue(today=datetime.date(2009, 10, 1)).exists()


def test_meeting_times_are_only_those_the_seed_gives(demo, client):
    september = Meeting.objects.get(partnership__slug="wirral", date=datetime.date(2009, 9, 11))
    assert september.start_time is None and september.end_time is None
    november = Meeting.objects.get(partnership__slug="wirral", date=datetime.date(2009, 11, 20))
    assert november.start_time == datetime.time(9)  # "commencing at 9.00 am"
    assert november.end_time is None  # the seed gives no end time
    client.force_login(User.objects.get(username="admin"))
    page = client.get(september.get_absolute_url()).content.decode()
    assert "Time not recorded" in page
    assert "09:00" not in page


def test_milestones_the_seeds_give_no_status_are_not_recorded(demo, client):
    assert set(Milestone.objects.values_list("status", flat=True)) == {"not_recorded"}
    milestone = Milestone.objects.filter(
        action__priority__outcome__plan=wirral_plan()).first()
    client.force_login(User.objects.get(username="admin"))
    page = client.get(milestone.action.priority.get_absolute_url()).content.decode()
    assert "Not recorded" in page
    assert "Not started" not in page


@needs_seeds
@pytest.mark.parametrize(("author", "contact"), [
    ("Nancy Clarkson", "Phone: 6664329; Email: nancyclarkson@wirral.gov.uk"),
    ("Tracy Little", "Phone: 6664412; Email: tracylittle@wirral.gov.uk"),
    ("Maureen McDaid", "e-mail : maureenmcdaid@wirral.gov.uk; Tel: 0151-666-4508"),
])
def test_generated_papers_give_the_contact_the_seed_prints(demo, author, contact):
    paper = Paper.objects.get(partnership__slug="wirral", author__name=author,
                              kind__in=["indicators.performance", "indicators.laa",
                                        "priorities.plan"])
    assert paper.contact == contact
    assert all(in_seed(part, "wirral") for part in contact.split("; "))


def test_liverpool_baselines_are_loaded_as_the_seed_gives_them(demo):
    baselines = dict(Indicator.objects.filter(partnership__slug="liverpool", code__in=[
        "NI 15", "NI 29", "NI 30", "NI 111"]).values_list("code", "baseline"))
    assert baselines == {"NI 15": "1.34", "NI 29": "0.7", "NI 30": "21%", "NI 111": "565"}


@needs_seeds
@pytest.mark.parametrize("slug", ["liverpool", "wirral", "leeds"])
def test_a_sample_of_demo_facts_is_in_the_seed_text(demo, slug):
    partnership = Partnership.objects.get(slug=slug)
    facts = [
        *Person.objects.filter(partnership=partnership).values_list("name", flat=True),
        *Person.objects.filter(partnership=partnership).values_list("job_title", flat=True),
        *Organisation.objects.filter(partnership=partnership).values_list("name", flat=True),
        *Priority.objects.for_partnership(partnership).values_list("title", flat=True),
        *Indicator.objects.filter(partnership=partnership).exclude(baseline="")
        .values_list("baseline", flat=True),
        *Milestone.objects.for_partnership(partnership).values_list("description", flat=True),
        *Action.objects.filter(priority__outcome__plan__partnership=partnership)
        .exclude(dates_note="").values_list("dates_note", flat=True),
    ]
    missing = [fact for fact in facts if fact and not in_seed(fact, slug)]
    assert not missing, "\n".join(missing)


def test_lead_officer_updates_a_milestone_whose_status_was_not_recorded(world, login):
    Milestone.objects.filter(pk=world.milestone.pk).update(
        status=Milestone.Status.NOT_RECORDED, due_on=datetime.date(2030, 6, 30),
        due_is_month=True)
    client = login(world.users["lead_officer"])
    url = reverse("milestone_update", args=[world.north.slug, world.milestone.pk])
    page = client.get(url).content.decode()
    assert "Not recorded" in page
    assert client.post(url, milestone_form(1)).status_code == 302  # the same date, 30 6 2030
    milestone = Milestone.objects.get(pk=world.milestone.pk)
    assert milestone.status == Milestone.Status.ON_TRACK
    assert milestone.due_is_month and milestone.due_text == "June 2030"
    client.post(url, milestone_form(2, due_on_0="15"))
    milestone = Milestone.objects.get(pk=world.milestone.pk)
    assert not milestone.due_is_month and milestone.due_text == "15 Jun 2030"
