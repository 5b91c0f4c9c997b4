"""Targets set on screen, a period's or a whole year's at once: one form, one submit, the
entry page's history and conflict rules, closed periods for administrators only, and the
period's actuals rated against the new targets at once."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Indicator, ReportingPeriod, Target
from indicators.testing import add_indicators

from .forms import target_cell
from .test_actuals_entry import entry_url


def targets_url(world, period=None):
    return reverse("targets_entry", args=[world.north.slug, (period or world.period).pk])


def profile_url(world, year=2009):
    return reverse("targets_profile", args=[world.north.slug, year])


def blank_profile(indicator, *slots):
    """The profile's boxes of `slots` for the indicator, as read with no target in them."""
    return {name: value for slot in slots
            for name, value in target_cell(indicator, slot, 0).items()}


def report(client, world):
    return client.get(reverse("performance_report", args=[world.north.slug])).content.decode()


def test_a_target_set_on_screen_rates_the_actual_on_the_report_at_once(world, login):
    board = login(world.users["board_member"])
    assert "Amber: 6.0% worse than target of 5%" in report(board, world)  # and now cached
    officer = login(world.users["performance_officer"])
    response = officer.post(targets_url(world), target_cell(world.indicator, "q2", 1, "5.3"),
                            follow=True)
    assert "1 target saved" in response.content.decode()
    page = report(login(world.users["board_member"]), world)
    assert "Green: on target of 5.3%, lower is better" in page
    target = Target.objects.get(indicator=world.indicator, period=world.period)
    assert [(record.value, record.history_user) for record in target.history.all()] == [
        (Decimal("5.3"), world.users["performance_officer"]), (Decimal("5"), None)]


def test_the_target_page_shows_each_target_with_the_rating_it_gives_the_actual(world, login):
    page = login(world.users["performance_officer"]).get(targets_url(world)).content.decode()
    assert "Targets for 2009/10 Q2" in page
    assert f'name="i{world.indicator.pk}-q2-value" type="text" inputmode="decimal" ' \
           'spellcheck="false" value="5"' in page
    assert 'Actual 5.3%: <strong class="govuk-tag govuk-tag--yellow app-rating" title="Amber: ' \
           '6.0% worse than target of 5%, lower is better">Amber</strong> 6.0% worse than ' \
           'target of 5%, lower is better</p>' in page


def test_a_target_left_as_it_was_read_is_never_written(world, login):
    add_indicators(world, 1)
    other = Indicator.objects.get(code="LOCAL 1")
    client = login(world.users["performance_officer"])
    response = client.post(targets_url(world) + "?all=1", {
        **target_cell(world.indicator, "q2", 1, "4.8"), **target_cell(other, "q2", 1, "51")})
    assert response.status_code == 302
    untouched = Target.objects.get(indicator=other)
    assert (untouched.version, untouched.history.count()) == (1, 1)
    assert Target.objects.get(indicator=world.indicator).value == Decimal("4.8")


