"""The demo's report cards say what the seeds print: Liverpool's IYSS key priorities (seed 001)
and Leeds' three obsessions (seed 004), figures exactly, words found in the seed."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from indicators.card_reads import card_document
from indicators.cards import ReportCard

from .test_demo_seeds import in_seed, needs_seeds

LIVERPOOL_CARDS = {
    "Teenage Pregnancy": "A.4",
    "16-18 YEAR OLDS NOT IN EMPLOYMENT, EDUCATION OR TRAINING": "E.1",
    "REDUCE SUBSTANCE MISUSE BY YOUNG PEOPLE": "A.3",
    "To ensure more opportunities for young people to take part in two hours of physical "
    "education (PE) and sporting activity every week": "A.1",
    "16-18 YEAR OLDS IN SATISFACTORY ACCOMODATION Young Offenders/Those Leaving Custody": "D.1",
    "Reducing First Time offending/re-offending in relation to violent crime and gang related "
    "behaviours": "D.1",
    "PARENTING": "B.2",
    "Reduce incidents of Bullying": "B.2",
    "Child and Adolescent Mental Health Services (CAMHS)": "C.5",
    "Achievement of Vulnerable Young People": "C.4",
    "DISARM - To reduce the involvement of young people in gun and gang crime": "D.1",
    "Supporting Young People who are Victims of Crime": "B.2",
}
LEEDS_CARDS = {"Looked after children": "1", "School attendance": "3",
               "Young people not in employment, education or training": "4"}


def cards(slug):
    return ReportCard.objects.filter(
        priority__outcome__plan__partnership__slug=slug).with_figures()


def document(slug, title):
    return card_document(cards(slug).get(title=title))


def rows(block):
    """{period: (actual or its words, target, change)} of an indicator's table."""
    return {column["label"]: (column["actual"] or column["note"], column["target"],
                              column["change"]) for column in block["columns"]}


@pytest.mark.parametrize(("slug", "expected"), [("liverpool", LIVERPOOL_CARDS),
                                                ("leeds", LEEDS_CARDS)])
def test_every_card_is_on_the_priority_it_serves(demo, slug, expected):
    assert {card.title: card.priority.reference for card in cards(slug)} == expected


def test_teenage_pregnancy_where_are_we_now_is_as_printed(demo):
    block = document("liverpool", "Teenage Pregnancy")["indicators"][0]
    table = rows(block)
    actuals = ["57.9", "55.0", "50.3", "45.8", "44.0", "43.1", "44.2", "47.2", "41.6"]
    assert [table[str(year)][0] for year in range(1998, 2007)] == actuals
    assert [table[str(year)][1] for year in range(2007, 2011)] == ["37.7", "33.8", "29.9",
                                                                   "26.0"]
    # Seed 001 L490, Performance: - 5% ... - 28%, then the trajectory's -35% ... -55%.
    assert [table[str(year)][2] for year in range(1999, 2011)] == [
        "-5%", "-13%", "-21%", "-24%", "-26%", "-24%", "-18%", "-28%", "-35%", "-42%", "-48%",
        "-55%"]
    printed = {c["label"]: c["printed_change"] for c in block["columns"] if c["printed_change"]}
    assert printed == {"2003": "-25%"}  # the seed's own figure, where its rounding differs
    assert block["columns"][0]["baseline"] and block["latest"]["value"] == "41.6"
    assert block["change"] == "-28%"


def test_neet_pe_and_the_undated_columns_are_as_printed(demo):
    neet = rows(document("liverpool", "16-18 YEAR OLDS NOT IN EMPLOYMENT, EDUCATION OR "
                                      "TRAINING")["indicators"][0])
    assert neet["2006/07"][:2] == ("12.06%", "12.02%") and neet["2010"][1] == "9.30%"
    pe = document("liverpool", next(t for t in LIVERPOOL_CARDS if "(PE)" in t))
    assert rows(pe["indicators"][0])["2007/08"][:2] == ("88%", "85%")
    accommodation = document("liverpool", next(t for t in LIVERPOOL_CARDS
                                               if "ACCOMODATION" in t))["indicators"][0]
    first = accommodation["columns"][0]
    assert first["undated"] and first["label"] == "" and first["target"] == "90.00%"
    disarm = document("liverpool", next(t for t in LIVERPOOL_CARDS if t.startswith("DISARM")))
    baselines = {block["code"]: block["columns"][0]["actual"] for block in disarm["indicators"]}
    assert baselines == {"NI 15": "1.34", "NI 29": "0.70", "NI 111": "565", "NI 30": "21%"}


def test_years_the_seed_prints_in_words_or_leaves_empty_are_shown_as_such(demo):
    camhs = rows(document("liverpool", "Child and Adolescent Mental Health Services (CAMHS)")
                 ["indicators"][0])
    assert [camhs[str(year)][0] for year in range(1998, 2009)] == ["N/A"] * 6 + [""] * 4 + [
        "15"]


def test_leeds_obsessions_carry_their_baselines(demo):
    lac = document("leeds", "Looked after children")
    assert lac["is_obsession"]
    assert rows(lac["indicators"][0])["2010/11"][0] == "1,434"
    assert lac["indicators"][0]["change"] == ""  # the latest actual is the baseline
    neet = document("leeds", "Young people not in employment, education or training")
    assert rows(neet["indicators"][0])["2010/11"][0] == "8.3%"
    attendance = document("leeds", "School attendance")["indicators"][0]
    assert attendance["columns"] == [] and "Primary 94.4%" in attendance["baseline_text"]
    assert "cannot be told" in attendance["turn_sentence"]


def _phrases(markdown):
    """A section's text as the seed prints it: each line without its bullet, each
    table cell on its own."""
    for line in markdown.splitlines():
        if re.fullmatch(r"\|[-|]+", line):
            continue
        parts = line.strip("|").split("|") if line.startswith("|") else [line]
        for part in parts:
            text = re.sub(r"^\s*- ", "", part).strip()
            if text:
                yield text


@needs_seeds
@pytest.mark.parametrize("slug", ["liverpool", "leeds"])
def test_all_the_words_of_every_card_are_in_the_seed(demo, slug):
    missing = [phrase for card in cards(slug) for name in ReportCard.SECTIONS
               for phrase in _phrases(getattr(card, name)) if not in_seed(phrase, slug)]
    missing += [card.title for card in cards(slug) if not in_seed(card.title, slug)]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("slug", ["liverpool", "leeds"])
def test_every_demo_card_renders_as_a_page_and_a_pdf(demo, client, slug):
    client.force_login(User.objects.get(username=f"{slug}-board"))
    for card in cards(slug):
        page = client.get(reverse("report_card", args=[slug, card.pk]))
        assert page.status_code == 200 and b"Where are we now?" in page.content
    plan = cards(slug).first().priority.outcome.plan
    scorecard = client.get(reverse("plan_scorecard", args=[slug, plan.pk]))
    assert scorecard.status_code == 200
    pdf = client.get(reverse("plan_cards_pdf", args=[slug, plan.pk]))
    assert pdf.content.startswith(b"%PDF")
