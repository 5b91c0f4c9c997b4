"""The performance report's figures are cached until they change: every way of changing them
shows on the very next reading."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import Actual, Indicator, Target, TolerancePolicy
from indicators.testing import add_indicators
from tests.forms import entry_line, target_cell
from tests.test_actuals_entry import entry_url
from tests.test_import import HEADER, confirm, upload
from tests.test_targets_entry import blank_profile, profile_url, targets_url

NO_EXCEPTIONS = "No indicator is rated red or amber this period."


def read_report(client, world, **query):
    response = client.get(reverse("performance_report", args=[world.north.slug]), query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_reading_does_not_read_the_figures_again(world, login):
    add_indicators(world, 30)
    client = login(world.users["board_member"])
    with CaptureQueriesContext(connection) as first:
        first_page = read_report(client, world)
    with CaptureQueriesContext(connection) as second:
        second_page = read_report(client, world)

    def figure_queries(captured):
        return [q for q in captured if q["sql"].startswith(
            ('SELECT "indicators_actual".', 'SELECT "indicators_target".'))]

    assert figure_queries(first) and not figure_queries(second)
    assert "Local indicator 29" in second_page
    assert second_page.count('class="govuk-table__row"') == first_page.count(
        'class="govuk-table__row"')


def test_each_filter_and_sort_is_cached_apart(world, login):
    client = login(world.users["board_member"])
    assert "Young people sentenced to custody" in read_report(client, world)
    assert "No indicators match." in read_report(client, world, rating="green")
    assert "No indicators match." not in read_report(client, world, rating="amber")


def submit_on_entry_page(world, client):
    client.post(entry_url(world),
                {"action": "submit", **entry_line(world.indicator, 1, value="4.9")})


def upload_an_actual(world, client):
    upload(client, world, (HEADER + "NI 43,2009/10 Q2,,4.9,A,,,\n").encode())
    confirm(client, world)


def upload_a_target(world, client):
    upload(client, world, (HEADER + "NI 43,2009/10 Q2,5.5,,,,,\n").encode())
    confirm(client, world)


def set_on_the_target_page(world, client):
    client.post(targets_url(world), target_cell(world.indicator, "q2", 1, "5.3"))


def set_in_the_years_profile(world, client):
    client.post(profile_url(world), {**blank_profile(world.indicator, "q1", "q3", "q4", "year"),
                                     **target_cell(world.indicator, "q2", 1, "5.3")})


def save_the_actual(world, client):
    actual = Actual.objects.get(indicator=world.indicator, period=world.period)
    actual.value = 4.9
    actual.save()


def save_the_target(world, client):
    target = Target.objects.get(indicator=world.indicator, period=world.period)
    target.value = 6
    target.save()


def delete_the_actual(world, client):
    Actual.objects.filter(indicator=world.indicator).delete()


def delete_the_target(world, client):
    Target.objects.filter(indicator=world.indicator).delete()


def widen_the_tolerances(world, client):
    TolerancePolicy.objects.create(partnership=world.north, over_performing_above=20,
                                   green_from=-10, amber_from=-20)


# Every way the figures change, each making NI 43 (amber) no longer an exception. The entry
# and target pages and uploads write in bulk; the others save one record at a time, as the
# admin does.
CHANGES = [submit_on_entry_page, upload_an_actual, upload_a_target, set_on_the_target_page,
           set_in_the_years_profile, save_the_actual, save_the_target, delete_the_actual,
           delete_the_target, widen_the_tolerances]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_a_change_to_the_figures_shows_on_the_next_reading(world, login, change):
    client = login(world.users["performance_officer"])
    assert NO_EXCEPTIONS not in read_report(client, world)  # NI 43 is amber, and now cached
    change(world, client)
    assert NO_EXCEPTIONS in read_report(client, world)


def test_a_renamed_or_deleted_indicator_shows_on_the_next_reading(world, login):
    client = login(world.users["board_member"])
    read_report(client, world)
    world.indicator.title = "Young people given custodial sentences"
    world.indicator.save()
    assert "Young people given custodial sentences" in read_report(client, world)
    Indicator.objects.filter(pk=world.indicator.pk).delete()
    assert "Young people given custodial sentences" not in read_report(client, world)


def test_a_changed_period_shows_on_the_next_reading(world, login):
    client = login(world.users["board_member"])
    assert "2009/10 Q2: every indicator" in read_report(client, world)
    world.period.year = 2010
    world.period.save()
    assert "2010/11 Q2: every indicator" in read_report(client, world)
