"""Each page runs the same number of queries however much data the partnership holds."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

MAX_QUERIES_PER_PAGE = 20

PAGES = {
    "partnership_home": lambda w: [w.north.slug],
    "plan_detail": lambda w: [w.north.slug, w.plan.pk],
    "priority_detail": lambda w: [w.north.slug, w.priority.pk],
    "milestone_list": lambda w: [w.north.slug],
    "milestone_detail": lambda w: [w.north.slug, w.milestone.pk],
    "milestone_update": lambda w: [w.north.slug, w.milestone.pk],
    "people": lambda w: [w.north.slug],
    "choose_partnership": lambda w: [],
    "performance_report": lambda w: [w.north.slug],
    "actuals_entry": lambda w: [w.north.slug, w.period.pk],
    "outstanding_actuals": lambda w: [w.north.slug, w.period.pk],
    "upload_actuals": lambda w: [w.north.slug],
    "indicator_detail": lambda w: [w.north.slug, w.indicator.pk],
    "meeting_list": lambda w: [w.north.slug],
    "meeting_detail": lambda w: [w.north.slug, w.meeting.pk],
    "meeting_minutes": lambda w: [w.north.slug, w.meeting.pk],
    "pack_preview": lambda w: [w.north.slug, w.meeting.pk],
    "pack_detail": lambda w: [w.north.slug, w.meeting.pk, w.pack.number],
    "paper_edit": lambda w: [w.north.slug, w.paper.pk],
    "decisions": lambda w: [w.north.slug],
    "action_log": lambda w: [w.north.slug],
    "public_meetings": lambda w: [w.north.slug],
    "public_pack": lambda w: [w.north.slug, w.meeting.pk, w.pack.number],
}


def queries_for(client, url):
    cache.clear()  # the worst case: nothing of the page cached yet
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_queries_do_not_grow_with_data(name, world, login, django_assert_max_num_queries):
    client = login(world.users["administrator"])
    url = reverse(name, args=PAGES[name](world))
    client.get(url)  # renews the new session, which is written at most once a minute
    world.add_priorities(2)
    world.add_indicators(2)
    world.add_agenda_items(2)
    world.add_meetings(2)
    small = queries_for(client, url)
    world.add_priorities(20)
    world.add_indicators(20)
    world.add_agenda_items(20)
    world.add_meetings(20)
    with django_assert_max_num_queries(small):
        assert client.get(url).status_code == 200
    assert queries_for(client, url) == small <= MAX_QUERIES_PER_PAGE


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
