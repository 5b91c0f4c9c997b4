from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from trust_portal.core.admin import PartnershipScopedAdmin, portal_admin_site

from .models import Action, Milestone, Outcome, Plan, Priority


@admin.register(Plan, site=portal_admin_site)
class PlanAdmin(PartnershipScopedAdmin):
    list_display = ["title", "partnership", "starts_on", "ends_on"]
    list_filter = ["partnership"]


@admin.register(Outcome, site=portal_admin_site)
class OutcomeAdmin(PartnershipScopedAdmin):
    list_display = ["title", "plan", "order"]
    list_filter = ["plan__partnership"]


@admin.register(Priority, site=portal_admin_site)
class PriorityAdmin(PartnershipScopedAdmin):
    list_display = ["reference", "title", "outcome", "is_key"]
    list_filter = ["outcome__plan__partnership", "is_key"]
    search_fields = ["reference", "title"]
    filter_horizontal = ["lead_officers", "sponsors"]


@admin.register(Action, site=portal_admin_site)
class ActionAdmin(PartnershipScopedAdmin):
    list_display = ["number", "priority", "owner"]
    list_filter = ["priority__outcome__plan__partnership"]
    raw_id_fields = ["priority"]


@admin.register(Milestone, site=portal_admin_site)
class MilestoneAdmin(PartnershipScopedAdmin, SimpleHistoryAdmin):
    list_display = ["description", "due_on", "status"]
    list_filter = ["action__priority__outcome__plan__partnership", "status"]
    raw_id_fields = ["action"]
    # Progress is updated through the portal, where concurrent edits are caught.
    readonly_fields = ["status", "progress_note", "completed_on", "version"]
