"""The safeguarding pages run the same number of queries however many reviews, actions, reads,
updates, requests and decisions the partnership holds."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.models import Actual, Indicator, Target
from safeguarding.models import (
    DataRequest,
    Decision,
    Review,
    ReviewAction,
    ReviewRead,
    SafeguardingUpdate,
)
from safeguarding.reads import CHILD_PROTECTION_CODES

from .test_access_matrix import PAGES as ACCESS_MATRIX
from .test_query_counts import MAX_QUERIES_PER_PAGE, queries_for

PAGES = ["update_list", "update_detail", "review_list", "review_detail", "review_edit",
         "read_log", "request_list", "request_detail", "approved_requests"]


def grow(world, count):
    """Add `count` of each safeguarding record, and child protection indicators."""
    today = timezone.localdate()
    start = Review.objects.count()
    lead = world.users["safeguarding_lead"]
    for n in range(start, start + count):
        review = Review.objects.create(partnership=world.north, reference=f"R{n}",
                                       status=Review.Status.values[n % 7],
                                       delay_reason="Criminal proceedings",
                                       executive_summary="Summary",
                                       summary_published_on=today)
        for m in range(2):
            ReviewAction.objects.create(review=review, description=f"Action {m}", owner="LSCB",
                                        due_on=today - datetime.timedelta(days=m))
        ReviewRead.objects.create(partnership=world.north, review=review, user=lead,
                                  username=lead.username, what=ReviewRead.What.VIEWED)
        SafeguardingUpdate.objects.create(partnership=world.north, title=f"Update {n}",
                                          period=world.period, actions="One\\nTwo",
                                          recommendations="Note")
        approved = DataRequest.objects.create(
            partnership=world.north, title=f"Survey {n}", requested_by="Officer",
            priority=world.priority, business_case="-", existing_data="-", cost="-",
            workload="-", last_collected="-", target_group="Year 6 pupils", sample_size="-",
            timescales="-", status=DataRequest.Status.APPROVED, approved_on=today)
        Decision.objects.create(request=approved, outcome=Decision.Outcome.APPROVED,
                                decided_on=today, decided_by=lead)
        world.data_request.decisions.create(outcome=Decision.Outcome.CHANGES_REQUESTED,
                                            decided_on=today, decided_by=lead)
    codes = [c for c in CHILD_PROTECTION_CODES
             if not Indicator.objects.filter(partnership=world.north, code=c).exists()][:count]
    for code in codes:
        indicator = Indicator.objects.create(partnership=world.north, code=code, title=code)
        Target.objects.create(indicator=indicator, period=world.period, value=50)
        Actual.objects.create(indicator=indicator, period=world.period, value=45,
                              status=Actual.Status.SUBMITTED)


@pytest.mark.parametrize("name", PAGES)
def test_safeguarding_page_queries_do_not_grow(name, world, login, django_assert_max_num_queries):
    client = login(world.users["safeguarding_lead"])
    url = reverse(f"safeguarding:{name}", kwargs=ACCESS_MATRIX[f"safeguarding:{name}"]
                  .kwargs(world))
    client.get(url)  # renews the new session
    grow(world, 2)
    small = queries_for(client, url)
    grow(world, 20)
    with django_assert_max_num_queries(small):
        assert client.get(url).status_code == 200
    assert queries_for(client, url) == small <= MAX_QUERIES_PER_PAGE
