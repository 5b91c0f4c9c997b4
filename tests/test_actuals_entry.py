from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Actual, Indicator, ReportingPeriod, Target
from indicators.testing import add_indicators

from .forms import entry_line


def entry_url(world, **query):
    url = reverse("actuals_entry", args=[world.north.slug, world.period.pk])
    return url + ("?all=1" if query.get("all") else "")


def test_amber_actual_cannot_be_submitted_without_context_and_corrective_action(world, login):
    client = login(world.users["performance_officer"])
    response = client.post(entry_url(world), {"action": "submit",
                                              **entry_line(world.indicator, 1, value="5.3")})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Amber needs context before it can be submitted" in page
    assert "Amber needs the corrective action before it can be submitted" in page
    assert f'href="#id_i{world.indicator.pk}-context"' in page
    assert Actual.objects.get(indicator=world.indicator).version == 1  # nothing saved


def test_amber_actual_can_be_saved_as_a_draft_without_commentary(world, login):
    client = login(world.users["performance_officer"])
    response = client.post(entry_url(world), {"action": "draft",
                                              **entry_line(world.indicator, 1, value="5.4")})
    assert response.status_code == 302
    actual = Actual.objects.get(indicator=world.indicator)
    assert (actual.value, actual.status) == (Decimal("5.4"), "draft")


def test_submitted_actual_shows_its_rating_and_keeps_history(world, login):
    client = login(world.users["performance_officer"])
    response = client.post(entry_url(world), {"action": "submit", **entry_line(
        world.indicator, 1, value="6", data_quality="E", context="Two more custodial sentences",
        corrective_action="Review pre-sentence reports")}, follow=True)
    page = response.content.decode()
    assert "1 actual submitted" in page
    assert "Red: 20.0% worse than target of 5%, lower is better" in page
    actual = Actual.objects.get(indicator=world.indicator)
    assert actual.entered_by == world.users["performance_officer"]
    assert actual.history.first().history_user == world.users["performance_officer"]
    assert list(actual.history.values_list("value", flat=True)) == [Decimal("6"),
                                                                    Decimal("5.3")]


def test_bad_numbers_are_shown_beside_their_field(world, login):
    client = login(world.users["performance_officer"])
    response = client.post(entry_url(world), {"action": "draft", **entry_line(
        world.indicator, 1, value="five", forecast="1e400")})
    page = response.content.decode()
    assert "Enter a number, like 5.3" in page
    assert f'id="id_i{world.indicator.pk}-value-error"' in page


def test_second_officer_from_a_stale_page_is_told_and_nothing_is_lost(world, login):
    first = login(world.users["performance_officer"])
    first.post(entry_url(world), {"action": "draft", **entry_line(world.indicator, 1, value="5.1")})
    second = login(world.users["administrator"])
    response = second.post(entry_url(world), {"action": "draft", **entry_line(
        world.indicator, 1, value="4.2", context="Second officer's context")})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved some of these figures" in page
    assert "Second officer&#x27;s context" in page  # still in the form
    assert Actual.objects.get(indicator=world.indicator).value == Decimal("5.1")
    # The refreshed form saves against the new version.
    assert second.post(entry_url(world), {"action": "draft", **entry_line(
        world.indicator, 2, value="4.2")}).status_code == 302


def test_closed_period_refuses_officers_but_not_administrators(world, login):
    world.period.is_open = False
    world.period.save()
    data = {"action": "draft", **entry_line(world.indicator, 1, value="4")}
    officer = login(world.users["performance_officer"])
    assert "This period is closed" in officer.get(entry_url(world)).content.decode()
    assert officer.post(entry_url(world), data).status_code == 403
    assert login(world.users["administrator"]).post(entry_url(world), data).status_code == 302


@pytest.mark.parametrize("count", [20, 200])
def test_a_quarter_for_many_indicators_is_one_page_and_one_submit(
        world, login, count, django_assert_max_num_queries):
    add_indicators(world, count)
    client = login(world.users["performance_officer"])
    with django_assert_max_num_queries(20):
        page = client.get(entry_url(world))
    assert page.content.decode().count('class="app-entry"') == count + 1
    data = {"action": "draft"}
    for indicator in Indicator.objects.filter(partnership=world.north):
        version = indicator.actuals.get(period=world.period).version
        data.update(entry_line(indicator, version, value="50", context="Steady"))
    with django_assert_max_num_queries(25):
        response = client.post(entry_url(world), data)
    assert response.status_code == 302
    assert Actual.objects.filter(period=world.period, value=50).count() == count + 1


def test_entry_shows_the_year_end_target_beside_the_forecast(world, login):
    year = ReportingPeriod.objects.named(world.north, "2009/10", create=True)
    Target.objects.create(indicator=world.indicator, period=year, value="4.5")
    page = login(world.users["performance_officer"]).get(entry_url(world)).content.decode()
    assert "Year-end target 4.5%" in page


def test_saving_a_draft_leaves_untouched_submitted_figures_submitted(world, login):
    add_indicators(world, 1)
    other = Indicator.objects.get(code="LOCAL 1")
    Actual.objects.filter(indicator=other).update(status=Actual.Status.SUBMITTED)
    client = login(world.users["performance_officer"])
    response = client.post(entry_url(world), {
        "action": "draft", **entry_line(world.indicator, 1, value="4.8"),
        **entry_line(other, 1, value="46", data_quality="P", context="Context",
               corrective_action="Act")})
    assert response.status_code == 302
    untouched = Actual.objects.get(indicator=other, period=world.period)
    assert (untouched.status, untouched.version) == (Actual.Status.SUBMITTED, 1)
    assert untouched.history.count() == 1  # its creation only: no change was recorded
    assert Actual.objects.get(indicator=world.indicator).value == Decimal("4.8")


