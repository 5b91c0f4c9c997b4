"""Commissioning's panel on the partnership's home page (see CommissioningConfig.panels)."""

from django.urls import reverse
from django.utils import timezone

from .models import Contract
from .rules import ENDING_SOON_MONTHS, add_months


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
