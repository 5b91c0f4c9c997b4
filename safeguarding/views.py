
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_tables2 import RequestConfig

from indicators.exports import csv_response
from indicators.performance import table_columns
from trust_portal.core.access import partnership_view
from trust_portal.core.concurrency import StaleEdit
from trust_portal.core.history import describe_changes
from trust_portal.core.models import Partnership, Role

from . import reads
from .forms import (
    SIGNATURE,
    DataRequestForm,
    DecisionForm,
    ReviewActionForm,
    ReviewForm,
    UpdateForm,
)
from .models import (
    DataRequest,
    Review,
    ReviewAction,
    ReviewRead,
    SafeguardingUpdate,
    StarChamber,
)
from .services import (
    DecisionRefused,
    decide,
    duplicates_of,
    put_summary_in_paper,
    record_read,
    record_reads,
    resubmit_request,
    save_review,
    save_review_action,
    save_update,
    submit_request,
)
from .star_chamber import TEMPLATE_QUESTIONS
from .tables import ReadLogTable
from .wall import behind_wall, get_review, reviews_of

READS_PER_PAGE = 100

# LSCB updates: the board's to read, every member's.


@require_GET
@partnership_view
def update_list(request, access):
    return render(request, "safeguarding/update_list.html", {
        "updates": reads.updates_of(access.partnership)})


@require_GET
@partnership_view
def update_detail(request, access, pk):
    update = get_object_or_404(reads.updates_of(access.partnership), pk=pk)
    return render(request, "safeguarding/update_detail.html", {
        "update": update, "rows": reads.child_protection_figures(update),
        "columns": table_columns(),
        "changes": describe_changes(update.history.select_related("history_user"),
                                    type(update)),
    })


@require_http_methods(["GET", "POST"])
@partnership_view
def update_edit(request, access, pk=None):
    access.require_role(Role.SAFEGUARDING_LEAD)
    update = (get_object_or_404(reads.updates_of(access.partnership), pk=pk) if pk
              else SafeguardingUpdate(partnership=access.partnership))
    form = UpdateForm(request.POST or None, instance=update)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            update = save_update(update=form.save(commit=False), user=request.user,
                                 expected_version=form.cleaned_data["version"])
        except StaleEdit as stale:
            conflict = stale.current
        else:
            messages.success(request, "Update saved")
            return redirect(update)
    return render(request, "safeguarding/update_form.html", {
        "update": update, "form": form, "conflict": conflict,
    }, status=409 if conflict else 200)


# The review register, behind the wall (see wall.py).


@behind_wall
@require_GET
def review_list(request, access):
    reviews = reviews_of(access)
    status = request.GET.get("status", "")
    shown = reviews.filter(status=status) if status in Review.Status.values else reviews
    return render(request, "safeguarding/review_list.html", {
        "reviews": reads.register(shown),
        "status_counts": reads.status_counts(reviews), "status": status,
    })


@behind_wall
@require_GET
def review_detail(request, access, pk):
    review = reads.review_with_actions(reviews_of(access), pk)
    if review is None:
        raise Http404
    record_read(review=review, user=request.user, what=ReviewRead.What.VIEWED)
    return render(request, "safeguarding/review_detail.html", {
        "review": review, "today": timezone.localdate(),
        "changes": describe_changes(review.history.select_related("history_user"), Review,
                                    display=_review_display),
    })


def _review_display(field_name, value):
    choices = {"status": Review.Status, "type": Review.Type, "evaluation": Review.Evaluation}
    if field_name in choices and value:
        return choices[field_name](value).label
    return value


def _cell(review, name):
    """A field as the review page shows it: a choice by its label."""
    display = getattr(review, f"get_{name}_display", None)
    return (display() if display else getattr(review, name)) or ""


def _csv_response(filename, reviews):
    """The reviews as the portal's other downloads write them: a text that a spreadsheet would
    run as a formula is kept as text (exports.csv_response)."""
    return csv_response(filename, [Review._meta.get_field(name).verbose_name
                                   for name in Review.RECORDED],
                        ([_cell(review, name) for name in Review.RECORDED] for review in reviews))


@behind_wall
@require_GET
def review_download(request, access, pk):
    review = get_review(access, pk)
    record_read(review=review, user=request.user, what=ReviewRead.What.DOWNLOADED)
    return _csv_response(f"review-{review.pk}", [review])


@behind_wall
@require_GET
def register_download(request, access):
    reviews = list(reviews_of(access))
    record_reads(reviews=reviews, user=request.user, what=ReviewRead.What.DOWNLOADED)
    return _csv_response("review-register", reviews)


@behind_wall
@require_http_methods(["GET", "POST"])
def review_edit(request, access, pk=None):
    review = get_review(access, pk) if pk else Review(partnership=access.partnership)
    if pk and request.method == "GET":  # the form shows the review: a view like any other
        record_read(review=review, user=request.user, what=ReviewRead.What.VIEWED)
    conflict = None
    form = ReviewForm(request.POST or None, instance=review)
    if request.method == "POST" and form.is_valid():
        try:
            review = save_review(review=form.save(commit=False), user=request.user,
                                 expected_version=form.cleaned_data["version"])
        except StaleEdit as stale:
            conflict = stale.current
        else:
            messages.success(request, "Review saved")
            return redirect(review)
    return render(request, "safeguarding/review_edit.html", {
        "review": review, "form": form, "conflict": conflict,
        "signature_field": SIGNATURE,
    }, status=409 if conflict else 200)


