import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_http_methods

from trust_portal.core.access import partnership_view
from trust_portal.core.history import describe_changes
from trust_portal.core.models import Role

from . import rag, report_cache
from .charts import Point, trend_chart
from .exports import csv_response, xlsx_response
from .filters import ReportFilterForm
from .forms import ActualEntryForm
from .models import Actual, Indicator, ReportingPeriod, Target
from .performance import (
    drafts_held_back,
    natural_key,
    published,
    report,
    standings,
    table_columns,
)
from .reminders import outstanding
from .services import ActualEntry, StaleFigures, can_enter_actuals, record_actuals

SORTS = {
    "code": lambda row: natural_key(row.indicator.code),
    "title": lambda row: row.indicator.title.lower(),
    "rating": lambda row: list(rag.Rating.values).index(row.rating.outcome),
    "direction": lambda row: list(rag.Direction.values).index(row.direction.outcome),
}
EXPORT_HEADER = ["indicator", "title", "period", "target", "actual", "data_quality",
                 "forecast", "rating", "direction", "context", "corrective_action"]


def reporting_periods(partnership):
    """The partnership's quarters, newest first, each marked with whether it has submitted
    actuals, the ones the report shows."""
    return ReportingPeriod.objects.filter(
        partnership=partnership, kind=ReportingPeriod.Kind.QUARTER
    ).annotate(
        has_actuals=Exists(published(Actual.objects.filter(period=OuterRef("pk"))))
    ).order_by("-year", "-quarter")


def default_period(periods):
    return next((p for p in periods if p.has_actuals), periods[0] if periods else None)


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
        rows = report_as_asked(request, period)["rows"]
        return export_rows(access.partnership, period, rows, export)
    # The figures are the submitted ones, the same whoever reads them, so one cached copy
    # serves every role; what differs by role (the drafts held back) stays out of it.
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()
    figures = report_cache.cached(
        access.partnership, f"report:{period.pk}:{query}",
        lambda: render_to_string("indicators/_performance_figures.html",
                                 report_as_asked(request, period), request))
    can_enter = access.has_role(Role.PERFORMANCE_OFFICER, Role.ADMINISTRATOR)
    drafts = report_cache.cached(access.partnership, f"drafts:{period.pk}",
                                 lambda: drafts_held_back(period)) if can_enter else 0
    return render(request, "indicators/performance_report.html", {
        "period": period, "periods": periods, "figures": figures,
        "can_enter": can_enter, "drafts": drafts,
    })


def report_as_asked(request, period):
    """The period's report with its table filtered and sorted as the query string asks."""
    data = report(period)
    filter_form = ReportFilterForm(request.GET or None, rows=data["rows"])
    sort = request.GET.get("sort", "code")
    key = SORTS.get(sort.lstrip("-"), SORTS["code"])
    rows = sorted(filter_form.apply(data["rows"]), key=key, reverse=sort.startswith("-"))
    return {"report": data, "rows": rows, "filter_form": filter_form,
            "columns": table_columns(sort)}


def export_rows(partnership, period, rows, export):
    lines = [[
        row.indicator.code, row.indicator.title, period.name,
        row.target.value if row.target else None, row.value,
        row.actual.data_quality if row.actual else "",
        row.actual.forecast if row.actual else None,
        row.rating.outcome, row.direction.outcome,
        row.actual.context if row.actual else "",
        row.actual.corrective_action if row.actual else "",
    ] for row in rows]
    filename = f"{partnership.slug}-performance-{period.name.replace('/', '-').replace(' ', '-')}"
    if export == "csv":
        return csv_response(filename, EXPORT_HEADER, lines)
    return xlsx_response(filename, EXPORT_HEADER, lines, sheet_title=period.name)


@require_GET
@partnership_view
def indicator_detail(request, access, pk):
    indicator = get_object_or_404(
        Indicator.objects.filter(partnership=access.partnership).prefetch_related(
            "priorities", "responsible_officers"),
        pk=pk,
    )
    targets = {t.period_id: t for t in indicator.targets.select_related("period")}
    actuals = {a.period_id: a for a in published(indicator.actuals.select_related(
        "period", "entered_by"))}
    can_enter = access.has_role(Role.PERFORMANCE_OFFICER, Role.ADMINISTRATOR)
    # Officers are told which drafts are held back; the board reads no draft, nor its history.
    drafts = list(indicator.actuals.filter(status=Actual.Status.DRAFT).select_related(
        "period").order_by("period__year", "period__quarter")) if can_enter else []
    actual_history = Actual.history.filter(indicator_id=indicator.pk)
    if not can_enter:
        actual_history = published(actual_history)
    periods = sorted({x.period for x in [*targets.values(), *actuals.values()]},
                     key=lambda period: period.months)
    series = [{"period": period, "target": targets.get(period.pk),
               "actual": actuals.get(period.pk)} for period in periods]
    chart = trend_chart([
        Point(label=row["period"].name,
              target=row["target"].value if row["target"] else None,
              actual=row["actual"].value if row["actual"] else None,
              data_quality=row["actual"].data_quality if row["actual"] else "A")
        for row in series
    ])
    changes = [
        *describe_changes(_with_subject(Target.history.filter(indicator_id=indicator.pk),
                                        "Target"), Target),
        *describe_changes(_with_subject(actual_history, "Actual"), Actual),
    ]
    changes.sort(key=lambda change: change["record"].history_date, reverse=True)
    return render(request, "indicators/indicator_detail.html", {
        "indicator": indicator, "series": series, "chart": chart,
        "changes": changes, "drafts": drafts,
    })


def _with_subject(history, kind):
    records = list(history.select_related("history_user", "period"))
    for record in records:
        record.subject = f"{kind}, {record.period.name}"
    return records


def indicators_to_enter(access, show_all):
    """The indicators an officer is responsible for, or all of them if asked or if none."""
    indicators = Indicator.objects.filter(partnership=access.partnership).select_related(
        "partnership")
    if show_all or access.person is None or access.is_administrator:
        return indicators, True
    mine = list(indicators.filter(responsible_officers=access.person))
    return (mine, False) if mine else (indicators, True)


@require_http_methods(["GET", "POST"])
@partnership_view
def actuals_entry(request, access, period_pk):
    access.require_role(Role.PERFORMANCE_OFFICER)
    period = get_object_or_404(ReportingPeriod, partnership=access.partnership, pk=period_pk)
    editable = can_enter_actuals(access, period)
    indicators, showing_all = indicators_to_enter(access, request.GET.get("all") == "1")
    rows = sorted(standings(period, indicators, with_drafts=True),
                  key=lambda row: natural_key(row.indicator.code))
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
    rows = sorted(standings(period, indicators, with_drafts=True),
                  key=lambda row: natural_key(row.indicator.code))
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
    access.require_role(Role.ADMINISTRATOR)
    period = get_object_or_404(ReportingPeriod, partnership=access.partnership, pk=period_pk)
    officers, unowned = outstanding(period)
    return render(request, "indicators/outstanding.html", {
        "period": period, "officers": officers, "unowned": unowned,
    })
