"""The Django admin for reference data, open only to partnership administrators.

A partnership administrator sees and edits only the records of the partnerships they
administer; the site's superuser sees everything.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from .models import Membership, Organisation, Partnership, Person, Role


class PortalAdminSite(admin.AdminSite):
    site_header = "Trust Portal administration"
    site_title = "Trust Portal administration"

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_superuser or (
            user.is_staff and administered_partnerships(user).exists()
        ))


portal_admin_site = PortalAdminSite(name="admin")


def administered_partnerships(user):
    return Partnership.objects.filter(memberships__user=user,
                                      memberships__role=Role.ADMINISTRATOR)


class PartnershipScopedAdmin(admin.ModelAdmin):
    """Limit a model's admin to the partnerships the user administers.

    `partnership_path` is the lookup from the model to its partnership.
    """

    partnership_path = "partnership"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{
            f"{self.partnership_path}__in": administered_partnerships(request.user)
        })

    def _allowed(self, request):
        return portal_admin_site.has_permission(request)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.related_model is Partnership and not request.user.is_superuser:
            field.queryset = administered_partnerships(request.user)
        return field


@admin.register(Partnership, site=portal_admin_site)
class PartnershipAdmin(PartnershipScopedAdmin):
    partnership_path = "pk"
    list_display = ["name", "slug", "board_name"]

    def has_add_permission(self, request):
        return request.user.is_superuser


@admin.register(Organisation, site=portal_admin_site)
class OrganisationAdmin(PartnershipScopedAdmin):
    list_display = ["name", "kind", "partnership"]
    list_filter = ["partnership", "kind"]
    search_fields = ["name"]


@admin.register(Person, site=portal_admin_site)
class PersonAdmin(PartnershipScopedAdmin):
    list_display = ["name", "job_title", "organisation", "partnership", "user"]
    list_filter = ["partnership", "is_councillor"]
    search_fields = ["name", "job_title"]
    raw_id_fields = ["organisation", "user"]


@admin.register(Membership, site=portal_admin_site)
class MembershipAdmin(PartnershipScopedAdmin):
    list_display = ["user", "partnership", "role"]
    list_filter = ["partnership", "role"]
    raw_id_fields = ["user"]


portal_admin_site.register(User, UserAdmin)
portal_admin_site.register(Group, GroupAdmin)
