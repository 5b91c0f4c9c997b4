"""The safeguarding demo says only what seed 002 says: the LSCB's update, the Wirral reviews
with their statuses and evaluations as the board was told them, and the Star Chamber as it was
proposed. Every text loaded is looked up in the seed."""

import re

import pytest
from django.urls import reverse

from safeguarding.models import Review, SafeguardingUpdate, StarChamber
from trust_portal.boards.models import Meeting

from .test_demo_seeds import in_seed, needs_seeds


def wirral_reviews():
    return {review.reference: review for review in Review.objects.filter(
        partnership__slug="wirral")}


def test_the_wirral_reviews_stand_as_the_board_was_told(demo):
    reviews = wirral_reviews()
    facts = {ref: (r.type, r.status, r.evaluation) for ref, r in reviews.items()}
    assert facts == {
        "JSC": ("serious_case", "evaluated", "outstanding"),
        "AP": ("serious_case", "evaluated", "adequate"),
        "CF": ("serious_case", "delayed", ""),
        "Third SCR": ("serious_case", "awaiting_evaluation", ""),
        "SCIE pilot": ("critical_incident", "not_recorded", ""),
    }
    for review in reviews.values():  # nothing the seed does not give
        assert (review.commissioned_on, review.submitted_on, review.evaluated_on,
                review.summary_published_on, review.lessons, review.executive_summary) == (
            None, None, None, None, "", "")
        assert not review.actions.exists()
    assert not Review.objects.exclude(partnership__slug="wirral").exists()


@needs_seeds
def test_every_word_of_the_safeguarding_demo_is_the_seed_s(demo):
    for review in wirral_reviews().values():
        for part in re.split(r" … ", review.status_note) + [review.delay_reason]:
            assert in_seed(part, "wirral"), part
    update = SafeguardingUpdate.objects.get(partnership__slug="wirral")
    for text in [update.title, update.introduction, update.actions_preamble,
                 *update.action_lines, *update.further_report.replace("## ", "").split("\n\n"),
                 update.recommendations, update.contact, update.author.name]:
        assert in_seed(text, "wirral"), text
    chamber = StarChamber.objects.get(partnership__slug="wirral")
    assert len(chamber.criteria_lines) == 4 and len(chamber.membership_lines) == 10
    for text in [*chamber.criteria_lines, *chamber.membership_lines, chamber.established,
                 *(line.lstrip("- ") for line in chamber.remit.splitlines() if line)]:
        assert in_seed(text, "wirral"), text


def test_the_update_is_the_november_meeting_s_safeguarding_paper(demo, client):
    meeting = Meeting.objects.get(partnership__slug="wirral", date="2009-11-20")
    item = meeting.items.get(number=6)
    assert item.title == "Safeguarding update Quarter 1"  # as the agenda printed it
    assert (item.paper.kind, item.is_exempt) == ("safeguarding.update", False)
    update = SafeguardingUpdate.objects.get(partnership__slug="wirral")
    assert item.paper.source == str(update.pk)
    assert update.period.name == "2009/10 Q1"  # the quarter the agenda names
    # The September minute naming reviews by initials stays as the board published it.
    september = Meeting.objects.get(partnership__slug="wirral", date="2009-09-11")
    assert "The JSC has been rated as outstanding" in september.items.get(number=8).minute.text


@pytest.mark.parametrize("username", ["wirral-board", "wirral-commissioner"])
def test_outside_the_wall_the_demo_register_is_a_missing_page(demo, client, username):
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username=username))
    assert client.get(reverse("safeguarding:review_list", args=["wirral"])).status_code == 404
