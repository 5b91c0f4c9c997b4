"""Each page runs the same number of queries however much data the partnership holds."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import build_world, grow_world, shared_by_module
from .test_access_matrix import PAGES as ACCESS_MATRIX

MAX_QUERIES_PER_PAGE = 20

# The pages measured; their URLs' arguments come from the access matrix.
PAGES = [
    "partnership_home", "plan_detail", "priority_detail", "milestone_list", "milestone_detail",
    "milestone_update", "people", "choose_partnership", "performance_report", "actuals_entry",
    "targets_entry", "targets_profile",
    "sign_off", "sign_off_period",
    "outstanding_actuals", "upload_actuals", "indicator_detail", "meeting_list", "meeting_detail",
    "meeting_minutes", "pack_preview", "pack_detail", "paper_edit", "decisions", "action_log",
    "public_meetings", "public_pack", "commission_register", "commission_detail",
    "commission_planning", "commission_move", "commission_scores", "commission_bids",
    "commission_award", "contract_detail", "ocds_package", "report_cards", "report_card",
    "report_card_edit", "report_card_versions", "report_card_version", "report_card_compare",
    "plan_scorecard",
    *(f"safeguarding:{name}" for name in [
        "update_list", "update_new", "update_detail", "update_edit", "review_list",
        "review_new", "review_detail", "review_edit", "review_action_new", "review_action_edit",
        "read_log", "request_list", "request_new", "request_detail", "request_resubmit",
        "approved_requests"]),
]


def queries_for(client, url):
    cache.clear()  # the worst case: nothing of the page cached yet
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture(scope="module")
def page_queries(django_db_setup, django_db_blocker, module_media):
    """Each page's queries with two more of every record, then with twenty-two: one world,
    grown twice, measured for all the module's pages at once, as {name: (small, large)}."""

    def measure():
        world = build_world()
        client = Client()
        client.force_login(world.users["administrator"])
        urls = {name: reverse(name, kwargs=ACCESS_MATRIX[name].kwargs(world)) for name in PAGES}
        client.get(urls[PAGES[0]])  # renews the new session, written at most once a minute
        grow_world(world, 2)
        small = {name: queries_for(client, url) for name, url in urls.items()}
        grow_world(world, 20)
        return {name: (small[name], queries_for(client, url)) for name, url in urls.items()}

    yield from shared_by_module(django_db_blocker, module_media, measure)


@pytest.mark.parametrize("name", PAGES)
def test_page_queries_do_not_grow_with_data(name, page_queries):
    small, large = page_queries[name]
    assert large == small <= MAX_QUERIES_PER_PAGE


def test_milestone_history_queries_do_not_grow(world, login, django_assert_max_num_queries):
    client = login(world.users["lead_officer"])
    url = reverse("milestone_update", args=[world.north.slug, world.milestone.pk])
    detail = reverse("milestone_detail", args=[world.north.slug, world.milestone.pk])
    client.post(url, {"status": "on_track", "version": "1"})
    small = queries_for(client, detail)
    for version in range(2, 12):
        client.post(url, {"status": "at_risk" if version % 2 else "on_track",
                          "version": str(version)})
    with django_assert_max_num_queries(small):
        client.get(detail)


def give_everyone_work(world, count):
    """More of each reader's work on the home page: `count` more open periods, every indicator
    the performance officer's, every priority the lead officer's, and commissions in
    progress."""
    from commissioning.models import Commission
    from commissioning.rules import Stage
    from indicators.models import Indicator, ReportingPeriod
    from priorities.models import Priority

    start = ReportingPeriod.objects.filter(partnership=world.north, is_open=True).count()
    for n in range(start, start + count):
        ReportingPeriod.objects.create(partnership=world.north, year=2010 + n, quarter=1,
                                       is_open=True)
        Commission.objects.create(partnership=world.north, name=f"Commission {n}",
                                  stage=Stage.in_progress()[n % len(Stage.in_progress())])
    for indicator in Indicator.objects.filter(partnership=world.north):
        indicator.responsible_officers.add(world.officer)
    for priority in Priority.objects.for_partnership(world.north):
        priority.lead_officers.add(world.lead)


@pytest.mark.parametrize("persona", ["administrator", "performance_officer", "lead_officer",
                                     "other_lead_officer", "board_member", "commissioner",
                                     "safeguarding_lead"])
def test_each_readers_home_page_queries_do_not_grow(world, login, persona,
                                                    django_assert_max_num_queries):
    client = login(world.users[persona])
    url = reverse("partnership_home", args=[world.north.slug])
    client.get(url)  # renews the new session, which is written at most once a minute
    for count in (2, 20):
        grow_world(world, count)
        give_everyone_work(world, count)
        if count == 2:
            small = queries_for(client, url)
    with django_assert_max_num_queries(small):
        assert client.get(url).status_code == 200
    assert queries_for(client, url) == small <= MAX_QUERIES_PER_PAGE
