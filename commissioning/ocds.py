"""Awarded contracts and their tenders as an Open Contracting Data Standard 1.1 release
package: a planning, tender, award and contract release for each awarded commission.

Only what has been awarded is published, and never a bid's score nor an unsuccessful bidder:
what leaves here is what the board has already made public. Money is in GBP.
"""

import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from .models import Commission, Contract, StageMove
from .rules import Route, Stage

# The standard asks publishers to register a prefix with the Open Contracting Partnership;
# until this portal has one, its identifiers say whose they are in its own words.
OCID_PREFIX = "ocds-trustportal"
PROCUREMENT_METHODS = {
    Route.OPEN_TENDER: "open",
    Route.COMPETITIVE_DIALOGUE: "selective",
    Route.DIRECT_AWARD: "direct",
}
TENDER_STAGES = {Stage.PROCUREMENT, Stage.EVALUATION}
AWARD_STAGES = {Stage.RECOMMENDATION, Stage.BOARD_DECISION, Stage.AWARDED}


def awarded_commissions(partnership):
    return (Commission.objects.for_partnership(partnership)
            .filter(stage__in=[Stage.AWARDED, Stage.LIVE, Stage.ENDED])
            .select_related("lead_authority")
            .prefetch_related("funding__stream",
                              Prefetch("contracts", queryset=Contract.objects.order_by("pk")),
                              Prefetch("moves", queryset=StageMove.objects.order_by(
                                  "happened_on", "pk")))
            .filter(contracts__isnull=False).distinct().order_by("pk"))


def release_package(partnership, *, uri="", now=None):
    now = now or timezone.now()
    releases = [release for commission in awarded_commissions(partnership)
                for release in commission_releases(partnership, commission, now)]
    return {
        "uri": uri or settings.SITE_URL.rstrip("/") + reverse("ocds_package",
                                                               args=[partnership.slug]),
        "version": "1.1",
        "publishedDate": _timestamp(now),
        "publisher": {"name": partnership.name},
        "releases": releases,
    }


def _timestamp(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{value:%Y-%m-%d}T00:00:00Z"


def _money(amount):
    return {"amount": float(amount), "currency": "GBP"} if amount is not None else None


def _period(start, end):
    period = {"startDate": _timestamp(start) if start else None,
              "endDate": _timestamp(end) if end else None}
    return {key: value for key, value in period.items() if value} or None


def _when(commission, stages):
    """The day the commission first reached one of `stages`, if the timeline records it."""
    return next((move.happened_on for move in commission.moves.all()
                 if move.to_stage in stages and move.happened_on), None)


def _clean(data):
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def commission_releases(partnership, commission, now):
    ocid = f"{OCID_PREFIX}-{partnership.slug}-{commission.pk}"
    buyer_name = (commission.lead_authority.name if commission.lead_authority
                  else partnership.name)
    buyer = {"id": f"{partnership.slug}-buyer", "name": buyer_name}
    contracts = list(commission.contracts.all())
    suppliers = {contract.pk: {"id": f"{ocid}-supplier-{contract.pk}", "name": contract.provider}
                 for contract in contracts}
    parties = [{**buyer, "roles": ["buyer", "procuringEntity"]},
               *({**supplier, "roles": ["supplier"]} for supplier in suppliers.values())]

    def release(tag, when, **sections):
        return _clean({"ocid": ocid, "id": f"{ocid}-{tag}", "date": _timestamp(when or now),
                       "tag": [tag.split("-")[0]], "initiationType": "tender",
                       "language": "en", "parties": parties, "buyer": buyer, **sections})

    funding = "; ".join(line.stream.name for line in commission.funding.all())
    planning = _clean({
        "rationale": commission.need_not_met or commission.description,
        "budget": _clean({"description": funding,
                          "amount": _money(commission.estimated_value)}),
    })
    tender = _clean({
        "id": f"{ocid}-tender", "title": commission.name,
        "description": commission.description, "status": "complete",
        "procurementMethod": PROCUREMENT_METHODS.get(commission.route),
        "procurementMethodDetails": commission.get_route_display()
        if commission.route != Route.NOT_RECORDED else None,
        "procurementMethodRationale": commission.route_reason,
        "value": _money(commission.estimated_value),
        "tenderPeriod": _period(None, commission.closing_date),
        "procuringEntity": buyer,
    })
    releases = [release("planning", _when(commission, {Stage.NEEDS, Stage.EVIDENCE}),
                        planning=planning),
                release("tender", _when(commission, TENDER_STAGES), tender=tender)]
    for contract in contracts:
        award_id = f"{ocid}-award-{contract.pk}"
        period = _period(contract.starts_on, contract.ends_on)
        award = _clean({"id": award_id, "title": commission.name, "status": "active",
                        "date": _timestamp(contract.awarded_on) if contract.awarded_on else None,
                        "value": _money(contract.value),
                        "suppliers": [suppliers[contract.pk]], "contractPeriod": period})
        releases.append(release(f"award-{contract.pk}",
                                contract.awarded_on or _when(commission, AWARD_STAGES),
                                awards=[award]))
        ended = commission.stage == Stage.ENDED
        releases.append(release(f"contract-{contract.pk}", contract.starts_on, contracts=[_clean({
            "id": f"{ocid}-contract-{contract.pk}", "awardID": award_id,
            "title": commission.name, "status": "terminated" if ended else "active",
            "value": _money(contract.value), "period": period,
            "description": contract.term_note,
        })]))
    return releases
