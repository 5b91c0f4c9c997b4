"""Report cards: who writes and publishes them, how a publication is frozen, what they show."""

import pytest
from django.urls import reverse

from indicators import testing
from indicators.card_services import PublicationRefused, publish_card, save_card
from indicators.cards import ReportCard
from indicators.models import Actual, ReportingPeriod, Target
from trust_portal.core.concurrency import StaleEdit


@pytest.fixture
def card_world(world):
    testing.build(world)
    return world


def card_form(card, **changes):
    return {"title": card.title, "period": card.period_id or "", "version": card.version,
            **{name: getattr(card, name) for name in ReportCard.SECTIONS}, **changes}


def url(name, world, *args):
    return reverse(name, args=[world.north.slug, world.card.pk, *args])


def test_card_page_shows_figures_story_and_action_plan(card_world, login):
    page = login(card_world.users["board_member"]).get(url("report_card", card_world))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Where are we now?" in text and "NI 43" in text and "5.3%" in text
    assert "<strong>serious case review</strong>" in text  # the portal's Markdown
    assert "Develop a citywide edge of care strategy" in text
    assert "Overdue" in text  # the world's milestone was due three days ago
    assert "<svg" in text
    assert "Not recorded." in text  # sections left empty say so


@pytest.mark.parametrize(("persona", "allowed"), [
    ("lead_officer", True), ("administrator", True), ("other_lead_officer", False),
    ("board_member", False), ("performance_officer", False),
])
def test_only_leads_sponsors_and_administrators_edit(card_world, login, persona, allowed):
    client = login(card_world.users[persona])
    response = client.post(url("report_card_edit", card_world),
                           card_form(card_world.card, story="Rewritten"))
    assert response.status_code == (302 if allowed else 403)
    card = ReportCard.objects.get(pk=card_world.card.pk)
    assert (card.story == "Rewritten") is allowed
    if allowed:
        assert card.history.first().history_user == card_world.users[persona]


def test_a_sponsor_linked_to_a_login_may_publish(card_world, login):
    sponsor = card_world.priority.sponsors.get()
    sponsor.user = card_world.users["board_member"]
    sponsor.save()
    response = login(card_world.users["board_member"]).post(
        url("report_card_publish", card_world), {"version": card_world.card.version})
    assert response.status_code == 302
    assert card_world.card.versions.count() == 2


def test_a_stale_edit_is_refused_and_kept_in_the_form(card_world, login):
    first = card_form(card_world.card, story="First editor's story")
    second = card_form(card_world.card, story="Second editor's story")
    login(card_world.users["administrator"]).post(url("report_card_edit", card_world), first)
    response = login(card_world.users["lead_officer"]).post(url("report_card_edit", card_world),
                                                            second)
    assert response.status_code == 409
    assert "Second editor&#x27;s story" in response.content.decode()
    assert ReportCard.objects.get(pk=card_world.card.pk).story == "First editor's story"


def test_service_refuses_a_stale_version(card_world):
    card = card_world.card
    save_card(card=card, expected_version=1, user=None, title=card.title, period=None,
              sections={})
    stale = ReportCard.objects.get(pk=card.pk)
    stale.version = 1
    with pytest.raises(StaleEdit):
        save_card(card=stale, expected_version=1, user=None, title="Late", period=None,
                  sections={})
    with pytest.raises(PublicationRefused):  # no longer as at any period
        publish_card(card=card, expected_version=2, user=None)


def test_published_card_does_not_change_when_figures_or_story_do(card_world, login):
    published = card_world.card_version
    Actual.objects.filter(indicator=card_world.indicator).update(value="9.9")
    Target.objects.filter(indicator=card_world.indicator).update(value="1")
    card = card_world.card
    save_card(card=card, expected_version=card.version, user=None, title=card.title,
              period=card.period, sections={"story": "A new story"})
    client = login(card_world.users["board_member"])
    frozen = client.get(url("report_card_version", card_world, published.number))
    text = frozen.content.decode()
    assert "5.3%" in text and "9.9%" not in text and "serious case review" in text
    live = client.get(url("report_card", card_world)).content.decode()
    assert "9.9%" in live and "A new story" in live


def test_compare_shows_both_stories_and_changed_figures(card_world, login):
    card = card_world.card
    Actual.objects.filter(indicator=card_world.indicator).update(value="4.1")
    save_card(card=card, expected_version=card.version, user=None, title=card.title,
              period=card.period, sections={"story": "Numbers fell"})
    publish_card(card=card, expected_version=card.version, user=card_world.users["lead_officer"])
    page = login(card_world.users["board_member"]).get(
        url("report_card_compare", card_world) + "?older=1&newer=2").content.decode()
    assert "serious case review" in page and "Numbers fell" in page
    assert "5.3%" in page and "4.1%" in page and "Changed" in page
    versions = login(card_world.users["board_member"]).get(
        url("report_card_versions", card_world)).content.decode()
    assert "Version 2" in versions and "Version 1" in versions and "Lead Officer" in versions


@pytest.mark.parametrize("query", ["?older=x&newer=2", "?older=7&newer=9", ""])
def test_compare_with_bad_versions_is_not_an_error(card_world, login, query):
    response = login(card_world.users["board_member"]).get(
        url("report_card_compare", card_world) + query)
    assert response.status_code == 200


def test_the_forecast_and_turn_come_from_the_years_before_the_plan(card_world, login):
    indicator = card_world.indicator  # lower is better; the plan starts in April 2011
    for year, value in [(2007, "8"), (2008, "7"), (2009, "6")]:
        period = ReportingPeriod.objects.create(partnership=card_world.north, year=year,
                                                kind=ReportingPeriod.Kind.YEAR)
        Actual.objects.create(indicator=indicator, period=period, value=value,
                              status=Actual.Status.SUBMITTED)
    period = ReportingPeriod.objects.create(partnership=card_world.north, year=2011,
                                            kind=ReportingPeriod.Kind.YEAR)
    Actual.objects.create(indicator=indicator, period=period, value="4.5",
                          status=Actual.Status.SUBMITTED)
    text = login(card_world.users["board_member"]).get(url("report_card", card_world))
    text = text.content.decode()
    # The trend 8, 7, 6 (and 5.3 in 2009 Q2) reads about 3.9 in 2011/12: 4.5 is worse.
    assert "The curve is not turning" in text
    assert "Baseline forecast" in text


def test_scorecard_and_pdfs(card_world, login):
    client = login(card_world.users["board_member"])
    scorecard = client.get(reverse("plan_scorecard", args=[card_world.north.slug,
                                                           card_world.plan.pk]))
    text = scorecard.content.decode()
    assert "Looked after children" in text and "Amber" in text
    for response in [client.get(url("report_card_pdf", card_world)),
                     client.get(reverse("plan_cards_pdf", args=[card_world.north.slug,
                                                                card_world.plan.pk]))]:
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")
