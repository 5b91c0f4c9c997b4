from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from trust_portal.core.admin import PartnershipScopedAdmin, portal_admin_site

from .models import Indicator, ReportingPeriod, Target, TolerancePolicy


@admin.register(TolerancePolicy, site=portal_admin_site)
class TolerancePolicyAdmin(PartnershipScopedAdmin):
    list_display = ["partnership", "over_performing_above", "green_from", "amber_from",
                    "unchanged_within"]


@admin.register(ReportingPeriod, site=portal_admin_site)
class ReportingPeriodAdmin(PartnershipScopedAdmin):
    list_display = ["__str__", "partnership", "is_open", "due_on"]
    list_filter = ["partnership", "kind", "is_open"]
    list_editable = ["is_open", "due_on"]


@admin.register(Indicator, site=portal_admin_site)
class IndicatorAdmin(PartnershipScopedAdmin):
    list_display = ["code", "title", "partnership", "unit", "lower_is_better", "is_key", "is_laa"]
    list_filter = ["partnership", "is_key", "is_obsession", "is_laa", "unit"]
    search_fields = ["code", "title"]
    filter_horizontal = ["priorities", "responsible_officers"]


@admin.register(Target, site=portal_admin_site)
class TargetAdmin(PartnershipScopedAdmin, SimpleHistoryAdmin):
    """Targets are read here; they change through uploads, which check for stale edits."""

    list_display = ["indicator", "period", "target"]
    list_select_related = ["indicator", "period"]
    list_filter = ["indicator__partnership"]
    readonly_fields = ["indicator", "period", "value", "version"]

    @admin.display(description="Target", ordering="value")
    def target(self, obj):
        return obj.indicator.format(obj.value)

    def has_add_permission(self, request):
        return False
