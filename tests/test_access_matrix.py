"""Every page, every persona, GET and POST: exactly the permitted ones get in.

The list of pages comes from the URLconf itself, so a new view without an entry here fails.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import PERSONAS, build_world, shared_by_module
from .forms import (
    card_form,
    data_request_form,
    decision_form,
    entry_line,
    milestone_form,
    paper_form,
    review_action_form,
    review_form,
    sign_off_form,
    target_cell,
    update_form,
)

MEMBERS = {"administrator", "performance_officer", "performance_manager", "lead_officer",
           "other_lead_officer", "board_member", "commissioner", "safeguarding_lead"}
EVERYONE_SIGNED_IN = MEMBERS | {"outsider"}


@dataclass
class Page:
    kwargs: callable = lambda world: {}
    readers: set = field(default_factory=lambda: set(MEMBERS))
    writers: set = field(default_factory=set)
    post_data: callable = lambda world: {}
    public: bool = False
    partnership_scoped: bool = True
    walled: bool = False
    """Behind the review register's wall: everyone outside it gets "not found", whatever the
    method (see safeguarding/wall.py)."""


def slug(world):
    return {"slug": world.north.slug}


def meeting(world):
    return {**slug(world), "pk": world.meeting.pk}


def pack(world):
    return {**meeting(world), "number": world.pack.number}


def card(world):
    return {**slug(world), "pk": world.card.pk}


ADMINISTRATOR = {"administrator"}
SIGNERS_OFF = {"administrator", "performance_manager"}
COMMISSIONERS = {"administrator", "commissioner"}
# The world's priority is led by the lead officer's person; its sponsor has no login.
CARD_WRITERS = {"administrator", "lead_officer"}
EVERYONE = EVERYONE_SIGNED_IN | {"anonymous"}
INSIDE_THE_WALL = {"administrator", "safeguarding_lead"}
TARGET_SETTERS = {"administrator", "performance_officer", "performance_manager"}


def review(world):
    return {**slug(world), "pk": world.review.pk}


def data_request(world):
    return {**slug(world), "pk": world.data_request.pk}


PAGES = {
    "home": Page(readers=EVERYONE_SIGNED_IN, partnership_scoped=False),
    "choose_partnership": Page(readers=EVERYONE_SIGNED_IN, partnership_scoped=False),
    "login": Page(readers=EVERYONE_SIGNED_IN | {"anonymous"},
                  writers=EVERYONE_SIGNED_IN | {"anonymous"}, public=True,
                  partnership_scoped=False),
    "logout": Page(readers=set(), writers=EVERYONE_SIGNED_IN, partnership_scoped=False),
    "partnership_home": Page(kwargs=slug),
    "people": Page(kwargs=slug),
    "milestone_list": Page(kwargs=slug),
    "plan_detail": Page(kwargs=lambda w: {**slug(w), "pk": w.plan.pk}),
    "priority_detail": Page(kwargs=lambda w: {**slug(w), "pk": w.priority.pk}),
    "milestone_detail": Page(kwargs=lambda w: {**slug(w), "pk": w.milestone.pk}),
    "performance_report": Page(kwargs=slug),
    "performance_report_period": Page(kwargs=lambda w: {**slug(w), "period_pk": w.period.pk}),
    "indicator_detail": Page(kwargs=lambda w: {**slug(w), "pk": w.indicator.pk}),
    "actuals_entry": Page(kwargs=lambda w: {**slug(w), "period_pk": w.period.pk},
                          readers={"administrator", "performance_officer"},
                          writers={"administrator", "performance_officer"},
                          post_data=lambda w: {"action": "draft",
                                               **entry_line(w.indicator, 1, value="4.9")}),
    "targets_entry": Page(kwargs=lambda w: {**slug(w), "period_pk": w.period.pk},
                          readers=TARGET_SETTERS, writers=TARGET_SETTERS,
                          post_data=lambda w: target_cell(w.indicator, "q2", 1, value="4.8")),
    "targets_profile": Page(kwargs=lambda w: {**slug(w), "year": w.period.year},
                            readers=TARGET_SETTERS, writers=TARGET_SETTERS,
                            post_data=lambda w: target_cell(w.indicator, "q3", 0, value="4.8")),
    # The world's figures are signed off already: a sign-off posts nothing to sign off.
    "sign_off": Page(kwargs=slug, readers=SIGNERS_OFF, writers=SIGNERS_OFF,
                     post_data=lambda w: sign_off_form([], "sign_off:all")),
    "sign_off_period": Page(kwargs=lambda w: {**slug(w), "period_pk": w.period.pk},
                            readers=SIGNERS_OFF, writers=SIGNERS_OFF,
                            post_data=lambda w: sign_off_form([], "sign_off:all")),
    "outstanding_actuals": Page(kwargs=lambda w: {**slug(w), "period_pk": w.period.pk},
                                readers={"administrator"}),
    "upload_actuals": Page(kwargs=slug, readers={"administrator", "performance_officer"},
                           writers={"administrator", "performance_officer"}),
    "confirm_upload": Page(kwargs=slug, readers=set(),
                           writers={"administrator", "performance_officer"}),
    "upload_template": Page(kwargs=slug, readers={"administrator", "performance_officer"}),
    "milestone_update": Page(kwargs=lambda w: {**slug(w), "pk": w.milestone.pk},
                             readers={"administrator", "lead_officer"},
                             writers={"administrator", "lead_officer"},
                             post_data=lambda w: milestone_form(w.milestone.version)),
    "meeting_list": Page(kwargs=slug),
    "meeting_detail": Page(kwargs=meeting),
    "meeting_minutes": Page(kwargs=meeting),
    "minutes_approve": Page(kwargs=meeting, readers=set(), writers=ADMINISTRATOR),
    "pack_preview": Page(kwargs=meeting, readers=ADMINISTRATOR),
    "pack_publish": Page(kwargs=meeting, readers=set(), writers=ADMINISTRATOR,
                         post_data=lambda w: {"reason": "Figures corrected"}),
    "pack_detail": Page(kwargs=pack),
    "pack_progress": Page(kwargs=pack),
    "pack_pdf": Page(kwargs=pack),
    "paper_edit": Page(kwargs=lambda w: {**slug(w), "pk": w.paper.pk},
                       readers={"administrator", "commissioner"},
                       writers={"administrator", "commissioner"}, post_data=paper_form),
    "decisions": Page(kwargs=slug),
    "action_log": Page(kwargs=slug),
    "commission_register": Page(kwargs=slug),
    "commission_detail": Page(kwargs=lambda w: {**slug(w), "pk": w.commission.pk}),
    "commission_planning": Page(kwargs=lambda w: {**slug(w), "pk": w.commission.pk},
                                readers=COMMISSIONERS, writers=COMMISSIONERS,
                                post_data=lambda w: {"version": w.commission.version,
                                                     "financing": "Children's Fund"}),
    "commission_move": Page(kwargs=lambda w: {**slug(w), "pk": w.commission.pk},
                            readers=COMMISSIONERS, writers=COMMISSIONERS,
                            post_data=lambda w: {"to_stage": "recommendation",
                                                 "route": "open_tender"}),
    "commission_scores": Page(kwargs=lambda w: {**slug(w), "pk": w.commission.pk},
                              readers=COMMISSIONERS | {"other_lead_officer"},
                              writers={"commissioner", "other_lead_officer"},
                              post_data=lambda w: {
                                  f"score-{w.bids[0].pk}-{w.criteria[0].pk}": "8"}),
    "commission_bids": Page(kwargs=lambda w: {**slug(w), "pk": w.commission.pk},
                            readers=COMMISSIONERS, writers=COMMISSIONERS,
                            post_data=lambda w: {"action": "bid", "bidder": "New Bidder",
                                                 "received_on_0": "30", "received_on_1": "7",
                                                 "received_on_2": "2009"}),
    "commission_award": Page(kwargs=lambda w: {**slug(w), "pk": w.commission.pk},
                             readers=COMMISSIONERS, writers=COMMISSIONERS,
                             post_data=lambda w: {"bid": w.bids[0].pk, "value": "45000"}),
    "contract_detail": Page(kwargs=lambda w: {**slug(w), "pk": w.contract.pk}),
    "contract_update": Page(kwargs=lambda w: {**slug(w), "pk": w.contract.pk}, readers=set(),
                            writers=COMMISSIONERS,
                            post_data=lambda w: {"action": "measure", "group": "how_well",
                                                 "indicator": w.indicator.pk}),
    "ocds_package": Page(kwargs=slug, readers=EVERYONE, public=True, partnership_scoped=False),
    "safeguarding:update_list": Page(kwargs=slug),
    "safeguarding:update_new": Page(kwargs=slug, readers=INSIDE_THE_WALL,
                                    writers=INSIDE_THE_WALL, post_data=update_form),
    "safeguarding:update_edit": Page(
        kwargs=lambda w: {**slug(w), "pk": w.safeguarding_update.pk}, readers=INSIDE_THE_WALL,
        writers=INSIDE_THE_WALL, post_data=update_form),
    "safeguarding:update_detail": Page(
        kwargs=lambda w: {**slug(w), "pk": w.safeguarding_update.pk}),
    "safeguarding:review_list": Page(kwargs=slug, readers=INSIDE_THE_WALL, walled=True),
    "safeguarding:register_download": Page(kwargs=slug, readers=INSIDE_THE_WALL, walled=True),
    "safeguarding:read_log": Page(kwargs=slug, readers=INSIDE_THE_WALL, walled=True),
    "safeguarding:review_new": Page(kwargs=slug, readers=INSIDE_THE_WALL,
                                    writers=INSIDE_THE_WALL, walled=True,
                                    post_data=lambda w: review_form()),
    "safeguarding:review_detail": Page(kwargs=review, readers=INSIDE_THE_WALL, walled=True),
    "safeguarding:review_download": Page(kwargs=review, readers=INSIDE_THE_WALL, walled=True),
    "safeguarding:review_edit": Page(kwargs=review, readers=INSIDE_THE_WALL,
                                     writers=INSIDE_THE_WALL, walled=True,
                                     post_data=lambda w: review_form(reference="QXJ-7")),
    "safeguarding:review_action_new": Page(kwargs=review, readers=INSIDE_THE_WALL,
                                           writers=INSIDE_THE_WALL, walled=True,
                                           post_data=lambda w: review_action_form()),
    "safeguarding:review_action_edit": Page(
        kwargs=lambda w: {**review(w), "action_pk": w.review_action.pk},
        readers=INSIDE_THE_WALL, writers=INSIDE_THE_WALL, walled=True,
        post_data=lambda w: review_action_form()),
    "safeguarding:review_summary_paper": Page(kwargs=review, readers=set(),
                                              writers={"safeguarding_lead"}, walled=True),
    "safeguarding:request_list": Page(kwargs=slug),
    "safeguarding:request_new": Page(kwargs=slug, writers=MEMBERS,
                                     post_data=data_request_form),
    "safeguarding:request_detail": Page(kwargs=data_request),
    "safeguarding:request_decide": Page(kwargs=data_request, readers=set(),
                                        writers=ADMINISTRATOR,
                                        post_data=lambda w: decision_form(1)),
    "safeguarding:request_resubmit": Page(
        kwargs=lambda w: {**slug(w), "pk": w.sent_back_request.pk},
        readers={"administrator", "commissioner"}, writers={"administrator", "commissioner"},
        post_data=lambda w: data_request_form(w, version="1")),
    "safeguarding:approved_requests": Page(kwargs=slug, readers=EVERYONE, public=True,
                                           partnership_scoped=False),
    "accessibility": Page(readers=EVERYONE, public=True, partnership_scoped=False),
    "public_meetings": Page(kwargs=slug, readers=EVERYONE, public=True,
                            partnership_scoped=False),
    "public_pack": Page(kwargs=pack, readers=EVERYONE, public=True, partnership_scoped=False),
    "public_pack_pdf": Page(kwargs=pack, readers=EVERYONE, public=True,
                            partnership_scoped=False),
    "report_cards": Page(kwargs=slug),
    "report_card": Page(kwargs=card),
    "report_card_pdf": Page(kwargs=card),
    "report_card_edit": Page(kwargs=card, readers=CARD_WRITERS, writers=CARD_WRITERS,
                             post_data=lambda w: card_form(w.card)),
    "report_card_publish": Page(kwargs=card, readers=set(), writers=CARD_WRITERS,
                                post_data=lambda w: {"version": w.card.version}),
    "report_card_versions": Page(kwargs=card),
    "report_card_version": Page(kwargs=lambda w: {**card(w), "number": w.card_version.number}),
    "report_card_compare": Page(kwargs=card),
    "plan_scorecard": Page(kwargs=lambda w: {**slug(w), "pk": w.plan.pk}),
    "plan_cards_pdf": Page(kwargs=lambda w: {**slug(w), "pk": w.plan.pk}),
}


def url_names(resolver=None, namespace=None):
    """Every named URL pattern outside the Django admin, which has its own tests."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from url_names(pattern, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_has_an_access_rule():
    assert set(url_names()) == set(PAGES)


