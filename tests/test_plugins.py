"""How an app plugs in: its menu entries reach the header for the roles they name, and the
demo's agendas name generated papers by kind and source label, for any kind."""

import pytest
from django.apps import apps
from django.urls import reverse

from trust_portal.boards.demo import agenda_paper
from trust_portal.core.models import Role
from trust_portal.core.plugins import MenuEntry

SAFEGUARDING_ONLY = MenuEntry(label="Reviews register", url_name="people",
                              roles=frozenset({Role.SAFEGUARDING_LEAD}), order=60)


@pytest.fixture
def safeguarding_menu(monkeypatch):
    config = apps.get_app_config("indicators")
    monkeypatch.setattr(config, "menu", [*config.menu, SAFEGUARDING_ONLY])


def menu_labels(client, world):
    response = client.get(reverse("partnership_home", args=[world.north.slug]))
    return [label for label, _ in response.context["menu"]]


@pytest.mark.parametrize(("persona", "offered"), [
    ("safeguarding_lead", True), ("administrator", True), ("board_member", False),
    ("performance_officer", False),
])
def test_an_apps_menu_entry_is_offered_to_the_roles_it_names(
        world, login, safeguarding_menu, persona, offered):
    labels = menu_labels(login(world.users[persona]), world)
    assert ("Reviews register" in labels) is offered
    # In the order the apps ask, whoever reads.
    assert labels[:3] == ["Overview", "Milestones", "Performance"]
    assert labels[-2:] == ["Meetings", "People and organisations"]


def test_the_menu_is_not_shown_off_a_partnerships_pages(world, login):
    response = login(world.users["board_member"]).get(reverse("choose_partnership"))
    assert "menu" not in response.context


def test_a_demo_agenda_names_a_generated_paper_by_kind_and_source_label(world):
    item = {"title": "Performance", "presenter": None,
            "paper": {"kind": "indicators.performance", "source": world.period.name}}
    paper = agenda_paper(world.north, item, {}, {})
    assert (paper.kind, paper.source, paper.title) == (
        "indicators.performance", str(world.period.pk), "Performance")


def test_a_demo_agenda_naming_a_source_the_kind_does_not_offer_says_which_it_does(world):
    item = {"title": "Performance", "presenter": None,
            "paper": {"kind": "indicators.performance", "source": "1999/00 Q1"}}
    with pytest.raises(ValueError, match=r"no '1999/00 Q1'.*'2009/10 Q2'"):
        agenda_paper(world.north, item, {}, {})


def test_the_home_page_shows_each_apps_panels_in_their_order(world, login):
    response = login(world.users["lead_officer"]).get(
        reverse("partnership_home", args=[world.north.slug]))
    templates = [template for template, _ in response.context["panels"]]
    assert templates == ["priorities/panels/milestones.html", "priorities/panels/led.html",
                         "priorities/panels/plans.html"]
    page = response.content.decode()
    assert page.index("milestone overdue") < page.index("Priorities you lead") < page.index(
        f"{world.plan.title}</a></h2>")


def test_a_panel_with_nothing_to_show_is_left_out(world, login):
    response = login(world.users["board_member"]).get(
        reverse("partnership_home", args=[world.north.slug]))
    assert "Priorities you lead" not in response.content.decode()
