"""Where the clerk sets up meetings, agendas and papers, and records the minutes.

Once a meeting's minutes are approved, its agenda, attendance, declarations and minutes are
read-only; its action log's status and updates are still kept up to date.
"""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from trust_portal.core.admin import (
    PartnershipScopedAdmin,
    PartnershipScopedInline,
    portal_admin_site,
)
from trust_portal.core.ownership import PartnershipOwnedForm

from .models import (
    ActionLogEntry,
    AgendaItem,
    Appendix,
    Attendance,
    Declaration,
    Meeting,
    Minute,
    Paper,
)
from .registry import WRITTEN, PaperUnavailable, all_kinds, get_kind


def minutes_locked(obj):
    """Whether `obj`, a meeting or one of its agenda items, is part of approved minutes."""
    return obj is not None and getattr(obj, "meeting", obj).minutes_locked


class LockedWithMinutesInline(PartnershipScopedInline):
    """An inline that cannot change once its meeting's minutes are approved."""

    def has_add_permission(self, request, obj=None):
        return not minutes_locked(obj)

    def has_change_permission(self, request, obj=None):
        return not minutes_locked(obj)

    def has_delete_permission(self, request, obj=None):
        return not minutes_locked(obj)


class AgendaItemInline(LockedWithMinutesInline, admin.TabularInline):
    model = AgendaItem
    fields = ["position", "number", "starts_at", "title", "item_type", "presenter", "paper",
              "is_exempt"]
    extra = 1
    show_change_link = True


class AttendanceInline(LockedWithMinutesInline, admin.TabularInline):
    model = Attendance
    fields = ["person", "kind", "capacity", "description", "represented_by"]
    extra = 1


class DeclarationInline(LockedWithMinutesInline, admin.TabularInline):
    model = Declaration
    fields = ["person", "item", "interest"]
    extra = 0


@admin.register(Meeting, site=portal_admin_site)
class MeetingAdmin(PartnershipScopedAdmin):
    list_display = ["date", "start_time", "partnership", "status", "is_public"]
    list_filter = ["status", "is_public"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline, AttendanceInline, DeclarationInline]
    readonly_fields = ["minutes_approved_at"]

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not minutes_locked(obj)


class MinuteInline(LockedWithMinutesInline, admin.StackedInline):
    model = Minute
    fields = ["text", "resolution"]


class ActionLogInline(LockedWithMinutesInline, admin.StackedInline):
    """Matters arising are followed up after the minutes are approved, but the minuted
    actions themselves are neither added, removed nor reworded then."""

    model = ActionLogEntry
    fk_name = "raised_at"
    fields = ["description", "owner", "due_meeting", "due_on", "status", "update"]
    extra = 0

    def get_readonly_fields(self, request, obj=None):
        return ["description"] if minutes_locked(obj) else []

    def has_change_permission(self, request, obj=None):
        return True  # owner, dates, status and update are kept up to date


@admin.register(AgendaItem, site=portal_admin_site)
class AgendaItemAdmin(PartnershipScopedAdmin):
    list_display = ["__str__", "meeting", "starts_at", "item_type", "paper"]
    list_filter = ["item_type"]
    list_select_related = ["meeting__partnership", "paper"]
    fields = ["meeting", "position", "number", "starts_at", "title", "item_type", "presenter",
              "paper", "is_exempt"]
    inlines = [MinuteInline, ActionLogInline]

    def get_readonly_fields(self, request, obj=None):
        return self.fields if minutes_locked(obj) else []

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not minutes_locked(obj)


class PaperAdminForm(PartnershipOwnedForm):
    """One choice says what the paper is: written here, or generated from a named source."""

    content = forms.ChoiceField(label="What the paper presents")

    class Meta:
        model = Paper
        fields = ["partnership", "content", "title", "summary", "body", "recommendations",
                  "author", "contact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partnership = self.instance.partnership if self.instance.partnership_id else None
        choices = [(WRITTEN, "Written in the portal")]
        for kind in all_kinds():
            if kind.is_generated and partnership:
                choices.append((kind.name, [(f"{kind.key}:{value}", f"{kind.name}: {label}")
                                            for value, label in kind.source.choices(partnership)]))
        self.fields["content"].choices = choices
        self.fields["content"].help_text = (
            "Generated papers are built from the portal's live data when the pack is published."
            if partnership else "Save the paper first to choose a generated report.")
        if self.instance.pk:
            self.initial["content"] = (f"{self.instance.kind}:{self.instance.source}"
                                       if self.instance.source else self.instance.kind)

    def clean_content(self):
        key, _, source = self.cleaned_data["content"].partition(":")
        self.instance.kind, self.instance.source = key, source
        try:
            kind = get_kind(key)
            if kind.is_generated:
                kind.source.value(self.instance)
        except PaperUnavailable as problem:
            raise forms.ValidationError(f"This paper cannot be built: {problem}") from None
        return self.cleaned_data["content"]


class AppendixInline(PartnershipScopedInline, admin.StackedInline):
    model = Appendix
    fields = ["position", "title", "body", "document"]
    extra = 0


@admin.register(Paper, site=portal_admin_site)
class PaperAdmin(PartnershipScopedAdmin, SimpleHistoryAdmin):
    form = PaperAdminForm
    list_display = ["title", "kind", "author"]
    list_filter = ["kind"]
    search_fields = ["title", "body"]
    inlines = [AppendixInline]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1  # so that an author editing an older copy is told, not overwritten
        super().save_model(request, obj, form, change)


@admin.register(ActionLogEntry, site=portal_admin_site)
class ActionLogEntryAdmin(PartnershipScopedAdmin, SimpleHistoryAdmin):
    """An action stays with the item that raised it; once that meeting's minutes are approved
    its words stay too, while its owner, dates, status and update are kept up to date."""

    list_display = ["description", "owner", "status", "due_meeting", "due_on"]
    list_filter = ["status"]
    list_select_related = ["owner", "due_meeting__partnership"]
    fields = ["raised_at", "description", "owner", "due_meeting", "due_on", "status", "update"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["raised_at", "description"] if minutes_locked(obj.raised_at) else ["raised_at"]

    def has_delete_permission(self, request, obj=None):
        return (super().has_delete_permission(request, obj)
                and not (obj and minutes_locked(obj.raised_at)))