def expected_outcome(page, persona, method):
    allowed = page.readers if method == "get" else page.writers
    if persona in allowed:
        return "allowed"
    if page.walled and persona not in INSIDE_THE_WALL:
        return "not found"
    if persona == "anonymous" and not page.public:
        return "sign in"
    if (method == "post" and not page.writers) or (method == "get" and not page.readers):
        return "method not allowed"
    if persona == "outsider" and page.partnership_scoped:
        return "not found"
    return "forbidden"


def actual_outcome(response):
    if response.status_code == 302 and response.url.startswith(reverse("login") + "?next="):
        return "sign in"
    return {200: "allowed", 302: "allowed", 403: "forbidden", 404: "not found",
            405: "method not allowed"}.get(response.status_code, response.status_code)


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, module_media):
    """One world for the module's 700 cases; what a case posts is rolled back after it."""
    yield from shared_by_module(django_db_blocker, module_media, build_world)


@pytest.fixture
def world(shared_world, db):
    return shared_world


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_access(name, persona, method, world, login):
    page = PAGES[name]
    client = login(world.users.get(persona))
    url = reverse(name, kwargs=page.kwargs(world))
    response = client.get(url) if method == "get" else client.post(url, page.post_data(world))
    assert actual_outcome(response) == expected_outcome(page, persona, method)