@behind_wall
@require_http_methods(["GET", "POST"])
def review_action_edit(request, access, pk, action_pk=None):
    review = get_review(access, pk)
    action = (get_object_or_404(review.actions, pk=action_pk) if action_pk
              else ReviewAction(review=review))
    if request.method == "GET":  # the page shows the review's reference and the action
        record_read(review=review, user=request.user, what=ReviewRead.What.VIEWED)
    conflict = None
    form = ReviewActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        try:
            save_review_action(action=form.save(commit=False), user=request.user,
                               expected_version=form.cleaned_data["version"])
        except StaleEdit as stale:
            conflict = stale.current
        else:
            messages.success(request, "Action saved")
            return redirect(review)
    return render(request, "safeguarding/review_action_edit.html", {
        "review": review, "action": action, "form": form,
        "conflict": conflict, "signature_field": SIGNATURE,
    }, status=409 if conflict else 200)


@behind_wall
@require_POST
def review_summary_paper(request, access, pk):
    """A safeguarding lead puts a review's published executive summary into a board paper:
    the one way anything of the register reaches a paper."""
    if not access.has_role(Role.SAFEGUARDING_LEAD):
        raise PermissionDenied
    review = get_review(access, pk)
    if not review.summary_is_published:
        messages.error(request, "Only a published executive summary can go into a paper.")
        return redirect(review)
    paper = put_summary_in_paper(review=review, user=request.user)
    messages.success(request, f"The executive summary is in the paper “{paper.title}”: the "
                              "clerk can now put it on a meeting's agenda.")
    return redirect(review)


@behind_wall
@require_GET
def read_log(request, access):
    table = ReadLogTable(ReviewRead.objects.filter(partnership=access.partnership)
                         .select_related("review", "partnership"))
    RequestConfig(request, paginate={"per_page": READS_PER_PAGE}).configure(table)
    return render(request, "safeguarding/read_log.html", {"table": table})


# The Star Chamber: requests for data from schools.


def _star_chamber(partnership):
    return StarChamber.objects.filter(partnership=partnership).first()


@require_GET
@partnership_view
def request_list(request, access):
    return render(request, "safeguarding/request_list.html", {
        "requests": reads.requests_of(access.partnership),
        "questions": TEMPLATE_QUESTIONS, "star_chamber": _star_chamber(access.partnership),
    })


@require_http_methods(["GET", "POST"])
@partnership_view
def request_new(request, access):
    if _star_chamber(access.partnership) is None:
        messages.error(request, "The board has not established a Star Chamber: there is "
                                "nobody to decide a request yet.")
        return redirect("safeguarding:request_list", access.partnership.slug)
    form = DataRequestForm(request.POST or None, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        data_request = submit_request(data_request=form.save(commit=False), user=request.user)
        messages.success(request, "Request submitted to the Star Chamber")
        return redirect(data_request)
    return render(request, "safeguarding/request_form.html", {
        "form": form, "heading": "Request data from schools"})


def _data_request(access, pk):
    return get_object_or_404(reads.requests_of(access.partnership), pk=pk)


def can_decide(access):
    return access.is_administrator


@require_GET
@partnership_view
def request_detail(request, access, pk):
    data_request = _data_request(access, pk)
    return _request_page(request, access, data_request,
                         DecisionForm(initial={"version": data_request.version,
                                               "decided_on": timezone.localdate()}))


def _request_page(request, access, data_request, decision_form, status=200):
    return render(request, "safeguarding/request_detail.html", {
        "data_request": data_request,
        "decisions": data_request.decisions.select_related("decided_by"),
        "duplicates": duplicates_of(data_request),
        "star_chamber": _star_chamber(access.partnership),
        "can_decide": can_decide(access) and data_request.awaits_decision,
        "can_resubmit": data_request.status == DataRequest.Status.CHANGES_REQUESTED
        and (can_decide(access) or data_request.submitted_by_id == request.user.pk),
        "decision_form": decision_form,
    }, status=status)


@require_POST
@partnership_view
def request_decide(request, access, pk):
    access.require_administrator()  # who record the Star Chamber's decisions
    data_request = _data_request(access, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decide(data_request=data_request, user=request.user, outcome=data["outcome"],
                   decided_on=data["decided_on"], notes=data["notes"],
                   expected_version=data["version"])
        except (DecisionRefused, StaleEdit) as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, "Decision recorded")
        return redirect(data_request)
    return _request_page(request, access, data_request, form, status=400)


@require_http_methods(["GET", "POST"])
@partnership_view
def request_resubmit(request, access, pk):
    data_request = _data_request(access, pk)
    if data_request.status != DataRequest.Status.CHANGES_REQUESTED or not (
            can_decide(access) or data_request.submitted_by_id == request.user.pk):
        raise PermissionDenied
    form = DataRequestForm(request.POST or None, instance=data_request,
                           partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        try:
            resubmit_request(data_request=form.save(commit=False), user=request.user,
                             expected_version=form.cleaned_data["version"])
        except StaleEdit as stale:
            messages.error(request, str(stale))
        else:
            messages.success(request, "Request resubmitted: the Star Chamber will consider it "
                                      "electronically")
        return redirect(data_request)
    return render(request, "safeguarding/request_form.html", {
        "form": form, "data_request": data_request,
        "heading": "Resubmit with the changes asked for"})


@login_not_required
@require_GET
def approved_requests(request, slug):
    """The requests schools have been told are approved: open to schools' contacts without a
    login, as the Star Chamber published them on the schools' intranet."""
    partnership = get_object_or_404(Partnership, slug=slug)
    return render(request, "safeguarding/approved_requests.html", {
        "partnership": partnership,
        "requests": reads.requests_of(partnership).approved().order_by("-approved_on"),
    })