def test_officers_saving_different_lines_of_one_page_both_keep_their_figures(world, login):
    add_indicators(world, 1)
    other = Indicator.objects.get(code="LOCAL 1")
    read = {**entry_line(world.indicator, 1, value="5.3", data_quality="P"),
            **entry_line(other, 1, value="46", data_quality="P", context="Context",
                   corrective_action="Act")}
    first = login(world.users["performance_officer"])
    assert first.post(entry_url(world), {"action": "draft", **read, **entry_line(
        world.indicator, 1, value="4.8")}).status_code == 302
    second = login(world.users["administrator"])
    assert second.post(entry_url(world), {"action": "draft", **read, **entry_line(
        other, 1, value="44", data_quality="A", context="Context",
        corrective_action="Act")}).status_code == 302
    assert Actual.objects.get(indicator=world.indicator).value == Decimal("4.8")
    assert Actual.objects.get(indicator=other, period=world.period).value == Decimal("44")


def test_a_line_saved_by_someone_else_is_never_erased_by_a_page_read_before(world, login):
    """A blank quarter: A saves line 1; B, who opened the page before, saves line 2. B is not
    told of a conflict on line 1, which B never touched, and A's figure stays."""
    blank = ReportingPeriod.objects.named(world.north, "2009/10 Q3", create=True)
    blank.is_open = True
    blank.save()
    add_indicators(world, 1)
    other = Indicator.objects.get(code="LOCAL 1")
    url = reverse("actuals_entry", args=[world.north.slug, blank.pk]) + "?all=1"
    as_read = {**entry_line(world.indicator, 0), **entry_line(other, 0)}
    first = login(world.users["performance_officer"])
    assert first.post(url, {"action": "draft", **as_read, **entry_line(
        world.indicator, 0, value="4.8")}).status_code == 302
    second = login(world.users["administrator"])
    response = second.post(url, {"action": "draft", **as_read, **entry_line(other, 0, value="44")})
    assert response.status_code == 302
    assert Actual.objects.get(indicator=world.indicator, period=blank).value == Decimal("4.8")
    assert Actual.objects.get(indicator=other, period=blank).value == Decimal("44")
    assert Actual.objects.get(indicator=world.indicator, period=blank).history.count() == 1


def test_an_untouched_line_is_never_written_whatever_version_was_read(world, login):
    Target.objects.filter(indicator=world.indicator).update(value="5.3")  # so 5.3 is green
    add_indicators(world, 1)
    other = Indicator.objects.get(code="LOCAL 1")
    read = {**entry_line(world.indicator, 1, value="5.3", data_quality="P"),
            **entry_line(other, 1, value="46", data_quality="P", context="Context",
                         corrective_action="Act")}
    first = login(world.users["performance_officer"])
    first.post(entry_url(world), {"action": "draft", **read,
                                  **entry_line(world.indicator, 1, value="4.8")})
    # The second officer submits the page as read: their untouched line 1 is not theirs to
    # submit, and line 2 is submitted.
    second = login(world.users["administrator"])
    assert second.post(entry_url(world), {"action": "submit", **read}).status_code == 302
    actual = Actual.objects.get(indicator=world.indicator)
    assert (actual.value, actual.status, actual.version) == (Decimal("4.8"), "draft", 2)
    assert Actual.objects.get(indicator=other, period=world.period).status == "submitted"


def test_after_a_conflict_untouched_lines_show_what_is_saved_now(world, login):
    add_indicators(world, 1)
    other = Indicator.objects.get(code="LOCAL 1")
    read = {**entry_line(world.indicator, 1, value="5.3", data_quality="P"),
            **entry_line(other, 1, value="46", data_quality="P", context="Context",
                         corrective_action="Act")}
    first = login(world.users["performance_officer"])
    first.post(entry_url(world), {"action": "draft", **read,
                                  **entry_line(world.indicator, 1, value="4.8"),
                                  **entry_line(other, 1, value="47", data_quality="P",
                                               context="Context", corrective_action="Act")})
    second = login(world.users["administrator"])
    response = second.post(entry_url(world), {"action": "draft", **read,
                                              **entry_line(world.indicator, 1, value="6.2")})
    assert response.status_code == 409
    page = response.content.decode()
    # Line 1, which they changed, keeps their figure at the version saved now; line 2, which
    # they did not, shows what is saved now, not what they read.
    assert f'name="i{world.indicator.pk}-value" type="text" inputmode="decimal" ' \
           'spellcheck="false" value="6.2"' in page
    assert f'name="i{world.indicator.pk}-version" value="2"' in page
    assert f'name="i{other.pk}-value" type="text" inputmode="decimal" spellcheck="false" ' \
           'value="47"' in page
    assert f'name="i{other.pk}-version" value="2"' in page


def test_the_entry_page_shows_a_stored_figure_as_it_was_written(world, login):
    """The database keeps four decimal places; the officer wrote 5.3."""
    html = login(world.users["performance_officer"]).get(
        reverse("actuals_entry", args=[world.north.slug, world.period.pk])).content.decode()
    assert 'value="5.3"' in html
    assert "5.3000" not in html


@pytest.mark.parametrize("responsible_for", [1, 2])
def test_the_entry_page_counts_the_officers_own_indicators_in_words(world, login,
                                                                    responsible_for):
    add_indicators(world, 2)
    for position, indicator in enumerate(Indicator.objects.filter(partnership=world.north)):
        if position < responsible_for:
            indicator.responsible_officers.add(world.officer)
        else:
            indicator.responsible_officers.remove(world.officer)
    page = login(world.users["performance_officer"]).get(entry_url(world)).content.decode()
    noun = "indicator" if responsible_for == 1 else "indicators"
    assert f"The {responsible_for} {noun} you are responsible for" in page
