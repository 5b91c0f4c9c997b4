"""Commissioning's panels on the partnership's home page (see CommissioningConfig.panels)."""

from django.urls import reverse
from django.utils import timezone

from .models import Commission, Contract
from .rules import ENDING_SOON_MONTHS, Stage, add_months


def contracts_ending(access):
    """The partnership's contracts ending within ENDING_SOON_MONTHS, soonest first; None if
    none is."""
    today = timezone.localdate()
    contracts = list(Contract.objects.filter(
        commission__partnership=access.partnership, ends_on__gte=today,
        ends_on__lte=add_months(today, ENDING_SOON_MONTHS)).select_related(
        "commission__partnership").order_by("ends_on", "provider"))
    if not contracts:
        return None
    register = reverse("commission_register", args=[access.partnership.slug])
    return {"contracts": contracts, "months": ENDING_SOON_MONTHS,
            "register_url": f"{register}?ending=soon"}


def in_progress(access):
    """The commissions still being decided, by stage in the cycle's order, each stage linking
    to the register at that stage."""
    stages = Stage.in_progress()
    commissions = Commission.objects.for_partnership(access.partnership).filter(
        stage__in=stages).select_related("partnership", "lead_officer")
    register = reverse("commission_register", args=[access.partnership.slug])
    by_stage = [(stage, f"{register}?stage={stage.value}",
                 [commission for commission in commissions if commission.stage == stage])
                for stage in stages]
    return {"stages": [row for row in by_stage if row[2]]}
