import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_http_methods

from trust_portal.core.access import partnership_view
from trust_portal.core.models import Role

from . import report_cache
from .charts import Point, trend_chart
from .exports import report_download
from .figures import clean_text
from .forms import ActualEntryForm, posted_versions
from .models import Actual, Indicator, ReportingPeriod
from .performance import (
    default_period,
    held_back,
    report_as_asked,
    reporting_periods,
    status_counts,
)
from .reads import (
    entry_standings,
    figures_changed_meanwhile,
    figures_held_back,
    indicator_changes,
    indicator_series,
    indicators_to_enter,
    periods_to_sign_off,
    sign_off_standings,
)
from .reminders import outstanding
from .services import (
    ActualEntry,
    ReviewRefused,
    StaleFigures,
    can_enter_actuals,
    can_sign_off,
    record_actuals,
    return_actual,
    sign_off_actuals,
)
from .signoff import Move


@require_GET
@partnership_view
def performance_report(request, access, period_pk=None):
    periods = report_cache.cached(access.partnership, "quarters",
                                  lambda: list(reporting_periods(access.partnership)))
    if period_pk is None:
        period = default_period(periods)
    else:  # one of the quarters listed, or another of the partnership's periods
        period = next((p for p in periods if p.pk == period_pk), None) or get_object_or_404(
            ReportingPeriod, partnership=access.partnership, pk=period_pk)
    if period is None:
        return render(request, "indicators/no_periods.html")
    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        rows = report_as_asked(period, request.GET)["rows"]
        return report_download(access.partnership, period, rows, export)
    # The figures are the signed-off ones, the same whoever reads them, so one cached copy
    # serves every role; what differs by role (the figures held back) stays out of it.
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()
    figures = report_cache.cached(
        access.partnership, f"report:{period.pk}:{query}",
        lambda: render_to_string("indicators/_performance_figures.html",
                                 report_as_asked(period, request.GET), request))
    can_enter, signs_off = access.acts_as(Role.PERFORMANCE_OFFICER), can_sign_off(access)
    held = report_cache.cached(access.partnership, f"held:{period.pk}",
                               lambda: held_back(period)) if can_enter or signs_off else {}
    return render(request, "indicators/performance_report.html", {
        "period": period, "periods": periods, "figures": figures,
        "can_enter": can_enter, "can_sign_off": signs_off, "held": held,
    })


@require_GET
@partnership_view
def indicator_detail(request, access, pk):
    indicator = get_object_or_404(
        Indicator.objects.filter(partnership=access.partnership).prefetch_related(
            "priorities", "responsible_officers"),
        pk=pk,
    )
    # Officers and managers are shown the figures held back, each with its state; the board
    # reads only signed-off figures, and only their history.
    sees_all = access.acts_as(Role.PERFORMANCE_OFFICER, Role.PERFORMANCE_MANAGER)
    series = indicator_series(indicator)
    held = figures_held_back(indicator) if sees_all else []
    chart = trend_chart([
        Point(label=row["period"].name,
              target=row["target"].value if row["target"] else None,
              actual=row["actual"].value if row["actual"] else None,
              data_quality=row["actual"].data_quality if row["actual"] else "A")
        for row in series
    ])
    changes = indicator_changes(indicator, with_drafts=sees_all)
    return render(request, "indicators/indicator_detail.html", {
        "indicator": indicator, "series": series, "chart": chart,
        "changes": changes, "held": held, "can_enter": access.acts_as(Role.PERFORMANCE_OFFICER),
        "can_sign_off": can_sign_off(access),
    })


@require_http_methods(["GET", "POST"])
@partnership_view
def actuals_entry(request, access, period_pk):
    access.require_role(Role.PERFORMANCE_OFFICER)
    period = get_object_or_404(ReportingPeriod, partnership=access.partnership, pk=period_pk)
    editable = can_enter_actuals(access, period)
    indicators, showing_all = indicators_to_enter(access, request.GET.get("all") == "1")
    rows = entry_standings(period, indicators)
    submitting = request.POST.get("action") == "submit"
    data = request.POST if request.method == "POST" else None
    forms = [ActualEntryForm(data, standing=row, submitting=submitting) for row in rows]
    stale = {}
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("This period is closed: only administrators may change its "
                                   "figures.")
        if all(form.is_valid() for form in forms):
            entries = [ActualEntry(indicator=form.standing.indicator,
                                   expected_version=form.cleaned_data["version"],
                                   **{field: form.cleaned_data[field]
                                      for field in Actual.CONTENT_FIELDS})
                       for form in forms if form.has_content() or form.standing.actual]
            try:
                saved = record_actuals(period=period, entries=entries, user=request.user,
                                       submit=submitting)
            except StaleFigures as conflict:
                stale = conflict.current
                rows, forms = _after_conflict(period, indicators, request.POST, submitting,
                                              conflict)
            else:
                verb = "submitted" if submitting else "saved as draft"
                messages.success(request, f"{saved} actual{'s' if saved != 1 else ''} {verb}")
                return redirect(request.get_full_path())
    errors = [(form, field, error) for form in forms for field, field_errors in
              form.errors.items() for error in field_errors]
    return render(request, "indicators/actuals_entry.html", {
        "period": period, "lines": list(zip(rows, forms, strict=True)),
        "editable": editable, "showing_all": showing_all, "errors": errors, "stale": stale,
        "can_sign_off": can_sign_off(access),
    }, status=409 if stale else 200)