def test_a_second_editor_from_a_stale_page_is_told_and_nothing_is_lost(world, login):
    first = login(world.users["performance_officer"])
    assert first.post(targets_url(world),
                      target_cell(world.indicator, "q2", 1, "4.8")).status_code == 302
    second = login(world.users["administrator"])
    response = second.post(targets_url(world), target_cell(world.indicator, "q2", 1, "4.2"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved some of these figures" in page
    assert f'href="#id_i{world.indicator.pk}-q2-value">NI 43, 2009/10 Q2</a>' in page
    assert "Now saved: 4.8%" in page
    assert 'spellcheck="false" value="4.2"' in page  # what they typed, kept
    assert f'name="i{world.indicator.pk}-q2-version" value="2"' in page
    assert Target.objects.get(indicator=world.indicator).value == Decimal("4.8")
    assert second.post(targets_url(world), target_cell(
        world.indicator, "q2", 2, "4.2")).status_code == 302
    assert Target.objects.get(indicator=world.indicator).value == Decimal("4.2")


def test_a_target_saved_by_someone_else_is_not_undone_by_a_page_read_before(world, login):
    add_indicators(world, 1)
    other = Indicator.objects.get(code="LOCAL 1")
    as_read = {**target_cell(world.indicator, "q2", 1, "5"), **target_cell(other, "q2", 1, "51")}
    url = targets_url(world) + "?all=1"
    first = login(world.users["performance_officer"])
    assert first.post(url, {**as_read, **target_cell(world.indicator, "q2", 1, "4.8")}
                      ).status_code == 302
    second = login(world.users["administrator"])
    assert second.post(url, {**as_read, **target_cell(other, "q2", 1, "48")}).status_code == 302
    assert Target.objects.get(indicator=world.indicator).value == Decimal("4.8")
    assert Target.objects.get(indicator=other).value == Decimal("48")


def test_emptying_a_box_removes_its_target_and_says_who_did(world, login):
    client = login(world.users["performance_officer"])
    assert client.post(targets_url(world), target_cell(world.indicator, "q2", 1, "")
                       ).status_code == 302
    assert not Target.objects.filter(indicator=world.indicator).exists()
    removal = Target.history.get(indicator_id=world.indicator.pk, history_type="-")
    assert removal.history_user == world.users["performance_officer"]
    assert "Target not set" in report(client, world)


def test_a_figure_that_is_not_a_number_is_shown_and_nothing_is_saved(world, login):
    response = login(world.users["performance_officer"]).post(
        targets_url(world), target_cell(world.indicator, "q2", 1, "five"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "NI 43, 2009/10 Q2: &#x27;five&#x27; is not a number" in page
    assert Target.objects.get(indicator=world.indicator).value == Decimal("5")


@pytest.fixture
def closed(world):
    """The world's quarter, 2009/10 Q2, closed for entry."""
    world.period.is_open = False
    world.period.save()


def test_a_closed_periods_targets_are_read_only_but_to_administrators(world, login, closed):
    officer = login(world.users["performance_officer"])
    page = officer.get(targets_url(world)).content.decode()
    assert "2009/10 Q2 is closed for entry" in page
    assert f'name="i{world.indicator.pk}-q2-value"' not in page and "Save targets" not in page
    response = officer.post(targets_url(world), target_cell(world.indicator, "q2", 1, "5.3"))
    assert response.status_code == 403
    assert "2009/10 Q2 is closed: only administrators may change its targets. Nothing has " \
           "been saved." in response.content.decode()
    assert Target.objects.get(indicator=world.indicator).value == Decimal("5")
    admin = login(world.users["administrator"])
    assert admin.post(targets_url(world), target_cell(world.indicator, "q2", 1, "5.3")
                      ).status_code == 302
    assert Target.objects.get(indicator=world.indicator).value == Decimal("5.3")


def test_a_years_profile_sets_its_quarters_and_year_end_in_one_submit(world, login):
    client = login(world.users["performance_officer"])
    page = client.get(profile_url(world)).content.decode()
    assert "Targets for 2009/10, quarter by quarter" in page
    for slot in ("q1", "q2", "q3", "q4", "year"):
        assert f'name="i{world.indicator.pk}-{slot}-value"' in page
    indicator = world.indicator
    response = client.post(profile_url(world), {
        **blank_profile(indicator, "q4"), **target_cell(indicator, "q1", 0, "5.5"),
        **target_cell(indicator, "q2", 1, "5"), **target_cell(indicator, "q3", 0, "4.5"),
        **target_cell(indicator, "year", 0, "4")}, follow=True)
    assert "3 targets saved" in response.content.decode()
    targets = {t.period.name: t.value for t in Target.objects.filter(indicator=world.indicator)}
    assert targets == {"2009/10 Q1": Decimal("5.5"), "2009/10 Q2": Decimal("5"),
                       "2009/10 Q3": Decimal("4.5"), "2009/10": Decimal("4")}
    # The quarters it named were created, open, and the empty one was not.
    created = ReportingPeriod.objects.filter(partnership=world.north, year=2009)
    assert {(p.name, p.is_open) for p in created} == {
        ("2009/10 Q1", True), ("2009/10 Q2", True), ("2009/10 Q3", True), ("2009/10", True)}
    assert "Year-end target 4.0%" in client.get(entry_url(world)).content.decode()


def test_a_profile_offers_only_the_open_quarters_to_officers(world, login, closed):
    officer = login(world.users["performance_officer"])
    page = officer.get(profile_url(world)).content.decode()
    assert "2009/10 Q2 is closed for entry" in page
    assert f'name="i{world.indicator.pk}-q2-value"' not in page
    assert f'name="i{world.indicator.pk}-q3-value"' in page
    open_quarters = blank_profile(world.indicator, "q1", "q3", "q4", "year")
    assert officer.post(profile_url(world), {
        **open_quarters, **target_cell(world.indicator, "q3", 0, "4.5")}).status_code == 302
    # A page read before Q2 closed carries its target: the save is refused, not half done.
    response = officer.post(profile_url(world), {
        **open_quarters, **target_cell(world.indicator, "q2", 1, "5.3"),
        **target_cell(world.indicator, "q4", 0, "4.4")})
    assert response.status_code == 403
    assert not Target.objects.filter(indicator=world.indicator, period__quarter=4).exists()
    assert Target.objects.get(indicator=world.indicator, period=world.period).value == 5


def test_a_conflict_on_a_profile_keeps_the_quarters_it_would_have_created(world, login):
    """Nothing is saved, not even the new quarter, and the officer's figure for it stays."""
    first = login(world.users["performance_officer"])
    first.post(targets_url(world), target_cell(world.indicator, "q2", 1, "4.8"))
    second = login(world.users["administrator"])
    response = second.post(profile_url(world), {
        **blank_profile(world.indicator, "q3", "q4", "year"),
        **target_cell(world.indicator, "q1", 0, "5.5"),
        **target_cell(world.indicator, "q2", 1, "4.2")})
    assert response.status_code == 409
    page = response.content.decode()
    assert 'spellcheck="false" value="5.5"' in page and 'spellcheck="false" value="4.2"' in page
    assert not ReportingPeriod.objects.filter(partnership=world.north, quarter=1).exists()


def test_years_outside_the_portals_reach_are_not_found(world, login):
    client = login(world.users["performance_officer"])
    assert client.get(profile_url(world, 1989)).status_code == 404
    assert client.get(profile_url(world, 2100)).status_code == 404


def test_the_entry_page_shows_each_target_at_the_indicators_precision(world, login):
    page = login(world.users["performance_officer"]).get(entry_url(world)).content.decode()
    assert "Target 5.0% (lower is better)" in page
    assert "5.0000" not in page
    assert f'href="{targets_url(world)}">Set the targets for 2009/10 Q2</a>' in page


@pytest.mark.parametrize("count", [5, 50])
def test_a_periods_targets_for_many_indicators_save_in_a_fixed_number_of_queries(
        world, login, count, django_assert_max_num_queries):
    add_indicators(world, count)
    client = login(world.users["performance_officer"])
    data = {}
    for indicator in Indicator.objects.filter(partnership=world.north):
        data.update(target_cell(indicator, "q2", 1, "60"))
    with django_assert_max_num_queries(25):
        response = client.post(targets_url(world) + "?all=1", data)
    assert response.status_code == 302
    assert Target.objects.filter(period=world.period, value=60).count() == count + 1
