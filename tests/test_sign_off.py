"""Sign-off: performance managers and administrators sign off submitted figures, a period at a
time or one by one, or return one to its officer with a reason, who is emailed; nobody signs
off their own figures; a change after sign-off is signed off again; and every decision is in
the figure's history with who made it and when."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from indicators.models import Actual, Indicator, ReportingPeriod, Target
from indicators.services import (
    ActualEntry,
    ReviewRefused,
    StaleFigures,
    record_actuals,
    return_actual,
    sign_off_actuals,
)
from indicators.signoff import Move, NotAllowed, keeps_review, next_status, review_refusal

from .forms import entry_line, sign_off_form
from .test_actuals_entry import entry_url

S = Actual.Status


@pytest.mark.parametrize(("current", "move", "expected"), [
    (None, Move.SAVE_DRAFT, S.DRAFT),
    (S.DRAFT, Move.SAVE_DRAFT, S.DRAFT),
    (S.SUBMITTED, Move.SAVE_DRAFT, S.DRAFT),
    (S.SIGNED_OFF, Move.SAVE_DRAFT, S.DRAFT),  # a change after sign-off leaves the board
    (S.RETURNED, Move.SAVE_DRAFT, S.RETURNED),  # still returned, its reason shown
    (None, Move.SUBMIT, S.SUBMITTED),
    (S.DRAFT, Move.SUBMIT, S.SUBMITTED),
    (S.SUBMITTED, Move.SUBMIT, S.SUBMITTED),
    (S.SIGNED_OFF, Move.SUBMIT, S.SUBMITTED),  # and is signed off again
    (S.RETURNED, Move.SUBMIT, S.SUBMITTED),
    (S.SUBMITTED, Move.SIGN_OFF, S.SIGNED_OFF),
    (S.SUBMITTED, Move.RETURN, S.RETURNED),
])
def test_the_moves_a_figure_may_make(current, move, expected):
    assert next_status(current, move) == expected


@pytest.mark.parametrize(("current", "move", "why"), [
    (None, Move.SIGN_OFF, "It cannot be signed off: no figure has been recorded."),
    (S.DRAFT, Move.SIGN_OFF, "It cannot be signed off: it is a draft its officer has not "
                             "submitted."),
    (S.SIGNED_OFF, Move.SIGN_OFF, "It cannot be signed off: it is already signed off."),
    (S.RETURNED, Move.SIGN_OFF, "It cannot be signed off: it has been returned to its officer."),
    (None, Move.RETURN, "It cannot be returned: no figure has been recorded."),
    (S.DRAFT, Move.RETURN, "It cannot be returned: it is a draft its officer has not "
                           "submitted."),
    (S.SIGNED_OFF, Move.RETURN, "It cannot be returned: it is already signed off."),
    (S.RETURNED, Move.RETURN, "It cannot be returned: it has been returned to its officer."),
])
def test_the_moves_a_figure_may_not_make(current, move, why):
    with pytest.raises(NotAllowed) as refused:
        next_status(current, move)
    assert str(refused.value) == why


OWN = ("You entered this figure yourself: another performance manager or an administrator "
       "must sign it off or return it.")


@pytest.mark.parametrize(("move", "status", "entered_by", "reviewer", "refusal"), [
    (Move.SIGN_OFF, S.SUBMITTED, 1, 2, None),
    (Move.RETURN, S.SUBMITTED, 1, 2, None),
    (Move.SIGN_OFF, S.SUBMITTED, None, 2, None),  # entered before anyone was recorded
    (Move.SIGN_OFF, S.SUBMITTED, 2, 2, OWN),
    (Move.RETURN, S.SUBMITTED, 2, 2, OWN),
    (Move.SIGN_OFF, S.DRAFT, 1, 2, "It cannot be signed off: it is a draft its officer has "
                                   "not submitted."),
])
def test_who_may_sign_off_or_return_what(move, status, entered_by, reviewer, refusal):
    assert review_refusal(move, status=status, entered_by=entered_by,
                          reviewer=reviewer) == refusal


@pytest.mark.parametrize(("status", "kept"), [
    (S.DRAFT, False), (S.SUBMITTED, False), (S.SIGNED_OFF, False), (S.RETURNED, True)])
def test_only_a_returned_figure_keeps_who_returned_it_and_why(status, kept):
    assert keeps_review(status) is kept


@pytest.fixture
def waiting(world):
    """The world's indicator's figure for 2009/10 Q1, submitted by the performance officer and
    waiting for sign-off."""
    period = ReportingPeriod.objects.named(world.north, "2009/10 Q1", create=True)
    return Actual.objects.create(indicator=world.indicator, period=period, value="6.1",
                                 status=S.SUBMITTED,
                                 entered_by=world.users["performance_officer"])


def now(actual):
    return Actual.objects.get(pk=actual.pk)


def sign_off_url(period):
    return reverse("sign_off_period", args=[period.partnership.slug, period.pk])


# Services


def test_signing_off_records_who_and_when_in_the_figure_and_its_history(world, waiting):
    manager = world.users["performance_manager"]
    assert sign_off_actuals(period=waiting.period,
                            versions={world.indicator.pk: waiting.version},
                            user=manager) == 1
    actual = now(waiting)
    assert (actual.status, actual.reviewed_by, actual.version) == (S.SIGNED_OFF, manager, 2)
    assert actual.reviewed_at is not None
    latest = actual.history.first()
    assert (latest.status, latest.history_user, latest.reviewed_by) == (
        S.SIGNED_OFF, manager, manager)


def test_nobody_signs_off_or_returns_their_own_figure(world, waiting):
    officer = world.users["performance_officer"]  # who entered the waiting figure
    with pytest.raises(ReviewRefused) as refused:
        sign_off_actuals(period=waiting.period,
                         versions={world.indicator.pk: waiting.version}, user=officer)
    assert refused.value.refusals == {world.indicator.pk: OWN}
    with pytest.raises(ReviewRefused):
        return_actual(period=waiting.period, indicator=world.indicator,
                      expected_version=waiting.version, reason="Check it", user=officer)
    assert now(waiting).status == S.SUBMITTED


def test_a_period_is_signed_off_all_or_nothing(world, waiting):
    other = Indicator.objects.create(partnership=world.north, code="NI 117", title="NEET")
    mine = Actual.objects.create(indicator=other, period=waiting.period, value=7,
                                 status=S.SUBMITTED, entered_by=world.users["administrator"])
    with pytest.raises(ReviewRefused):
        sign_off_actuals(period=waiting.period, user=world.users["administrator"],
                         versions={world.indicator.pk: 1, other.pk: mine.version})
    assert set(Actual.objects.filter(period=waiting.period).values_list(
        "status", flat=True)) == {S.SUBMITTED}


def test_a_figure_changed_since_it_was_read_is_not_signed_off(world, waiting):
    Actual.objects.filter(pk=waiting.pk).update(value="6.4", version=2)
    with pytest.raises(StaleFigures) as conflict:
        sign_off_actuals(period=waiting.period, versions={world.indicator.pk: 1},
                         user=world.users["performance_manager"])
    assert conflict.value.current[world.indicator.pk].version == 2
    assert now(waiting).status == S.SUBMITTED


def test_a_figure_not_submitted_is_not_signed_off(world, waiting):
    Actual.objects.filter(pk=waiting.pk).update(status=S.DRAFT)
    with pytest.raises(ReviewRefused) as refused:
        sign_off_actuals(period=waiting.period, versions={world.indicator.pk: 1},
                         user=world.users["performance_manager"])
    assert "it is a draft" in refused.value.refusals[world.indicator.pk]


def test_a_return_needs_a_reason(world, waiting):
    with pytest.raises(ValueError):
        return_actual(period=waiting.period, indicator=world.indicator,
                      expected_version=1, reason="  ", user=world.users["performance_manager"])
    assert now(waiting).status == S.SUBMITTED


def test_a_returned_figure_tells_its_officer_why(world, waiting,
                                                django_capture_on_commit_callbacks):
    world.officer.email = "perry@north.example"
    world.officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        emailed = return_actual(period=waiting.period, indicator=world.indicator,
                                expected_version=1, reason="The Q1 count excludes remands",
                                user=world.users["performance_manager"])
    assert emailed == ["perry@north.example"]
    actual = now(waiting)
    assert (actual.status, actual.return_reason, actual.reviewed_by) == (
        S.RETURNED, "The Q1 count excludes remands", world.users["performance_manager"])
    assert actual.history.first().history_user == world.users["performance_manager"]
    [message] = mail.outbox
    assert message.to == ["perry@north.example"]
    assert "NI 43" in message.subject and "returned" in message.subject
    assert "Dear Perry Performance" in message.body
    assert "The Q1 count excludes remands" in message.body
    assert entry_url(world).replace(str(world.period.pk), str(waiting.period.pk)) \
        in message.body


def test_without_an_address_no_one_is_emailed(world, waiting,
                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        emailed = return_actual(period=waiting.period, indicator=world.indicator,
                                expected_version=1, reason="Check the count",
                                user=world.users["performance_manager"])
    assert emailed == [] and mail.outbox == []


def test_a_returned_figure_is_changed_and_submitted_again(world, waiting):
    officer = world.users["performance_officer"]
    return_actual(period=waiting.period, indicator=world.indicator, expected_version=1,
                  reason="Check the count", user=world.users["performance_manager"])
    line = ActualEntry(indicator=world.indicator, expected_version=2, value=Decimal(6))
    # Submitting the page without changing the line leaves it returned; a draft keeps it too.
    unchanged = ActualEntry(indicator=world.indicator, expected_version=2,
                            value=now(waiting).value)
    assert record_actuals(period=waiting.period, entries=[unchanged], user=officer,
                          submit=True) == 0
    record_actuals(period=waiting.period, entries=[line], user=officer, submit=False)
    actual = now(waiting)
    assert (actual.status, actual.return_reason) == (S.RETURNED, "Check the count")
    line.expected_version = actual.version
    line.value = Decimal(5)
    record_actuals(period=waiting.period, entries=[line], user=officer, submit=True)
    actual = now(waiting)
    assert (actual.status, actual.return_reason, actual.reviewed_by) == (S.SUBMITTED, "", None)


@pytest.mark.parametrize(("submit", "status"), [(True, S.SUBMITTED), (False, S.DRAFT)])
def test_a_change_after_sign_off_is_signed_off_again(world, login, submit, status):
    signed_off = Actual.objects.get(indicator=world.indicator, period=world.period)
    record_actuals(period=world.period, user=world.users["performance_officer"], submit=submit,
                   entries=[ActualEntry(indicator=world.indicator, value=Decimal("4.9"),
                                        expected_version=signed_off.version, data_quality="P")])
    actual = Actual.objects.get(pk=signed_off.pk)
    assert (actual.status, actual.reviewed_by) == (status, None)
    page = login(world.users["board_member"]).get(
        reverse("performance_report", args=[world.north.slug])).content.decode()
    assert "4.9" not in page and "5.3" not in page


def test_a_signed_off_figure_left_as_read_stays_signed_off(world):
    signed_off = Actual.objects.get(indicator=world.indicator, period=world.period)
    entry = ActualEntry(indicator=world.indicator, value=signed_off.value, data_quality="P",
                        expected_version=signed_off.version)
    for submit in (True, False):
        assert record_actuals(period=world.period, entries=[entry], submit=submit,
                              user=world.users["performance_officer"]) == 0
    assert Actual.objects.get(pk=signed_off.pk).status == S.SIGNED_OFF


# The sign-off page


def test_the_page_lists_the_submitted_figures_with_target_rating_and_commentary(
        world, waiting, login):
    Target.objects.create(indicator=world.indicator, period=waiting.period, value=5)
    Actual.objects.filter(pk=waiting.pk).update(context="Three remands in May",
                                                      corrective_action="Review bail support")
    client = login(world.users["performance_manager"])
    page = client.get(sign_off_url(waiting.period)).content.decode()
    assert "Sign off figures for 2009/10 Q1" in page
    assert "NI 43" in page and "6.1%" in page and "5.0%" in page
    assert "Red" in page and "Three remands in May" in page and "Review bail support" in page
    assert "Performance Officer" in page  # who submitted it
    assert f'value="sign_off:{world.indicator.pk}"' in page
    assert f'value="return:{world.indicator.pk}"' in page


def test_without_a_period_the_page_opens_the_newest_with_figures_waiting(world, waiting,
                                                                         login):
    page = login(world.users["performance_manager"]).get(
        reverse("sign_off", args=[world.north.slug])).content.decode()
    assert "Sign off figures for 2009/10 Q1" in page


def test_with_nothing_waiting_the_page_says_so(world, login):
    response = login(world.users["performance_manager"]).get(
        reverse("sign_off", args=[world.north.slug]))
    assert response.status_code == 200
    assert "None: every submitted figure has been signed off or returned" in \
        response.content.decode()


def test_a_manager_signs_off_the_whole_period_in_one_submit(world, waiting, login):
    other = Indicator.objects.create(partnership=world.north, code="NI 117", title="NEET")
    Actual.objects.create(indicator=other, period=waiting.period, value=7,
                          status=S.SUBMITTED)
    client = login(world.users["performance_manager"])
    actuals = Actual.objects.filter(period=waiting.period)
    response = client.post(sign_off_url(waiting.period), sign_off_form(actuals, "sign_off:all"),
                           follow=True)
    assert "2 figures signed off: the board now reads them" in response.content.decode()
    assert set(actuals.values_list("status", flat=True)) == {S.SIGNED_OFF}
    assert set(actuals.values_list("reviewed_by", flat=True)) == {
        world.users["performance_manager"].pk}


def test_signing_off_all_leaves_out_the_reviewers_own_figures(world, waiting, login):
    other = Indicator.objects.create(partnership=world.north, code="NI 117", title="NEET")
    Actual.objects.create(indicator=other, period=waiting.period, value=7,
                          status=S.SUBMITTED, entered_by=world.users["administrator"])
    client = login(world.users["administrator"])
    page = client.get(sign_off_url(waiting.period)).content.decode()
    assert "You entered this figure yourself" in page
    assert f'value="sign_off:{other.pk}"' not in page
    actuals = Actual.objects.filter(period=waiting.period)
    client.post(sign_off_url(waiting.period), sign_off_form(actuals, "sign_off:all"))
    assert dict(actuals.values_list("indicator__code", "status")) == {
        "NI 43": S.SIGNED_OFF, "NI 117": S.SUBMITTED}


def test_a_manager_signs_off_one_figure(world, waiting, login):
    other = Indicator.objects.create(partnership=world.north, code="NI 117", title="NEET")
    Actual.objects.create(indicator=other, period=waiting.period, value=7,
                          status=S.SUBMITTED)
    actuals = Actual.objects.filter(period=waiting.period)
    response = login(world.users["performance_manager"]).post(
        sign_off_url(waiting.period), sign_off_form(actuals, f"sign_off:{other.pk}"))
    assert response.status_code == 302
    assert dict(actuals.values_list("indicator__code", "status")) == {
        "NI 43": S.SUBMITTED, "NI 117": S.SIGNED_OFF}


def test_signing_off_ones_own_figure_is_refused_with_a_clear_message(world, waiting, login):
    Actual.objects.filter(pk=waiting.pk).update(
        entered_by=world.users["performance_manager"])
    response = login(world.users["performance_manager"]).post(
        sign_off_url(waiting.period), sign_off_form([waiting], f"sign_off:{world.indicator.pk}"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "There is a problem" in page and "Nothing has been signed off or returned" in page
    assert "NI 43: You entered this figure yourself" in page
    assert now(waiting).status == S.SUBMITTED


def test_a_manager_returns_a_figure_with_a_reason_and_its_officer_is_emailed(
        world, waiting, login, django_capture_on_commit_callbacks):
    world.users["performance_officer"].email = "officer@north.example"
    world.users["performance_officer"].save()
    client = login(world.users["performance_manager"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sign_off_url(waiting.period), sign_off_form(
            [waiting], f"return:{world.indicator.pk}",
            **{f"reason-{world.indicator.pk}": "Q1 excludes the remands"}), follow=True)
    assert "NI 43 returned to its officer: its officer has been emailed the reason" in \
        response.content.decode()
    actual = now(waiting)
    assert (actual.status, actual.return_reason) == (S.RETURNED, "Q1 excludes the remands")
    [message] = mail.outbox
    assert message.to == ["officer@north.example"]
    assert "Q1 excludes the remands" in message.body
    # The officer finds the reason on the entry page, beside the figure.
    entry = login(world.users["performance_officer"]).get(reverse(
        "actuals_entry", args=[world.north.slug, waiting.period.pk])).content.decode()
    assert ">Returned</strong>" in entry and "Q1 excludes the remands" in entry
    assert "Returned by Performance Manager" in entry


def test_a_return_without_a_reason_is_refused_on_the_page(world, waiting, login):
    response = login(world.users["performance_manager"]).post(
        sign_off_url(waiting.period), sign_off_form([waiting], f"return:{world.indicator.pk}"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter why you are returning this figure" in page
    assert f'href="#reason-{world.indicator.pk}"' in page
    assert now(waiting).status == S.SUBMITTED and mail.outbox == []


def test_a_figure_changed_meanwhile_is_shown_and_nothing_is_written(world, waiting, login):
    other = Indicator.objects.create(partnership=world.north, code="NI 117", title="NEET")
    Actual.objects.create(indicator=other, period=waiting.period, value=7,
                          status=S.SUBMITTED)
    read = list(Actual.objects.filter(period=waiting.period))
    # The officer corrects NI 43 after the manager opened the page.
    record_actuals(period=waiting.period, submit=True,
                   user=world.users["performance_officer"],
                   entries=[ActualEntry(indicator=world.indicator, value=Decimal("6.4"),
                                        expected_version=1)])
    response = login(world.users["performance_manager"]).post(
        sign_off_url(waiting.period), sign_off_form(read, "sign_off:all"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed some of these figures while you were reviewing them" in page
    assert "NI 43 Young people sentenced to custody</a>: now submitted" in page
    assert "6.4%" in page  # the figure as it is now, to decide on again
    assert set(Actual.objects.filter(period=waiting.period).values_list(
        "status", flat=True)) == {S.SUBMITTED}


def test_a_posted_version_that_is_not_a_number_is_no_error(world, waiting, login):
    response = login(world.users["performance_manager"]).post(sign_off_url(waiting.period), {
        "decision": f"sign_off:{world.indicator.pk}", f"version-{world.indicator.pk}": "x"})
    assert response.status_code == 302
    assert now(waiting).status == S.SUBMITTED


@pytest.mark.parametrize("decision", ["sign_off:nonsense", "return:nonsense", "", "other:1"])
def test_a_decision_on_no_figure_signs_off_nothing(world, waiting, login, decision):
    response = login(world.users["performance_manager"]).post(
        sign_off_url(waiting.period), sign_off_form([waiting], decision))
    assert response.status_code == 302
    assert now(waiting).status == S.SUBMITTED


def test_signing_off_reaches_the_cached_report_at_once(world, waiting, login):
    board = login(world.users["board_member"])
    url = reverse("performance_report_period", args=[world.north.slug, waiting.period.pk])
    assert "6.1%" not in board.get(url).content.decode()  # cached now, without the figure
    sign_off_actuals(period=waiting.period, versions={world.indicator.pk: 1},
                     user=world.users["performance_manager"])
    assert "6.1%" in board.get(url).content.decode()


def test_returning_reaches_the_cached_report_at_once(world, waiting, login):
    manager = login(world.users["performance_manager"])
    url = reverse("performance_report_period", args=[world.north.slug, waiting.period.pk])
    assert "is submitted and not shown until signed off" in manager.get(url).content.decode()
    return_actual(period=waiting.period, indicator=world.indicator, expected_version=1,
                  reason="Check it", user=world.users["administrator"])
    page = manager.get(url).content.decode()
    assert "was returned to its officer and not shown" in page
    assert "until signed off" not in page


def test_the_report_and_entry_page_link_managers_to_sign_off(world, waiting, login):
    url = reverse("performance_report_period", args=[world.north.slug, waiting.period.pk])
    for persona, offered in [("performance_manager", True), ("administrator", True),
                             ("performance_officer", False), ("board_member", False)]:
        page = login(world.users[persona]).get(url).content.decode()
        assert (f'href="{sign_off_url(waiting.period)}"' in page) is offered, persona
    entry = login(world.users["administrator"]).get(entry_url(world)).content.decode()
    assert f'href="{sign_off_url(world.period)}"' in entry


@pytest.mark.parametrize(("persona", "offered"), [
    ("performance_manager", True), ("administrator", True), ("performance_officer", False),
    ("board_member", False)])
def test_the_menu_offers_sign_off_to_managers(world, login, persona, offered):
    response = login(world.users[persona]).get(
        reverse("partnership_home", args=[world.north.slug]))
    assert ("Sign off figures" in [label for label, _ in response.context["menu"]]) is offered


def test_the_indicator_page_history_shows_who_signed_off(world, waiting, login):
    sign_off_actuals(period=waiting.period, versions={world.indicator.pk: 1},
                     user=world.users["performance_manager"])
    page = login(world.users["board_member"]).get(
        reverse("indicator_detail", args=[world.north.slug, world.indicator.pk])).content.decode()
    history = page.split('<h2 class="govuk-heading-l">History')[1]
    # The board reads the figure from its sign-off: who signed it off, and when.
    assert "Performance Manager</td>" in history and "Signed off" in history
    officer = login(world.users["performance_officer"]).get(
        reverse("indicator_detail", args=[world.north.slug, world.indicator.pk])).content.decode()
    assert "Status: <del>Submitted</del> → <ins>Signed off</ins>" in officer


def test_an_entry_submit_then_sign_off_reaches_the_board(world, login):
    """The whole way: an officer submits on the entry page, a manager signs it off."""
    officer = login(world.users["performance_officer"])
    officer.post(entry_url(world), {"action": "submit", **entry_line(
        world.indicator, Actual.objects.get(indicator=world.indicator,
                                            period=world.period).version,
        value="4.8", data_quality="A")})
    actual = Actual.objects.get(indicator=world.indicator, period=world.period)
    assert actual.status == S.SUBMITTED
    manager = login(world.users["performance_manager"])
    manager.post(sign_off_url(world.period), sign_off_form([actual], "sign_off:all"))
    page = manager.get(reverse("performance_report_period",
                               args=[world.north.slug, world.period.pk])).content.decode()
    assert "4.8%" in page



def test_the_administration_offers_no_way_round_sign_off():
    """An actual's figures and status change only on the entry page, by upload and on the
    sign-off page, which keep the rules: no administration page edits an actual."""
    from trust_portal.core.admin import portal_admin_site

    assert Actual not in portal_admin_site._registry
    assert Actual not in {inline.model for model_admin in portal_admin_site._registry.values()
                          for inline in model_admin.inlines}
