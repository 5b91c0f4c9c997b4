import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_http_methods

from trust_portal.core.access import partnership_view
from trust_portal.core.models import Role

from . import report_cache
from .charts import Point, trend_chart
from .exports import report_download
from .forms import ActualEntryForm
from .models import Actual, Indicator, ReportingPeriod
from .performance import (
    default_period,
    drafts_held_back,
    report_as_asked,
    reporting_periods,
)
from .reads import (
    drafts_held,
    entry_standings,
    indicator_changes,
    indicator_series,
    indicators_to_enter,
)
from .reminders import outstanding
from .services import ActualEntry, StaleFigures, can_enter_actuals, record_actuals


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
    # The figures are the submitted ones, the same whoever reads them, so one cached copy
    # serves every role; what differs by role (the drafts held back) stays out of it.
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()
    figures = report_cache.cached(
        access.partnership, f"report:{period.pk}:{query}",
        lambda: render_to_string("indicators/_performance_figures.html",
                                 report_as_asked(period, request.GET), request))
    can_enter = access.acts_as(Role.PERFORMANCE_OFFICER)
    drafts = report_cache.cached(access.partnership, f"drafts:{period.pk}",
                                 lambda: drafts_held_back(period)) if can_enter else 0
    return render(request, "indicators/performance_report.html", {
        "period": period, "periods": periods, "figures": figures,
        "can_enter": can_enter, "drafts": drafts,
    })


@require_GET
@partnership_view
def indicator_detail(request, access, pk):
    indicator = get_object_or_404(
        Indicator.objects.filter(partnership=access.partnership).prefetch_related(
            "priorities", "responsible_officers"),
        pk=pk,
    )
    can_enter = access.acts_as(Role.PERFORMANCE_OFFICER)
    series = indicator_series(indicator)
    # Officers are told which drafts are held back; the board reads no draft, nor its history.
    drafts = drafts_held(indicator) if can_enter else []
    chart = trend_chart([
        Point(label=row["period"].name,
              target=row["target"].value if row["target"] else None,
              actual=row["actual"].value if row["actual"] else None,
              data_quality=row["actual"].data_quality if row["actual"] else "A")
        for row in series
    ])
    changes = indicator_changes(indicator, with_drafts=can_enter)
    return render(request, "indicators/indicator_detail.html", {
        "indicator": indicator, "series": series, "chart": chart,
        "changes": changes, "drafts": drafts,
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
