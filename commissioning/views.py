from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indicators.codes import in_code_order
from indicators.exports import csv_response, xlsx_response
from indicators.models import Indicator
from trust_portal.core.access import partnership_view
from trust_portal.core.concurrency import StaleEdit, at_version
from trust_portal.core.history import describe_changes

from . import reads, services
from .access import PANEL_ONLY, WRITERS, can_write, get_commission, may_see_bids, panel_seat
from .filters import RegisterFilter
from .forms import AwardForm, BidForm, MoveForm, PlanningForm
from .models import Commission, Contract, ContractMeasure
from .rules import Refused


@require_GET
@partnership_view
def commission_register(request, access):
    partnership = access.partnership
    register_filter = RegisterFilter(request.GET or None, partnership=partnership,
                                     queryset=Commission.objects.for_partnership(partnership))
    commissions = reads.register(register_filter.qs)
    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        rows = list(reads.export_rows(commissions))
        filename = f"{partnership.slug}-commissioning"
        if export == "csv":
            return csv_response(filename, reads.EXPORT_HEADER, rows)
        return xlsx_response(filename, reads.EXPORT_HEADER, rows, sheet_title="Commissioning")
    contracts = [contract for commission in commissions
                 for contract in commission.contracts.all()]
    return render(request, "commissioning/register.html", {
        "filter": register_filter, "commissions": commissions,
        "contracts": sorted(contracts, key=lambda c: (c.ends_on is None, c.ends_on)),
        "can_write": can_write(access),
    })


@require_GET
@partnership_view
def commission_detail(request, access, pk):
    commission = get_commission(access, pk)
    seat = panel_seat(access, commission)
    show_bids = may_see_bids(access, commission, seat)
    return render(request, "commissioning/commission_detail.html", {
        "commission": commission, "can_write": can_write(access),
        "indicators": in_code_order(commission.indicators.all()),
        "evaluation": reads.evaluation(commission) if show_bids else None,
        "bid_summary": None if show_bids else reads.bid_summary(commission),
        "on_panel": seat is not None, "planning": reads.planning_answers(commission),
        "changes": describe_changes(commission.history.select_related("history_user"),
                                    Commission),
    })


@require_http_methods(["GET", "POST"])
@partnership_view
def commission_planning(request, access, pk):
    commission = get_commission(access, pk, write=True)
    conflict = None
    if request.method == "POST":
        form = PlanningForm(request.POST, instance=Commission(partnership=commission.partnership))
        if form.is_valid():
            try:
                services.update_planning(
                    commission=commission, expected_version=form.cleaned_data["version"],
                    user=request.user,
                    answers={f: form.cleaned_data[f] for f in Commission.PLANNING_FIELDS})
            except StaleEdit as stale:
                conflict = stale.current
                form = at_version(PlanningForm, request.POST, conflict.version,
                                  instance=Commission(partnership=commission.partnership))
            else:
                messages.success(request, "Planning template saved")
                return redirect(commission)
    else:
        form = PlanningForm.for_commission(commission)
    return render(request, "commissioning/commission_planning.html", {
        "commission": commission, "form": form, "conflict": conflict,
    }, status=409 if conflict else 200)


@require_http_methods(["GET", "POST"])
@partnership_view
def commission_move(request, access, pk):
    commission = get_commission(access, pk, write=True)
    refusal = ""
    if request.method == "POST":
        form = MoveForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.move_stage(commission=commission, to_stage=data["to_stage"],
                                    user=request.user, reason=data["reason"],
                                    happened_on=data["happened_on"], route=data["route"],
                                    route_reason=data["route_reason"])
            except Refused as refused:
                refusal = str(refused)
                form.add_error(None, refusal)
            else:
                messages.success(request, "Stage move recorded")
                return redirect(commission)
    else:
        form = MoveForm.for_commission(commission)
    return render(request, "commissioning/commission_move.html", {
        "commission": commission, "form": form,
    }, status=400 if refusal else 200)


@require_http_methods(["GET", "POST"])
@partnership_view
def commission_scores(request, access, pk):
    """The panel's scoring sheet: each member scores the bids that passed the PQQ against
    each criterion, except bids they declared an interest in. Administrators read it."""
    commission = get_commission(access, pk)
    seat = panel_seat(access, commission)
    if seat is None and not access.is_administrator:
        raise PermissionDenied(PANEL_ONLY)
    data = reads.evaluation(commission)
    sheet = reads.scoring_sheet(data, seat)
    refusal = ""
    if request.method == "POST" and request.POST.get("action") == "interest":
        if seat is None:
            raise PermissionDenied(PANEL_ONLY)
        bid = get_object_or_404(commission.bids, pk=_int(request.POST.get("bid")))
        try:
            services.declare_interest(member=seat, bid=bid, user=request.user,
                                      description=request.POST.get("description", ""))
        except Refused as refused:
            refusal = str(refused)
        else:
            messages.success(request, f"Your interest in {bid.name} is recorded")
            return redirect("commission_scores", access.partnership.slug, commission.pk)
    elif request.method == "POST":
        if seat is None:
            raise PermissionDenied(PANEL_ONLY)
        entries, refusal = reads.posted_scores(request.POST, sheet)
        if not refusal:
            try:
                saved = services.record_scores(member=seat, scores=entries, user=request.user)
            except Refused as refused:
                refusal = str(refused)
            else:
                messages.success(request, f"{saved} score{'s' if saved != 1 else ''} saved")
                return redirect("commission_scores", access.partnership.slug, commission.pk)
        sheet = reads.scoring_sheet(data, seat, request.POST)
    return render(request, "commissioning/commission_scores.html", {
        "commission": commission, "evaluation": data, "sheet": sheet,
        "seat": seat, "refusal": refusal,
    }, status=400 if refusal else 200)