def _after_conflict(period, indicators, posted, submitting, conflict):
    """The entry page again after a conflict, read afresh. The lines the officer changed keep
    what they typed, to be saved against what is saved now; every other line shows what is
    saved now, so the next save cannot carry figures they read before back over it."""
    rows = entry_standings(period, indicators)
    changed = conflict.changed if conflict.changed is not None else set(conflict.current)
    data = posted.copy()
    for row in rows:
        data[f"i{row.indicator.pk}-version"] = row.actual.version if row.actual else 0
    forms = [ActualEntryForm(data if row.indicator.pk in changed else None, standing=row,
                             submitting=submitting) for row in rows]
    return rows, forms


@require_GET
@partnership_view
def outstanding_actuals(request, access, period_pk):
    """For administrators: who has not submitted this period's actuals yet."""
    access.require_administrator()
    period = get_object_or_404(ReportingPeriod, partnership=access.partnership, pk=period_pk)
    officers, unowned = outstanding(period)
    return render(request, "indicators/outstanding.html", {
        "period": period, "officers": officers, "unowned": unowned,
    })


@require_http_methods(["GET", "POST"])
@partnership_view
def sign_off(request, access, period_pk=None):
    """For performance managers and administrators: a period's submitted figures, to sign off
    all at once or one by one, or to return one to its officer with the reason why."""
    access.require_role(Role.PERFORMANCE_MANAGER)
    waiting = list(periods_to_sign_off(access.partnership))
    if period_pk is not None:
        period = get_object_or_404(ReportingPeriod, partnership=access.partnership, pk=period_pk)
    else:
        period = waiting[0] if waiting else None
    problems, stale, status = {}, [], 200
    if request.method == "POST" and period is not None:
        move, _, which = request.POST.get("decision", "").partition(":")
        versions = posted_versions(request.POST)
        try:
            if move == Move.RETURN:
                problems, done = _return(request, period, versions, which)
            elif move == Move.SIGN_OFF:
                done = _sign_off(request, period, versions, which)
            else:
                messages.info(request, "Choose a figure to sign off or return: nothing was "
                                       "signed off or returned")
                done = True
        except StaleFigures as conflict:
            stale, status = figures_changed_meanwhile(conflict.current), 409
        except ReviewRefused as refused:
            problems, status = refused.refusals, 403
        else:
            if done:
                return redirect(request.get_full_path())
    lines = sign_off_standings(period) if period else []
    mine = {row.indicator.pk for row in lines if row.actual.entered_by_id == request.user.pk}
    return render(request, "indicators/sign_off.html", {
        "period": period, "waiting": waiting, "lines": lines, "mine": mine,
        "signable": len(lines) - len(mine), "counts": status_counts(period) if period else {},
        "problems": problems, "stale": stale, "reasons": {
            row.indicator.pk: request.POST.get(f"reason-{row.indicator.pk}", "")
            for row in lines},
    }, status=status)


def _sign_off(request, period, versions, which):
    """Sign off the line `which` (an indicator's pk), or "all" the lines read but the
    reviewer's own; True once done."""
    everything = which == "all"
    chosen = versions if everything else {
        pk: version for pk, version in versions.items() if str(pk) == which}
    count = sign_off_actuals(period=period, versions=chosen, user=request.user,
                             leave_own=everything) if chosen else 0
    if count:
        messages.success(request, f"{count} figure{pluralize(count)} signed off: the board "
                                  f"now reads {pluralize(count, 'it,them')}")
    else:
        messages.info(request, "There were no figures you may sign off: nothing was signed off")
    return True


def _return(request, period, versions, which):
    """Return the line `which` to its officer, with the reason given: ({}, True) once done,
    or ({indicator pk: what is missing}, False)."""
    pk = int(which) if which.isdigit() else None
    if pk not in versions:
        messages.info(request, "That figure is no longer waiting for sign-off: nothing was "
                               "returned")
        return {}, True
    reason = clean_text(request.POST.get(f"reason-{pk}", "")).strip()
    if not reason:
        return {pk: "Enter why you are returning this figure: its officer is told"}, False
    indicator = get_object_or_404(Indicator, partnership=period.partnership, pk=pk)
    emailed = return_actual(period=period, indicator=indicator, expected_version=versions[pk],
                            reason=reason, user=request.user)
    told = ("its officer has been emailed the reason" if emailed else
            "no email address is held for its officer, so tell them yourself")
    messages.success(request, f"{indicator.code} returned to its officer: {told}")
    return {}, True

