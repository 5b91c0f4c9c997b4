"""The commissioning report a board pack carries: what it says before and after award."""

import re

from django.urls import reverse

from commissioning.rules import Stage
from trust_portal.boards.pack import Audience, pack_entries
from trust_portal.boards.testing import add_paper


def body_of(world, paper, audience=Audience.MEMBERS):
    entry = next(e for e in pack_entries(world.meeting, audience) if e.paper == paper)
    assert not entry.problem, entry.problem
    return " ".join(re.sub(r"<[^>]+>", " ", entry.body).split())


def test_before_award_the_paper_names_no_bid_and_shows_no_score(world):
    commission = world.commission
    commission.description = "Independent advocacy for looked after children."
    commission.evaluation_note = "There was a gap of only 3 points between the applicants."
    commission.recommendation = "That the Board endorse the report."
    commission.save()
    paper = add_paper(world, "commissioning.commission", commission.pk).paper
    for audience in Audience:
        text = body_of(world, paper, audience)
        assert "Background Independent advocacy for looked after children." in text
        assert ("3 bids received by the closing date of 31 July 2009 (1 late, admitted with a "
                "recorded reason); 2 passed the Pre Qualifying Questionnaire.") in text
        assert "There was a gap of only 3 points between the applicants." in text
        assert "Recommendation That the Board endorse the report." in text
        for secret in ["Kinder Advocacy", "Voice Trust", "Late Starters", "75", "ranked"]:
            assert secret not in text


def test_after_award_the_paper_names_the_winner_and_the_gap(world):
    world.commission.stage = Stage.AWARDED
    world.commission.save()
    paper = add_paper(world, "commissioning.commission", world.commission.pk).paper
    text = body_of(world, paper)
    assert "The panel ranked Kinder Advocacy first, 15 points ahead of the next bid." in text
    assert "75.00" not in text


def test_the_pack_preview_shows_it_without_scores(world, login):
    add_paper(world, "commissioning.commission", world.commission.pk)
    page = login(world.users["administrator"]).get(
        reverse("pack_preview", args=[world.north.slug, world.meeting.pk])).content.decode()
    assert "Procurement route: Open tender." in page
    assert "Kinder Advocacy" not in page


def test_a_paper_of_a_removed_commission_says_why(world):
    paper = add_paper(world, "commissioning.commission", 999999).paper
    entry = next(e for e in pack_entries(world.meeting, Audience.MEMBERS) if e.paper == paper)
    assert "its commission no longer exists" in str(entry.problem)
