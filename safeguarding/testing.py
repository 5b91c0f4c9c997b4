"""The safeguarding app's part of the shared test world (tests/conftest.py).

Review references and texts carry distinctive marks, so the leak test can look for them on
every page: `REVIEW_MARKS` of north's review, and south's review's own.
"""

import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from indicators.models import Actual, Indicator, Target
from trust_portal.core.models import Membership, Role

from .models import (
    DataRequest,
    Decision,
    Review,
    ReviewAction,
    ReviewRead,
    SafeguardingUpdate,
    StarChamber,
)
from .reads import CHILD_PROTECTION_CODES

REVIEW_MARKS = ["QXJ-7", "zebrafennel lessons", "quokka status note", "marmoset summary",
                "wombat action"]
SOUTH_REVIEW_MARKS = ["SQV-2", "south ocelot lessons"]


def build(world) -> None:
    world.review = Review.objects.create(
        partnership=world.north, reference="QXJ-7", status=Review.Status.AWAITING_EVALUATION,
        status_note="The quokka status note", lessons="The zebrafennel lessons",
        executive_summary="The marmoset summary, not yet published")
    world.review_action = ReviewAction.objects.create(
        review=world.review, description="The wombat action", owner="Designated Nurse",
        due_on=timezone.localdate() - datetime.timedelta(days=1))
    world.south_review = Review.objects.create(
        partnership=world.south, reference="SQV-2", status=Review.Status.UNDERWAY,
        lessons="The south ocelot lessons")
    world.safeguarding_update = SafeguardingUpdate.objects.create(
        partnership=world.north, title="Report from the LSCB", period=world.period,
        actions="Formed an executive group\nAgreed an escalation policy",
        recommendations="That the Board note the report.")
    world.star_chamber = StarChamber.objects.create(
        partnership=world.north,
        criteria="the data should be clearly linked with a priority\n"
                 "the request does not duplicate one of the last 12 months",
        membership="Primary Head Teachers\nHealth")
    world.data_request = DataRequest.objects.create(
        partnership=world.north, title="Healthy schools survey", requested_by="Public health",
        priority=world.priority, business_case="Priority 1", existing_data="No",
        cost="None", workload="2 hours a school", last_collected="Never",
        target_group="Year 6 pupils", sample_size="All", timescales="Spring term",
        submitted_by=world.users["commissioner"])
    world.sent_back_request = DataRequest.objects.create(
        partnership=world.north, title="Attendance survey", requested_by="Attendance team",
        priority=world.priority, business_case="Priority 1", existing_data="Partly",
        cost="None", workload="1 hour a school", last_collected="2008",
        target_group="Secondary schools", sample_size="All", timescales="Summer term",
        status=DataRequest.Status.CHANGES_REQUESTED, submitted_by=world.users["commissioner"])
    world.south_safeguarding_lead = User.objects.create_user(
        username="south_safeguarding_lead", password="correct-horse-battery-staple")
    Membership.objects.create(user=world.south_safeguarding_lead, partnership=world.south,
                              role=Role.SAFEGUARDING_LEAD)


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
                              status=Actual.Status.SIGNED_OFF)
