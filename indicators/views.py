import hashlib
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.utils.text import get_text_list
from django.views.decorators.http import require_GET, require_http_methods

from trust_portal.core.access import partnership_view
from trust_portal.core.models import Role

from . import report_cache
from .charts import Point, trend_charts
from .exports import report_download
from .figures import clean_text
from .forms import ActualEntryForm, TargetForm, posted_versions
from .models import Actual, Indicator, ReportingPeriod, TolerancePolicy
from .performance import (
    default_period,
    held_back,
    report_as_asked,
    reporting_periods,
    status_counts,
)
from .periods import check_year
from .reads import (
    entry_comparisons,
    entry_standings,
    figures_changed_meanwhile,
    figures_held_back,
    indicator_changes,
    indicator_series,
    indicators_to_enter,
    period_label,
    periods_to_sign_off,
    profile_years,
    sign_off_standings,
    target_cells,
    year_profile,
)
from .reminders import outstanding
from .services import (
    TARGET_SETTERS,
    ActualEntry,
    ReviewRefused,
    StaleFigures,
    TargetEntry,
    can_enter_actuals,
    can_set_targets,
    can_sign_off,
    record_actuals,
    return_actual,
    set_targets,
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
    # Officers and managers are shown the figures held back, each with its state; the board
    # reads only signed-off figures, and only their history.
    sees_all = access.acts_as(Role.PERFORMANCE_OFFICER, Role.PERFORMANCE_MANAGER)
    series = indicator_series(indicator)
    held = figures_held_back(indicator) if sees_all else []
    charts = trend_charts([
        Point(label=row["period"].name,
              target=row["target"].value if row["target"] else None,
              actual=row["actual"].value if row["actual"] else None,
              data_quality=row["actual"].data_quality if row["actual"] else "A")
        for row in series
    ], unit=indicator.get_unit_display())
    # Commentary reads below the figures, latest first, rather than squeezed into a column.
    commentary = [row for row in reversed(series) if row["actual"]
                  and (row["actual"].context or row["actual"].corrective_action)]
    changes = indicator_changes(indicator, with_drafts=sees_all)
    return render(request, "indicators/indicator_detail.html", {
        "indicator": indicator, "series": series, "charts": charts, "commentary": commentary,
        "changes": changes, "held": held, "can_enter": access.acts_as(Role.PERFORMANCE_OFFICER),
        "can_sign_off": can_sign_off(access),
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
        "can_set_targets": access.acts_as(*TARGET_SETTERS), "can_sign_off": can_sign_off(access),
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
    closed_words = get_text_list(closed, "and")
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