@require_http_methods(["GET", "POST"])
@partnership_view
def commission_bids(request, access, pk):
    """Commissioners on the panel, and administrators, record bids and their PQQ results."""
    commission = get_commission(access, pk, write=True)
    if not may_see_bids(access, commission, panel_seat(access, commission)):
        raise PermissionDenied(PANEL_ONLY)
    form = BidForm(request.POST if request.POST.get("action") == "bid" else None)
    refusal = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "pqq":
                bid = get_object_or_404(commission.bids, pk=_int(request.POST.get("bid")))
                services.record_pqq(bid=bid, passed=request.POST.get("result") == "passed",
                                    user=request.user)
                messages.success(request, f"PQQ result recorded for {bid.name}")
                return redirect("commission_bids", access.partnership.slug, commission.pk)
            if form.is_valid():
                services.record_bid(commission=commission, user=request.user,
                                    **form.cleaned_data)
                messages.success(request, "Bid recorded")
                return redirect("commission_bids", access.partnership.slug, commission.pk)
        except Refused as refused:
            refusal = str(refused)
            form.add_error(None, refusal)
    return render(request, "commissioning/commission_bids.html", {
        "commission": commission, "form": form,
        "evaluation": reads.evaluation(commission),
    }, status=400 if refusal or form.errors else 200)


def _int(value):
    """A posted id as a number, or None (so that a malformed one is simply not found)."""
    return int(value) if value and value.isdigit() and len(value) < 19 else None


@require_http_methods(["GET", "POST"])
@partnership_view
def commission_award(request, access, pk):
    """Commissioners award the contract; the bids they choose from are the panel's until
    then, so only a commissioner on the panel, or an administrator, may."""
    commission = get_commission(access, pk, write=True)
    if not may_see_bids(access, commission, panel_seat(access, commission)):
        raise PermissionDenied(PANEL_ONLY)
    form = AwardForm(request.POST or None, commission=commission)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contract = services.award_contract(
                commission=commission, user=request.user, bid=data["bid"],
                provider=data["provider"], value=data["value"], starts_on=data["starts_on"],
                ends_on=data["ends_on"], term_note=data["term_note"],
                awarded_on=data["awarded_on"], extensions=data["extensions"].splitlines())
        except (Refused, ValidationError) as refused:
            refusal = " ".join(getattr(refused, "messages", [str(refused)]))
            form.add_error(None, refusal)
        else:
            messages.success(request, "Contract awarded: record the stage move when the "
                                      "award is confirmed")
            return redirect(contract)
    return render(request, "commissioning/commission_award.html", {
        "commission": commission, "form": form,
    }, status=400 if refusal else 200)


def _get_contract(access, pk):
    return get_object_or_404(
        Contract.objects.filter(commission__partnership=access.partnership)
        .select_related("commission").prefetch_related("extensions"), pk=pk)


@require_POST
@partnership_view
def contract_update(request, access, pk):
    """Commissioners decide an extension option or add a key performance measure."""
    access.require_role(*WRITERS)
    contract = _get_contract(access, pk)
    try:
        if request.POST.get("action") == "extension":
            option = get_object_or_404(contract.extensions, pk=_int(request.POST.get("option")))
            services.decide_extension(option=option, decision=request.POST.get("decision", ""),
                                      reason=request.POST.get("reason", ""), user=request.user)
            messages.success(request, "Extension decision recorded")
        else:
            indicator = get_object_or_404(Indicator, partnership=access.partnership,
                                          pk=_int(request.POST.get("indicator")))
            group = request.POST.get("group", "")
            if group not in ContractMeasure.Group.values:
                raise Refused("Choose how the measure counts: how much, how well, or whether "
                              "anyone is better off.")
            services.add_measure(contract=contract, indicator=indicator, group=group,
                                 user=request.user)
            messages.success(request, f"{indicator.code} now measures this contract")
    except (Refused, ValidationError) as refused:
        messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
    return redirect(contract)


@require_GET
@partnership_view
def contract_detail(request, access, pk):
    contract = _get_contract(access, pk)
    return render(request, "commissioning/contract_detail.html", {
        "contract": contract, "commission": contract.commission,
        "card": reads.report_card(contract), "can_write": can_write(access),
        "indicators": in_code_order(Indicator.objects.filter(
            partnership=access.partnership).only("code", "title")) if can_write(access) else [],
        "groups": ContractMeasure.Group.choices,
        "changes": describe_changes(contract.history.select_related("history_user"),
                                    Contract),
    })
