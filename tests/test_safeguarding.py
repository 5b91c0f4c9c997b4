"""The safeguarding app: the wall around the review register, its read log, the anonymity
check on saving, the LSCB update and its paper, and the Star Chamber's decisions."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safeguarding.models import AppendOnly, DataRequest, Decision, Review, ReviewRead
from safeguarding.papers import UPDATE
from trust_portal.boards.testing import add_paper

from .forms import (
    data_request_form,
    decision_form,
    review_action_form,
    review_form,
    update_form,
)
from .test_error_pages import body

OUTSIDE_THE_WALL = ["performance_officer", "lead_officer", "other_lead_officer", "board_member",
                    "commissioner", "anonymous", "outsider", "south_safeguarding_lead"]
INSIDE_THE_WALL = ["safeguarding_lead", "administrator"]


@pytest.fixture
def sg(world):
    return world


def user_of(world, persona):
    if persona == "south_safeguarding_lead":
        return world.south_safeguarding_lead
    return world.users.get(persona)


def client_for(world, persona):
    client = Client()
    if (user := user_of(world, persona)) is not None:
        client.force_login(user)
    return client


def walled_urls(world):
    slug, pk = world.north.slug, world.review.pk
    return [reverse("safeguarding:review_list", args=[slug]),
            reverse("safeguarding:register_download", args=[slug]),
            reverse("safeguarding:review_new", args=[slug]),
            reverse("safeguarding:read_log", args=[slug]),
            reverse("safeguarding:review_detail", args=[slug, pk]),
            reverse("safeguarding:review_download", args=[slug, pk]),
            reverse("safeguarding:review_edit", args=[slug, pk]),
            reverse("safeguarding:review_summary_paper", args=[slug, pk]),
            reverse("safeguarding:review_action_new", args=[slug, pk]),
            reverse("safeguarding:review_action_edit", args=[slug, pk, world.review_action.pk])]


@pytest.mark.parametrize("persona", OUTSIDE_THE_WALL)
def test_outside_the_wall_every_address_answers_as_one_that_does_not_exist(sg, persona):
    client = client_for(sg, persona)
    missing = client.get(f"/{sg.north.slug}/safeguarding/reviews/no-such-page/")
    assert missing.status_code == 404
    for url in walled_urls(sg):
        for response in (client.get(url), client.post(url, review_form())):
            assert response.status_code == 404, url
            assert body(response) == body(missing), url
    assert not ReviewRead.objects.exists()
    assert Review.objects.filter(reference="RTW").count() == 0


def test_a_post_without_its_csrf_token_is_refused_only_inside_the_wall(sg):
    for persona, status in [("board_member", 404), ("safeguarding_lead", 403)]:
        client = Client(enforce_csrf_checks=True)
        client.force_login(sg.users[persona])
        url = reverse("safeguarding:review_edit", args=[sg.north.slug, sg.review.pk])
        assert client.post(url, review_form()).status_code == status


@pytest.mark.parametrize("persona", INSIDE_THE_WALL)
def test_each_view_and_download_of_a_review_writes_one_log_row(sg, persona):
    client = client_for(sg, persona)
    user = sg.users[persona]
    page = client.get(reverse("safeguarding:review_detail", args=[sg.north.slug, sg.review.pk]))
    assert page.status_code == 200
    assert "zebrafennel lessons" in page.content.decode()
    assert "Overdue" in page.content.decode()  # the wombat action is a day late
    download = client.get(reverse("safeguarding:review_download",
                                  args=[sg.north.slug, sg.review.pk]))
    assert "zebrafennel lessons" in download.content.decode()
    reads = list(ReviewRead.objects.order_by("pk").values_list("review", "user", "what"))
    assert reads == [(sg.review.pk, user.pk, ReviewRead.What.VIEWED),
                     (sg.review.pk, user.pk, ReviewRead.What.DOWNLOADED)]
    client.get(reverse("safeguarding:review_edit", args=[sg.north.slug, sg.review.pk]))
    assert ReviewRead.objects.count() == 3  # the edit form shows the review too
    register = client.get(reverse("safeguarding:register_download", args=[sg.north.slug]))
    assert "QXJ" in register.content.decode() and "SQV" not in register.content.decode()
    assert ReviewRead.objects.count() == 4
    log = client.get(reverse("safeguarding:read_log", args=[sg.north.slug])).content.decode()
    assert log.count(f'<td class="govuk-table__cell">{user.username}</td>') == 4


def test_a_review_of_another_partnership_is_not_found_even_by_a_safeguarding_lead(sg):
    client = client_for(sg, "safeguarding_lead")
    for name in ["review_detail", "review_download", "review_edit"]:
        url = reverse(f"safeguarding:{name}", args=[sg.north.slug, sg.south_review.pk])
        assert client.get(url).status_code == 404
    listing = client.get(reverse("safeguarding:review_list", args=[sg.north.slug]))
    assert "SQV" not in listing.content.decode()
    assert not ReviewRead.objects.exists()


def test_the_read_log_cannot_be_changed_or_deleted_in_the_portal(sg):
    read = ReviewRead.objects.create(partnership=sg.north, review=sg.review,
                                     user=sg.users["safeguarding_lead"], username="lead",
                                     what=ReviewRead.What.VIEWED)
    read.what = ReviewRead.What.DOWNLOADED
    with pytest.raises(AppendOnly):
        read.save()
    with pytest.raises(AppendOnly):
        read.delete()
    assert not hasattr(ReviewRead, "history")  # no history to edit or revert
    admin = client_for(sg, "administrator")
    base = "admin:safeguarding_reviewread"
    assert admin.get(reverse(f"{base}_changelist")).status_code == 200
    assert admin.get(reverse(f"{base}_add")).status_code == 403
    assert admin.post(reverse(f"{base}_delete", args=[read.pk]), {"post": "yes"}).status_code \
        == 403
    change = admin.post(reverse(f"{base}_change", args=[read.pk]), {"what": "downloaded"})
    assert change.status_code == 403
    bulk = admin.post(reverse(f"{base}_changelist"),
                      {"action": "delete_selected", "_selected_action": [read.pk], "post": "yes"})
    assert bulk.status_code in (200, 302)
    assert list(ReviewRead.objects.values_list("what", flat=True)) == ["viewed"]
    # Deleting the review would orphan its log: refused while it has been read.
    assert admin.post(reverse("admin:safeguarding_review_delete", args=[sg.review.pk]),
                      {"post": "yes"}).status_code != 302 or Review.objects.filter(
        pk=sg.review.pk).exists()
    assert ReviewRead.objects.filter(pk=read.pk).exists()


def test_the_admin_lists_reviews_only_to_administrators_and_logs_their_reads(sg):
    staff = sg.users["safeguarding_lead"]
    staff.is_staff = True  # even a staff login without the administrator role
    staff.save()
    index = client_for(sg, "safeguarding_lead").get(reverse("admin:index"))
    assert index.status_code != 200 or "Reviews" not in index.content.decode()
    admin = client_for(sg, "administrator")
    listing = admin.get(reverse("admin:safeguarding_review_changelist")).content.decode()
    assert "QXJ" in listing and "SQV" not in listing
    assert admin.get(reverse("admin:safeguarding_review_change",
                             args=[sg.south_review.pk])).status_code == 404
    assert admin.get(reverse("admin:safeguarding_review_change",
                             args=[sg.review.pk])).status_code == 200
    assert admin.get(reverse("admin:safeguarding_review_history",
                             args=[sg.review.pk])).status_code == 200
    assert list(ReviewRead.objects.values_list("what", flat=True)) == ["viewed_in_admin"] * 2


def test_flagged_text_is_shown_highlighted_and_kept_only_once_confirmed(sg):
    client = client_for(sg, "safeguarding_lead")
    url = reverse("safeguarding:review_new", args=[sg.north.slug])
    text = "Seen by Jane Smith at 14 Acre Lane"
    first = client.post(url, review_form(lessons=text))
    assert first.status_code == 200
    page = first.content.decode()
    assert "<mark" in page and ">Jane Smith</mark>" in page and ">14 Acre Lane</mark>" in page
    assert not Review.objects.filter(reference="RTW").exists()
    signature = first.context["form"].signature
    # Confirming without the text it was shown (it changed meanwhile) is not enough.
    changed = client.post(url, review_form(lessons=text + " and Mary Jones",
                                           anonymity_confirmed="on",
                                           anonymity_signature=signature))
    assert changed.status_code == 200 and not Review.objects.filter(reference="RTW").exists()
    kept = client.post(url, review_form(lessons=text, anonymity_confirmed="on",
                                        anonymity_signature=signature))
    assert kept.status_code == 302
    review = Review.objects.get(reference="RTW")
    assert review.lessons == text
    assert review.history.first().history_user == sg.users["safeguarding_lead"]


def test_corrected_text_is_kept_without_confirming(sg):
    client = client_for(sg, "safeguarding_lead")
    url = reverse("safeguarding:review_edit", args=[sg.north.slug, sg.review.pk])
    assert client.post(url, review_form(reference="QXJ-7", lessons="Seen by Jane Smith")) \
        .status_code == 200
    response = client.post(url, review_form(reference="QXJ-7",
                                            lessons="Seen by the Designated Nurse"))
    assert response.status_code == 302
    sg.review.refresh_from_db()
    assert sg.review.lessons == "Seen by the Designated Nurse"
    assert sg.review.version == 2


def test_a_reference_is_initials_or_a_code_never_a_name(sg):
    client = client_for(sg, "safeguarding_lead")
    response = client.post(reverse("safeguarding:review_new", args=[sg.north.slug]),
                           review_form(reference="Jane Smith"))
    assert response.status_code == 200
    assert "Use initials or a code only" in response.content.decode()


def test_a_delayed_review_says_why(sg):
    client = client_for(sg, "administrator")
    response = client.post(reverse("safeguarding:review_new", args=[sg.north.slug]),
                           review_form(status="delayed"))
    assert response.status_code == 200
    assert "Say why the review is delayed" in response.content.decode()


def test_the_update_shows_its_quarter_s_child_protection_figures_live(sg):
    from indicators.models import Actual, Indicator, Target

    ni65 = Indicator.objects.create(partnership=sg.north, code="NI 65", lower_is_better=True,
                                    title="Children subject to a plan for a second time")
    Target.objects.create(indicator=ni65, period=sg.period, value=19)
    Actual.objects.create(indicator=ni65, period=sg.period, value="22.5", data_quality="P",
                          status=Actual.Status.SIGNED_OFF)
    client = client_for(sg, "board_member")
    page = client.get(reverse("safeguarding:update_detail",
                              args=[sg.north.slug, sg.safeguarding_update.pk])).content.decode()
    assert "NI 65" in page and "22.5" in page and "Red" in page
    assert "NI 43" not in page  # not a child protection indicator
    assert "Agreed an escalation policy" in page
    add_paper(sg, UPDATE, sg.safeguarding_update.pk)
    rendered = client_for(sg, "administrator").get(
        reverse("pack_preview", args=[sg.north.slug, sg.meeting.pk])).content.decode()
    assert "Agreed an escalation policy" in rendered and "NI 65" in rendered
    assert "QXJ" not in rendered and "zebrafennel" not in rendered


def test_only_a_safeguarding_lead_puts_a_published_summary_into_a_paper(sg):
    from trust_portal.boards.models import Paper

    url = reverse("safeguarding:review_summary_paper", args=[sg.north.slug, sg.review.pk])
    lead = client_for(sg, "safeguarding_lead")
    lead.post(url)
    assert not Paper.objects.filter(kind="safeguarding.executive_summary").exists()
    Review.objects.filter(pk=sg.review.pk).update(
        status=Review.Status.SUMMARY_PUBLISHED, summary_published_on=datetime.date(2009, 12, 1))
    assert client_for(sg, "administrator").post(url).status_code == 403
    assert lead.post(url).status_code == 302
    paper = Paper.objects.get(kind="safeguarding.executive_summary")
    item = add_paper(sg, paper.kind, paper.source)
    rendered = client_for(sg, "administrator").get(
        reverse("pack_preview", args=[sg.north.slug, sg.meeting.pk])).content.decode()
    assert "marmoset summary" in rendered and item.title in rendered
    assert "zebrafennel" not in rendered  # the summary only, nothing else of the review


# The Star Chamber


def request_url(world, name, data_request):
    return reverse(f"safeguarding:{name}", args=[world.north.slug, data_request.pk])


def test_a_request_is_submitted_on_the_template_and_approved_for_schools(sg):
    member = client_for(sg, "commissioner")
    response = member.post(reverse("safeguarding:request_new", args=[sg.north.slug]),
                           data_request_form(sg))
    assert response.status_code == 302
    data_request = DataRequest.objects.get(title="Wellbeing survey")
    assert data_request.status == DataRequest.Status.SUBMITTED
    assert data_request.submitted_by == sg.users["commissioner"]
    page = member.get(response.url).content.decode()
    assert "does not duplicate one of the last 12 months" in page  # criteria beside decisions
    assert "Record the decision" not in page  # members read; the Star Chamber decides
    assert member.post(request_url(sg, "request_decide", data_request),
                       decision_form(1)).status_code == 403
    admin = client_for(sg, "administrator")
    assert admin.post(request_url(sg, "request_decide", data_request),
                      decision_form(1)).status_code == 302
    data_request.refresh_from_db()
    assert data_request.status == DataRequest.Status.APPROVED
    assert data_request.approved_on == datetime.date(2010, 3, 15)
    public = Client().get(reverse("safeguarding:approved_requests", args=[sg.north.slug]))
    assert public.status_code == 200 and "Wellbeing survey" in public.content.decode()
    assert "Healthy schools survey" not in public.content.decode()  # not approved


def test_changes_requested_then_resubmitted_and_decided_electronically(sg):
    data_request = sg.data_request
    admin = client_for(sg, "administrator")
    no_notes = admin.post(request_url(sg, "request_decide", data_request),
                          decision_form(1, outcome="changes_requested"))
    assert no_notes.status_code == 400
    assert admin.post(request_url(sg, "request_decide", data_request),
                      decision_form(1, outcome="changes_requested",
                                    notes="Ask primary schools only")).status_code == 302
    data_request.refresh_from_db()
    assert data_request.status == DataRequest.Status.CHANGES_REQUESTED
    author = client_for(sg, "commissioner")
    assert client_for(sg, "board_member").get(
        request_url(sg, "request_resubmit", data_request)).status_code == 403
    response = author.post(request_url(sg, "request_resubmit", data_request),
                           data_request_form(sg, title="Healthy schools survey",
                                             target_group="Primary schools", version="2"))
    assert response.status_code == 302
    data_request.refresh_from_db()
    assert (data_request.status, data_request.target_group) == (
        DataRequest.Status.RESUBMITTED, "Primary schools")
    admin.post(request_url(sg, "request_decide", data_request), decision_form(3))
    decisions = list(data_request.decisions.values_list("outcome", "electronically"))
    assert decisions == [(Decision.Outcome.CHANGES_REQUESTED, False),
                         (Decision.Outcome.APPROVED, True)]
    assert data_request.history.count() == 4  # created, sent back, resubmitted, approved


def test_a_refusal_is_final(sg):
    admin = client_for(sg, "administrator")
    url = request_url(sg, "request_decide", sg.data_request)
    admin.post(url, decision_form(1, outcome="refused", notes="Already collected"))
    sg.data_request.refresh_from_db()
    assert sg.data_request.status == DataRequest.Status.REFUSED
    again = admin.post(url, decision_form(2), follow=True)
    assert "not waiting for a decision" in again.content.decode()
    assert client_for(sg, "commissioner").get(
        request_url(sg, "request_resubmit", sg.data_request)).status_code == 403
    sg.data_request.refresh_from_db()
    assert sg.data_request.status == DataRequest.Status.REFUSED


def test_a_request_duplicating_one_approved_in_the_last_12_months_is_flagged(sg):
    admin = client_for(sg, "administrator")
    admin.post(request_url(sg, "request_decide", sg.data_request),
               decision_form(1, decided_on_2=str(timezone.localdate().year)))
    member = client_for(sg, "commissioner")
    member.post(reverse("safeguarding:request_new", args=[sg.north.slug]),
                data_request_form(sg, target_group="year 6 pupils"))
    again = DataRequest.objects.get(title="Wellbeing survey")
    page = member.get(request_url(sg, "request_detail", again)).content.decode()
    assert "Possible duplicate" in page and "Healthy schools survey" in page
    other_group = DataRequest.objects.filter(pk=again.pk)
    other_group.update(target_group="Year 5 pupils")
    page = member.get(request_url(sg, "request_detail", again)).content.decode()
    assert "Possible duplicate" not in page


def test_the_south_safeguarding_lead_is_a_user_of_south_only(sg):
    assert User.objects.get(username="south_safeguarding_lead").memberships.get().partnership \
        == sg.south


def test_the_update_is_open_to_everyone_unless_the_clerk_marks_its_item_exempt(sg):
    from trust_portal.boards.pack import Audience, pack_entries

    item = add_paper(sg, UPDATE, sg.safeguarding_update.pk)

    def shown(audience):
        entry = next(e for e in pack_entries(sg.meeting, audience) if e.item.pk == item.pk)
        return not entry.withheld and "Agreed an escalation policy" in entry.body

    assert shown(Audience.PUBLIC) and shown(Audience.MEMBERS)
    item.is_exempt = True
    item.save()
    assert shown(Audience.MEMBERS) and not shown(Audience.PUBLIC)


def test_the_admin_refuses_a_delayed_review_without_its_reason_clearly(sg):
    admin = client_for(sg, "administrator")
    url = reverse("admin:safeguarding_review_change", args=[sg.review.pk])
    response = admin.post(url, {"partnership": sg.north.pk, "reference": "QXJ-7",
                                "type": "serious_case", "status": "delayed", "evaluation": "",
                                "actions-TOTAL_FORMS": "0", "actions-INITIAL_FORMS": "0"})
    assert response.status_code == 200
    assert "Say why the review is delayed." in response.content.decode()
    sg.review.refresh_from_db()
    assert sg.review.status == Review.Status.AWAITING_EVALUATION


def test_a_safeguarding_lead_records_actions_checked_for_anonymity_and_flagged_when_late(sg):
    client = client_for(sg, "safeguarding_lead")
    url = reverse("safeguarding:review_action_new", args=[sg.north.slug, sg.review.pk])
    flagged = client.post(url, review_action_form(owner="Jane Smith"))
    assert flagged.status_code == 200 and ">Jane Smith</mark>" in flagged.content.decode()
    assert client.post(url, review_action_form(owner="Head of Safeguarding")).status_code == 302
    action = sg.review.actions.get(owner="Head of Safeguarding")
    assert action.due_on == datetime.date(2010, 2, 1) and action.is_overdue
    assert action.history.first().history_user == sg.users["safeguarding_lead"]
    edit = reverse("safeguarding:review_action_edit", args=[sg.north.slug, sg.review.pk,
                                                            action.pk])
    done = review_action_form(owner="Head of Safeguarding", completed_on_0="3",
                              completed_on_1="2", completed_on_2="2010")
    assert client.post(edit, done).status_code == 302
    action.refresh_from_db()
    assert not action.is_overdue and action.version == 2
    assert client.post(edit, done).status_code == 409  # saved from a stale copy
    page = client.get(reverse("safeguarding:review_detail", args=[sg.north.slug, sg.review.pk]))
    assert page.content.decode().count("govuk-tag--red\">Overdue") == 1  # the wombat action


def test_the_safeguarding_lead_writes_the_update_with_its_history_and_no_silent_overwrite(sg):
    client = client_for(sg, "safeguarding_lead")
    url = reverse("safeguarding:update_edit", args=[sg.north.slug, sg.safeguarding_update.pk])
    assert client.post(url, update_form(sg, recommendations="Endorse")).status_code == 302
    sg.safeguarding_update.refresh_from_db()
    assert sg.safeguarding_update.recommendations == "Endorse"
    assert sg.safeguarding_update.history.first().history_user == sg.users["safeguarding_lead"]
    stale = client.post(url, update_form(sg, recommendations="Note"))
    assert stale.status_code == 409 and "Someone else saved this" in stale.content.decode()
    assert client_for(sg, "board_member").post(url, update_form(sg, version=2)).status_code \
        == 403
    south_period = sg.south.reporting_periods.create(year=2009, quarter=1)
    refused = client.post(url, update_form(sg, version=2, period=south_period.pk))
    assert refused.status_code == 200  # another partnership's quarter is no choice
    sg.safeguarding_update.refresh_from_db()
    assert sg.safeguarding_update.period == sg.period


def test_a_review_download_cannot_run_a_formula_in_a_spreadsheet(sg):
    Review.objects.filter(pk=sg.review.pk).update(lessons='=HYPERLINK("http://x")')
    client = client_for(sg, "safeguarding_lead")
    for url in [reverse("safeguarding:review_download", args=[sg.north.slug, sg.review.pk]),
                reverse("safeguarding:register_download", args=[sg.north.slug])]:
        text = client.get(url).content.decode("utf-8-sig")
        assert "'=HYPERLINK" in text
        assert ',"=HYPERLINK' not in text and ",=HYPERLINK" not in text
