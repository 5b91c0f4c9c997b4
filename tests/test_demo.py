"""The demo partnerships, as loaded from the seed documents, and a crawl of every page."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from indicators.models import Indicator
from priorities.models import Milestone, Priority
from trust_portal.boards.models import Meeting
from trust_portal.core.models import Partnership

from .conftest import load_demo
from .crawl import crawl

# Seed 000, Liverpool CYPP 2009-11 section 3: every priority and its lead officers.
LIVERPOOL_PRIORITIES = {
    "A.1": ["Stephen Tiffany"],
    "A.2": ["Maria Cody", "Suzanne Metcalfe"],
    "A.3": ["Jason Grugan"],
    "A.4": ["Karen Lawrenson", "Susie Gardner"],
    "B.1": ["James Clarke"],
    "B.2": ["Paul Dagnall", "Alison Stathers-Tracy", "Alan Renshall"],
    "B.3": ["James Clarke"],
    "B.4": ["James Clarke"],
    "B.5": ["Alan Renshall"],
    "C.1": ["Sue Shinkfield", "Jo Olsson"],
    "C.2": ["Ron Collinson", "Ken Roberts"],
    "C.3": ["Peter Thorpe"],
    "C.4": ["Sue Shinkfield", "Colette O'Brien"],
    "C.5": ["Lesley Wright"],
    "D.1": ["Aileen Shepherd"],
    "D.2": ["Chester Morrison"],
    "D.3": ["Ken Roberts", "Chester Morrison"],
    "E.1": ["Lesley Halsall"],
    "E.2": ["Hugh Milroy"],
    "E.3": ["Steve Moutray"],
    "F.1": ["Helen Winrow"],
    "F.2": ["Sandra Campbell"],
    "F.3": ["Tim Warren"],
}


def leads_by_reference(slug):
    priorities = Priority.objects.filter(outcome__plan__partnership__slug=slug)
    return {p.reference: sorted(person.name for person in p.lead_officers.all())
            for p in priorities.prefetch_related("lead_officers")}


def test_liverpool_has_every_priority_with_its_lead_officers(demo):
    assert leads_by_reference("liverpool") == {
        ref: sorted(names) for ref, names in LIVERPOOL_PRIORITIES.items()
    }
    outcomes = Partnership.objects.get(slug="liverpool").plans.get().outcomes
    assert list(outcomes.values_list("title", flat=True)) == [
        "Be Healthy", "Stay Safe", "Enjoy and Achieve", "Make a Positive Contribution",
        "Achieve Economic Wellbeing", "Leadership and Management",
    ]


def test_leeds_has_eleven_priorities_three_starting_points_and_their_action_plans(demo):
    priorities = Priority.objects.filter(outcome__plan__partnership__slug="leeds")
    assert priorities.count() == 11
    assert priorities.values("outcome").distinct().count() == 5
    assert sorted(priorities.filter(is_key=True).values_list("reference", flat=True)) == [
        "1", "3", "4"]
    assert all(p.sponsors.exists() for p in priorities)
    for reference in ["1", "3", "4"]:
        assert Milestone.objects.filter(action__priority__in=priorities.filter(
            reference=reference)).exists()


def test_wirral_has_the_iyss_delivery_plan(demo):
    plan = Partnership.objects.get(slug="wirral").plans.get()
    assert plan.title == "Wirral IYSS Strategy 2009-2010 (Delivery Plan)"
    assert "Lindsay Davidson" in leads_by_reference("wirral")["NI 110"]


def test_demo_logins_cover_every_role(demo):
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert set(admin.memberships.values_list("partnership__slug", flat=True)) == {
        "liverpool", "wirral", "leeds"}
    assert User.objects.get(username="wirral-lead").people.get().name == "Lindsay Davidson"


def test_loading_twice_keeps_one_copy(demo):
    load_demo()
    assert Partnership.objects.count() == 3


@pytest.mark.parametrize("username", ["admin", "wirral-lead", "leeds-lead"])
def test_every_page_of_the_demo_answers(demo, client, username):
    """Follow every link inside the portal from the home page; none may fail."""
    client.force_login(User.objects.get(username=username))
    answered = 0
    for url, response in crawl(client):
        assert response.status_code == 200, url
        answered += 1
    assert answered > 50


def test_reset_reloads_a_demo_that_has_been_used(demo):
    meetings = list(Meeting.objects.filter(partnership__slug="wirral").order_by("date"))
    Meeting.objects.filter(pk=meetings[0].pk).update(minutes_approved_at=meetings[1])
    Milestone.objects.filter(action__priority__outcome__plan__partnership__slug="wirral").update(
        progress_note="Changed while trying the demo")
    call_command("load_demo", "--reset", "--without-packs", stdout=io.StringIO())
    assert Meeting.objects.filter(partnership__slug="wirral").count() == len(meetings)
    assert not Milestone.objects.filter(progress_note="Changed while trying the demo").exists()


# Seed 002, the Wirral IYSS delivery plan's WHO column for the indicators the board's
# performance appendix reports: every officer it names, and no other.
WIRRAL_RESPONSIBLE_OFFICERS = {
    "NI 112": ["Jane Washington", "Kevin McCallum", "Lindsay Davidson", "Tony Kinsella"],
    "NI 117": ["Sheila Lynch"],
}


def test_the_demo_names_the_officers_the_seeds_name_for_each_indicator(demo):
    indicators = Indicator.objects.filter(responsible_officers__isnull=False).distinct()
    assert {(i.partnership.slug, i.code): sorted(p.name for p in i.responsible_officers.all())
            for i in indicators.select_related("partnership")} == {
        ("wirral", code): names for code, names in WIRRAL_RESPONSIBLE_OFFICERS.items()}


def test_the_performance_officer_plays_an_officer_the_seeds_name(demo, client):
    user = User.objects.get(username="wirral-performance")
    assert user.people.get().name == "Sheila Lynch"
    client.force_login(user)
    page = client.get("/wirral/").content.decode()
    assert "Your indicators" in page and "2009/10 Q3" in page
    assert "NI 117</a> 16 to 18 year olds who are not in education" in page
    assert "NI 112</a>" not in page
