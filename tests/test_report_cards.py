"""Report cards: who writes and publishes them, how a publication is frozen, what they show."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from indicators.card_services import PublicationRefused, publish_card, save_card
from indicators.cards import CardIndicator, ReportCard
from indicators.models import Actual, Indicator, ReportingPeriod, Target
from trust_portal.boards.pack import Audience, pack_entries, render_pack
from trust_portal.boards.testing import add_paper
from trust_portal.core.concurrency import StaleEdit

from .forms import card_form
from .test_pack import pdf_pages


def url(name, world, *args):
    return reverse(name, args=[world.north.slug, world.card.pk, *args])


def test_card_page_shows_figures_story_and_action_plan(world, login):
    page = login(world.users["board_member"]).get(url("report_card", world))
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
def test_only_leads_sponsors_and_administrators_edit(world, login, persona, allowed):
    client = login(world.users[persona])
    response = client.post(url("report_card_edit", world),
                           card_form(world.card, story="Rewritten"))
    assert response.status_code == (302 if allowed else 403)
    card = ReportCard.objects.get(pk=world.card.pk)
    assert (card.story == "Rewritten") is allowed
    if allowed:
        assert card.history.first().history_user == world.users[persona]


def test_a_sponsor_linked_to_a_login_may_publish(world, login):
    sponsor = world.priority.sponsors.get()
    sponsor.user = world.users["board_member"]
    sponsor.save()
    response = login(world.users["board_member"]).post(
        url("report_card_publish", world), {"version": world.card.version})
    assert response.status_code == 302
    assert world.card.versions.count() == 2


def test_a_stale_edit_is_refused_and_kept_in_the_form(world, login):
    first = card_form(world.card, story="First editor's story")
    second = card_form(world.card, story="Second editor's story")
    login(world.users["administrator"]).post(url("report_card_edit", world), first)
    response = login(world.users["lead_officer"]).post(url("report_card_edit", world),
                                                            second)
    assert response.status_code == 409
    assert "Second editor&#x27;s story" in response.content.decode()
    assert ReportCard.objects.get(pk=world.card.pk).story == "First editor's story"


def test_service_refuses_a_stale_version(world):
    card = world.card
    save_card(card=card, expected_version=1, user=None, title=card.title, period=None,
              sections={})
    stale = ReportCard.objects.get(pk=card.pk)
    stale.version = 1
    with pytest.raises(StaleEdit):
        save_card(card=stale, expected_version=1, user=None, title="Late", period=None,
                  sections={})
    with pytest.raises(PublicationRefused):  # no longer as at any period
        publish_card(card=card, expected_version=2, user=None)


def test_published_card_does_not_change_when_figures_or_story_do(world, login):
    published = world.card_version
    Actual.objects.filter(indicator=world.indicator).update(value="9.9")
    Target.objects.filter(indicator=world.indicator).update(value="1")
    card = world.card
    save_card(card=card, expected_version=card.version, user=None, title=card.title,
              period=card.period, sections={"story": "A new story"})
    client = login(world.users["board_member"])
    frozen = client.get(url("report_card_version", world, published.number))
    text = frozen.content.decode()
    assert "5.3%" in text and "9.9%" not in text and "serious case review" in text
    live = client.get(url("report_card", world)).content.decode()
    assert "9.9%" in live and "A new story" in live


def test_compare_shows_both_stories_and_changed_figures(world, login):
    card = world.card
    Actual.objects.filter(indicator=world.indicator).update(value="4.1")
    save_card(card=card, expected_version=card.version, user=None, title=card.title,
              period=card.period, sections={"story": "Numbers fell"})
    publish_card(card=card, expected_version=card.version, user=world.users["lead_officer"])
    page = login(world.users["board_member"]).get(
        url("report_card_compare", world) + "?older=1&newer=2").content.decode()
    assert "serious case review" in page and "Numbers fell" in page
    assert "5.3%" in page and "4.1%" in page and "Changed" in page
    versions = login(world.users["board_member"]).get(
        url("report_card_versions", world)).content.decode()
    assert "Version 2" in versions and "Version 1" in versions and "Lead Officer" in versions


@pytest.mark.parametrize("query", ["?older=x&newer=2", "?older=7&newer=9", ""])
def test_compare_with_bad_versions_is_not_an_error(world, login, query):
    response = login(world.users["board_member"]).get(
        url("report_card_compare", world) + query)
    assert response.status_code == 200


def test_the_forecast_and_turn_come_from_the_years_before_the_plan(world, login):
    indicator = world.indicator  # lower is better; the plan starts in April 2011
    for year, value in [(2007, "8"), (2008, "7"), (2009, "6")]:
        period = ReportingPeriod.objects.create(partnership=world.north, year=year,
                                                kind=ReportingPeriod.Kind.YEAR)
        Actual.objects.create(indicator=indicator, period=period, value=value,
                              status=Actual.Status.SIGNED_OFF)
    period = ReportingPeriod.objects.create(partnership=world.north, year=2011,
                                            kind=ReportingPeriod.Kind.YEAR)
    Actual.objects.create(indicator=indicator, period=period, value="4.5",
                          status=Actual.Status.SIGNED_OFF)
    text = login(world.users["board_member"]).get(url("report_card", world))
    text = text.content.decode()
    # The trend 8, 7, 6 (and 5.3 in 2009 Q2) reads about 3.9 in 2011/12: 4.5 is worse.
    assert "The curve is not turning" in text
    assert "Baseline forecast" in text


def test_scorecard_and_pdfs(world, login):
    client = login(world.users["board_member"])
    scorecard = client.get(reverse("plan_scorecard", args=[world.north.slug,
                                                           world.plan.pk]))
    text = scorecard.content.decode()
    assert "Looked after children" in text and "Amber" in text
    for response in [client.get(url("report_card_pdf", world)),
                     client.get(reverse("plan_cards_pdf", args=[world.north.slug,
                                                                world.plan.pk]))]:
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")


def test_a_card_in_a_meeting_is_in_its_pack_with_its_pages_and_stays_as_published(world):
    item = add_paper(world, "indicators.report_card", world.card.pk)
    scorecard_item = add_paper(world, "indicators.scorecard", world.priority.outcome_id)
    Actual.objects.filter(indicator=world.indicator).update(value="9.9")  # after publication
    rendered = render_pack(world.meeting, Audience.MEMBERS)
    pages = pdf_pages(rendered.pdf)
    first, last = rendered.page_ranges[item.anchor]
    card_pages = " ".join(" ".join(page.split()) for page in pages[first - 1:last])
    assert "Looked after children, version 1" in card_pages
    assert "5.3%" in card_pages and "9.9%" not in card_pages
    assert "Develop a citywide edge of care strategy" in card_pages
    first, last = rendered.page_ranges[scorecard_item.anchor]
    scorecard_pages = " ".join(" ".join(page.split()) for page in pages[first - 1:last])
    assert "Looked after children" in scorecard_pages and "9.9%" in scorecard_pages
    agenda = " ".join(pages[1].split())
    assert f"Item {item.position}" in agenda


def test_a_card_never_published_cannot_be_a_paper(world):
    card = ReportCard.objects.create(priority=world.priority, title="Unpublished")
    item = add_paper(world, "indicators.report_card", card.pk)
    entry = next(entry for entry in pack_entries(world.meeting, Audience.MEMBERS)
                 if entry.item == item)
    assert "no published version" in entry.problem


def test_a_title_another_card_of_the_priority_has_is_refused_with_a_message(world, login):
    ReportCard.objects.create(priority=world.priority, title="Edge of care")
    response = login(world.users["lead_officer"]).post(
        url("report_card_edit", world), card_form(world.card, title="Edge of care"))
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert ReportCard.objects.get(pk=world.card.pk).title == "Looked after children"


def test_a_period_of_another_partnership_is_refused(world, login):
    elsewhere = ReportingPeriod.objects.create(partnership=world.south, year=2009, quarter=1)
    response = login(world.users["lead_officer"]).post(
        url("report_card_edit", world), card_form(world.card, period=elsewhere.pk))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_publishing_without_a_version_is_told_not_an_error(world, login):
    response = login(world.users["lead_officer"]).post(url("report_card_publish", world),
                                                       {"version": "x"})
    assert response.status_code == 302 and world.card.versions.count() == 1


def test_a_card_never_refers_to_another_partnerships_indicator_or_period(world):
    indicator = Indicator.objects.create(partnership=world.south, code="NI 1", title="Elsewhere")
    period = ReportingPeriod.objects.create(partnership=world.south, year=2009, quarter=1)
    with pytest.raises(ValidationError) as refused:
        CardIndicator(card=world.card, indicator=indicator, baseline_period=period).full_clean()
    assert {"indicator", "baseline_period"} <= set(refused.value.message_dict)
