from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from trust_portal.core.admin import (
    PartnershipScopedAdmin,
    PartnershipScopedInline,
    portal_admin_site,
)

from .models import (
    CardIndicator,
    Indicator,
    ReportCard,
    ReportingPeriod,
    Target,
    TolerancePolicy,
)


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
    # Listed in their codes' natural order (Indicator.sort_key), which the database cannot sort.
    sortable_by = ["title", "partnership", "unit", "lower_is_better", "is_key", "is_laa"]
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


class CardIndicatorInline(PartnershipScopedInline, admin.TabularInline):
    model = CardIndicator
    fields = ["indicator", "order", "baseline_period", "baseline_target", "baseline_actual",
              "undated_heading"]
    extra = 0


@admin.register(ReportCard, site=portal_admin_site)
class ReportCardAdmin(PartnershipScopedAdmin, SimpleHistoryAdmin):
    """Cards are set up here: their priority, title and headline indicators. Their story is
    written and published on the card's own page, where concurrent edits are caught."""

    list_display = ["title", "priority", "period"]
    list_filter = ["priority__outcome__plan__partnership"]
    search_fields = ["title"]
    raw_id_fields = ["priority"]
    readonly_fields = ["period", *ReportCard.SECTIONS, "version", "headline_indicators"]
    inlines = [CardIndicatorInline]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1  # so that a writer editing an older copy is told, not overwritten
        super().save_model(request, obj, form, change)
