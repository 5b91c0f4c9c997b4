import hashlib
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_http_methods

from trust_portal.core.access import partnership_view
from trust_portal.core.models import Role

from . import report_cache
from .charts import Point, trend_chart
from .exports import report_download
from .forms import ActualEntryForm, TargetForm
from .models import Actual, Indicator, ReportingPeriod, TolerancePolicy
from .performance import (
    default_period,
    drafts_held_back,
    report_as_asked,
    reporting_periods,
)
from .periods import check_year
from .reads import (
    drafts_held,
    entry_comparisons,
    entry_standings,
    indicator_changes,
    indicator_series,
    indicators_to_enter,
    period_label,
    profile_years,
    target_cells,
    year_profile,
)
from .reminders import outstanding
from .services import (
    TARGET_SETTERS,
    ActualEntry,
    StaleFigures,
    TargetEntry,
    can_enter_actuals,
    can_set_targets,
    record_actuals,
    set_targets,
)


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
        "can_set_targets": access.acts_as(*TARGET_SETTERS),
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


@dataclass
class EntryPage:
    """A page of figures as entry_page leaves it."""

    lines: list
    forms: list
    stale: dict  # by key, the figures someone else saved meanwhile (see StaleFigures)
    saved: int | None = None  # how many figures were saved; None if it is shown again

    @property
    def errors(self):
        """(form, field, error) for the error summary."""
        return [(form, field, error) for form in self.forms for field, field_errors in
                form.errors.items() for error in field_errors]

    @property
    def stale_forms(self):
        return [form for form in self.forms if form.key in self.stale]


def entry_page(request, *, read, form_for, save):
    """The one form, one submit of the pages that enter figures (actuals, targets).

    `read()` reads the page's lines afresh; `form_for(line, data)` makes a line's form, bound
    to `data` (None: showing what is saved), its `key` the line's key in StaleFigures;
    `save(forms)` saves the valid forms, returning how many figures changed, or raises
    StaleFigures. After a conflict the page is read afresh: the lines the editor changed keep
    what they typed, at the version saved now, and every other line shows what is saved
    now, so the next save cannot carry figures they read before back over it.
    """
    data = request.POST if request.method == "POST" else None
    lines = read()
    forms = [form_for(line, data) for line in lines]
    if data is None or not all(form.is_valid() for form in forms):
        return EntryPage(lines, forms, {})
    try:
        return EntryPage(lines, forms, {}, save(forms))
    except StaleFigures as conflict:
        changed = conflict.changed if conflict.changed is not None else set(conflict.current)
        lines, data = read(), data.copy()
        forms = []
        for line in lines:
            saved = form_for(line, None)
            data[saved.add_prefix("version")] = saved.initial["version"]
            forms.append(form_for(line, data) if saved.key in changed else saved)
        return EntryPage(lines, forms, conflict.current)


@require_http_methods(["GET", "POST"])
@partnership_view
def actuals_entry(request, access, period_pk):
    access.require_role(Role.PERFORMANCE_OFFICER)
    period = get_object_or_404(ReportingPeriod, partnership=access.partnership, pk=period_pk)
    editable = can_enter_actuals(access, period)
    if request.method == "POST" and not editable:
        raise PermissionDenied("This period is closed: only administrators may change its "
                               "figures.")
    indicators, showing_all = indicators_to_enter(access, request.GET.get("all") == "1")
    submitting = request.POST.get("action") == "submit"

    def save(forms):
        entries = [ActualEntry(indicator=form.standing.indicator,
                               expected_version=form.cleaned_data["version"],
                               **{field: form.cleaned_data[field]
                                  for field in Actual.CONTENT_FIELDS})
                   for form in forms if form.has_content() or form.standing.actual]
        return record_actuals(period=period, entries=entries, user=request.user,
                              submit=submitting)

    comparisons = {}  # by indicator pk, the earlier figures to check each actual by

    def read():
        rows = entry_standings(period, indicators)
        comparisons.update(entry_comparisons(period, rows))
        return rows

    page = entry_page(request, read=read, save=save,
                      form_for=lambda row, data: ActualEntryForm(
                          data, standing=row, submitting=submitting,
                          comparisons=comparisons[row.indicator.pk]))
    if page.saved is not None:
        verb = "submitted" if submitting else "saved as draft"
        messages.success(request, f"{page.saved} actual{'s' if page.saved != 1 else ''} {verb}")
        return redirect(request.get_full_path())
    return render(request, "indicators/actuals_entry.html", {
        "period": period, "page": page, "lines": list(zip(page.lines, page.forms, strict=True)),
        "editable": editable, "showing_all": showing_all, "stale": page.stale,
        "can_set_targets": access.acts_as(*TARGET_SETTERS),
    }, status=409 if page.stale else 200)


