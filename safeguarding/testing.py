"""The safeguarding app's part of the shared test world (tests/conftest.py).

Review references and texts carry distinctive marks, so the leak test can look for them on
every page: `REVIEW_MARKS` of north's review, and south's review's own.
"""

import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from trust_portal.core.models import Membership, Role

from .models import DataRequest, Review, ReviewAction, SafeguardingUpdate

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
