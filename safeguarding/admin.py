"""Administration of safeguarding records, for the partnership's administrators.

Reviews are behind the wall (wall.py) here too: the portal's admin is open to administrators
only, each sees their own partnership's reviews, and opening one is logged as a read. Free text
of a review is edited in the portal, where the anonymity check runs. The read log can be read
here, never added to, changed or deleted.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from simple_history.admin import SimpleHistoryAdmin

from trust_portal.core.admin import (
    PartnershipScopedAdmin,
    PartnershipScopedInline,
    portal_admin_site,
)

from .models import (
    DataRequest,
    Decision,
    Review,
    ReviewAction,
    ReviewRead,
    SafeguardingUpdate,
    StarChamber,
)
from .services import record_read


@admin.register(SafeguardingUpdate, site=portal_admin_site)
class SafeguardingUpdateAdmin(PartnershipScopedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "period", "partnership"]
    list_filter = ["partnership"]
    raw_id_fields = ["period", "author"]
    readonly_fields = ["version"]


class ReviewActionInline(PartnershipScopedInline, admin.TabularInline):
    model = ReviewAction
    fields = ["description", "owner", "due_on", "completed_on"]
    extra = 0


@admin.register(Review, site=portal_admin_site)
class ReviewAdmin(PartnershipScopedAdmin, SimpleHistoryAdmin):
    list_display = ["reference", "type", "status", "evaluation", "partnership"]
    list_filter = ["partnership", "type", "status", "evaluation"]
    inlines = [ReviewActionInline]
    readonly_fields = [*Review.FREE_TEXT, "version"]

    def _logged(self, request, object_id, response):
        """Opening a review here, or its history, is a read like any other: logged."""
        if request.method == "GET" and response.status_code == 200:
            record_read(review=self.get_object(request, unquote(object_id)), user=request.user,
                        what=ReviewRead.What.VIEWED_IN_ADMIN)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._logged(request, object_id,
                            super().change_view(request, object_id, form_url, extra_context))

    def history_view(self, request, object_id, extra_context=None):
        return self._logged(request, object_id,
                            super().history_view(request, object_id, extra_context))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return self._logged(request, object_id, super().history_form_view(
            request, object_id, version_id, extra_context))


@admin.register(ReviewRead, site=portal_admin_site)
class ReviewReadAdmin(PartnershipScopedAdmin):
    """The read log: append-only, so nobody adds, changes or deletes a row here."""

    list_display = ["read_at", "username", "what", "review"]
    list_filter = ["partnership", "what"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DecisionInline(PartnershipScopedInline, admin.TabularInline):
    model = Decision
    fields = ["outcome", "decided_on", "electronically", "notes", "decided_by", "recorded_at"]
    readonly_fields = fields  # decisions are recorded in the portal
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DataRequest, site=portal_admin_site)
class DataRequestAdmin(PartnershipScopedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "status", "approved_on", "partnership"]
    list_filter = ["partnership", "status"]
    raw_id_fields = ["priority"]
    readonly_fields = ["status", "approved_on", "submitted_by", "submitted_at", "version"]
    inlines = [DecisionInline]


@admin.register(StarChamber, site=portal_admin_site)
class StarChamberAdmin(PartnershipScopedAdmin, SimpleHistoryAdmin):
    list_display = ["partnership"]