@require_http_methods(["GET", "POST"])
@partnership_view
def targets_entry(request, access, period_pk):
    """A period's targets, one for each indicator."""
    access.require_role(*TARGET_SETTERS)
    period = get_object_or_404(ReportingPeriod, partnership=access.partnership, pk=period_pk)
    whole_year = period.year if period.kind != ReportingPeriod.Kind.CALENDAR_YEAR else None
    return _targets_page(request, access, [period], period=period, whole_year=whole_year,
                         heading=f"Targets for {period.name}")


@require_http_methods(["GET", "POST"])
@partnership_view
def targets_profile(request, access, year):
    """A financial year's profile: each indicator's targets for its four quarters and the
    year, in one form."""
    access.require_role(*TARGET_SETTERS)
    try:
        check_year(year)
    except ValueError as error:
        raise Http404(str(error)) from None
    periods = year_profile(access.partnership, year)
    other_years = [(other, ReportingPeriod(kind=ReportingPeriod.Kind.YEAR, year=other).name)
                   for other in profile_years(access.partnership, year)]
    return _targets_page(request, access, periods, year=year, other_years=other_years,
                         heading=f"Targets for {periods[-1].name}, quarter by quarter")


def _targets_page(request, access, periods, **context):
    """The target page of `periods` (the page's columns): a target an officer may not change,
    in a closed period, is shown but not offered, and a save that would change one is
    refused, as is any save of a page they may change nothing on."""
    editable = {period.name for period in periods if can_set_targets(access, period)}
    closed = [period_label(period) for period in periods if period.name not in editable]
    closed_words = " and ".join([", ".join(closed[:-1]), closed[-1]] if len(closed) > 1
                                else closed)
    indicators, showing_all = indicators_to_enter(access, request.GET.get("all") == "1")
    bands = TolerancePolicy.bands_for(access.partnership)

    def read():
        return target_cells(periods, indicators)

    def form_for(cell, data):
        return TargetForm(data, cell=cell, bands=bands,
                          editable=cell.period.name in editable)

    refusal = PermissionDenied(
        f"{closed_words} {'is' if len(closed) == 1 else 'are'} closed: only "
        f"administrators may change {'its' if len(closed) == 1 else 'their'} targets. "
        "Nothing has been saved.")
    if request.method == "POST" and not editable:
        raise refusal

    def save(forms):
        if any(form.changes_closed_period for form in forms):
            raise refusal
        return set_targets(user=request.user, entries=[
            TargetEntry(indicator=form.cell.indicator, period=form.cell.period,
                        value=form.cleaned_data["value"],
                        expected_version=form.cleaned_data["version"])
            for form in forms if form.editable])

    page = entry_page(request, read=read, form_for=form_for, save=save)
    if page.saved is not None:
        messages.success(request, f"{page.saved} target{'s' if page.saved != 1 else ''} saved")
        return redirect(request.get_full_path())
    width = len(periods)  # each indicator's row of forms, one a period
    rows = [(forms[0].cell.indicator, forms) for forms in
            (page.forms[n:n + width] for n in range(0, len(page.forms), width))]
    return render(request, "indicators/targets_entry.html", {
        **context, "page": page, "periods": periods, "rows": rows, "editable": editable,
        "closed": closed_words, "closed_count": len(closed), "showing_all": showing_all,
    }, status=409 if page.stale else 200)


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
