"""Administrators set up commissioning's reference data and records here; stage moves, scores
and the planning template go through the portal's pages, whose rules and locks they need."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from trust_portal.core.admin import (
    PartnershipScopedAdmin,
    PartnershipScopedInline,
    portal_admin_site,
)

from .models import (
    Bid,
    Commission,
    CommissionFunding,
    CommissioningGroup,
    Contract,
    ContractMeasure,
    Criterion,
    ExtensionOption,
    FundingStream,
    Interest,
    PanelMember,
)


@admin.register(CommissioningGroup, site=portal_admin_site)
class CommissioningGroupAdmin(PartnershipScopedAdmin):
    list_display = ["name", "partnership"]
    list_filter = ["partnership"]


@admin.register(FundingStream, site=portal_admin_site)
class FundingStreamAdmin(PartnershipScopedAdmin):
    list_display = ["name", "partnership", "area_based_grant", "ring_fenced"]
    list_filter = ["partnership", "area_based_grant", "ring_fenced"]


class FundingInline(PartnershipScopedInline, admin.TabularInline):
    model = CommissionFunding
    extra = 0


class CriterionInline(PartnershipScopedInline, admin.TabularInline):
    model = Criterion
    extra = 0


class PanelInline(PartnershipScopedInline, admin.TabularInline):
    model = PanelMember
    extra = 0


@admin.register(Commission, site=portal_admin_site)
class CommissionAdmin(PartnershipScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "partnership", "group", "stage", "route"]
    list_filter = ["partnership", "stage", "route"]
    search_fields = ["name"]
    filter_horizontal = ["priorities", "indicators", "taking_part"]
    # The stage moves with its reason on the commission's page; the template is filled in
    # there too, where a stale copy is refused.
    readonly_fields = ["stage", "version", *Commission.PLANNING_FIELDS]
    inlines = [FundingInline, CriterionInline, PanelInline]


class InterestInline(PartnershipScopedInline, admin.TabularInline):
    model = Interest
    extra = 0


@admin.register(Bid, site=portal_admin_site)
class BidAdmin(PartnershipScopedAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "commission", "received_on", "is_late", "pqq", "outcome"]
    list_filter = ["commission__partnership", "pqq", "outcome"]
    raw_id_fields = ["commission"]
    inlines = [InterestInline]


class ExtensionInline(PartnershipScopedInline, admin.TabularInline):
    model = ExtensionOption
    extra = 0


class MeasureInline(PartnershipScopedInline, admin.TabularInline):
    model = ContractMeasure
    extra = 0


@admin.register(Contract, site=portal_admin_site)
class ContractAdmin(PartnershipScopedAdmin, SimpleHistoryAdmin):
    list_display = ["provider", "commission", "value", "starts_on", "ends_on"]
    list_filter = ["commission__partnership"]
    raw_id_fields = ["commission", "bid"]
    inlines = [ExtensionInline, MeasureInline]
