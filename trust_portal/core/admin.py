"""The Django admin for reference data, open only to partnership administrators.

A partnership administrator sees and edits only the records of the partnerships they
administer; the site's superuser sees everything.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.forms.models import ModelChoiceIterator
from django.http import Http404

from .models import Membership, Organisation, Partnership, Person, Role
from .ownership import PartnershipOwnedForm, is_owned, owned_by


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


def administered(queryset, user):
    """The records of `queryset` that `user` administers: for a partnership administrator,
    their partnerships' records, and the logins that are members of them."""
    if user.is_superuser:
        return queryset
    if is_owned(queryset.model):
        return owned_by(queryset, administered_partnerships(user))
    if queryset.model is User:
        return queryset.filter(
            memberships__partnership__in=administered_partnerships(user)).distinct()
    return queryset.none()


class AdministeredRawIdWidget(ForeignKeyRawIdWidget):
    """A raw-id box that names the chosen record only if the administrator may see it."""

    def __init__(self, rel, admin_site, *, visible, **kwargs):
        super().__init__(rel, admin_site, **kwargs)
        self.visible = visible

    def label_and_url_for_value(self, value):
        try:
            shown = self.visible.filter(**{self.rel.get_related_field().name: value}).exists()
        except (ValueError, ValidationError):
            shown = False
        return super().label_and_url_for_value(value) if shown else ("", "")


class ChecksIdsMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice that refuses an id out of the database's range as invalid, where
    Django's own would fail on it (OverflowError on SQLite, DataError on PostgreSQL)."""

    def _check_values(self, value):
        opts = self.queryset.model._meta
        key = opts.get_field(self.to_field_name) if self.to_field_name else opts.pk
        for pk in value if isinstance(value, (list, tuple)) else []:
            try:
                key.run_validators(key.to_python(pk))
            except ValidationError:
                raise ValidationError(self.error_messages["invalid_pk_value"],
                                      code="invalid_pk_value", params={"pk": pk}) from None
        return super()._check_values(value)


def sort_key(record):
    return record.sort_key


class SortedChoices(ModelChoiceIterator):
    """A choice's records in their own order, where the database cannot sort them so: a model
    whose records have a `sort_key` (e.g. indicators, by the natural order of their codes)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for record in sorted(self.queryset, key=sort_key):
            yield self.choice(record)


def in_own_order(field, model):
    """The choice `field` of `model`'s records, offering them in their own order if they have
    one (see SortedChoices)."""
    if hasattr(model, "sort_key") and hasattr(field, "iterator"):
        field.iterator = SortedChoices
    return field


class SortedChangeList(ChangeList):
    """A list of records that have their own order (`sort_key`), shown in it unless the reader
    sorts by a column."""

    def get_results(self, request):
        super().get_results(request)
        if ORDER_VAR in self.params:
            return
        records = sorted(self.queryset, key=sort_key)
        if self.multi_page and not (self.show_all and self.can_show_all):
            start = (self.page_num - 1) * self.list_per_page
            records = records[start:start + self.list_per_page]
        self.result_list = records


class PartnershipScoped:
    """Offer and accept, in every choice of a page or inline, only administered records, in
    their own order where they have one."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = in_own_order(super().formfield_for_foreignkey(db_field, request, **kwargs),
                             db_field.related_model)
        if is_owned(db_field.related_model):
            field.queryset = administered(field.queryset, request.user)
        if isinstance(field.widget, ForeignKeyRawIdWidget):
            field.widget = AdministeredRawIdWidget(
                db_field.remote_field, self.admin_site, using=field.widget.db,
                visible=administered(db_field.related_model._default_manager.all(),
                                     request.user))
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", ChecksIdsMultipleChoiceField)
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None:
            in_own_order(field, db_field.related_model)
        if field is not None and is_owned(db_field.related_model):
            field.queryset = administered(field.queryset, request.user)
        return field


class PartnershipScopedAdmin(PartnershipScoped, admin.ModelAdmin):
    """Limit a model's admin to the partnerships the user administers.

    Another partnership's record is "not found" on every page: change, delete, history and
    the history form. The model's `partnership_path` says whose a record is.
    """

    form = PartnershipOwnedForm

    def get_queryset(self, request):
        return administered(super().get_queryset(request), request.user)

    def get_changelist(self, request, **kwargs):
        """Records with their own order are listed in it (see SortedChangeList)."""
        if hasattr(self.model, "sort_key"):
            return SortedChangeList
        return super().get_changelist(request, **kwargs)

    def get_list_filter(self, request):
        """A filter by a related record lists only those of the records shown."""
        return [(name, admin.RelatedOnlyFieldListFilter)
                if isinstance(name, str) and get_fields_from_path(self.model, name)[-1].is_relation
                else name for name in super().get_list_filter(request)]

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:  # rather than Django's redirect to the index with a message
            raise Http404(f"No {self.opts.verbose_name} with that id.")
        return obj

    def history_view(self, request, object_id, extra_context=None):
        self.get_object(request, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """django-simple-history's view of one past version (SimpleHistoryAdmin only)."""
        obj = self.get_object(request, unquote(object_id))
        try:
            obj.history.get(history_id=version_id)
        except (ObjectDoesNotExist, ValueError, ValidationError):
            raise Http404("No such version.") from None
        return super().history_form_view(request, object_id, version_id, extra_context)

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


class PartnershipScopedInline(PartnershipScoped):
    """Inlines follow their page: whoever may edit the record may edit its parts."""

    form = PartnershipOwnedForm
    # No record has more parts than this (a meeting's agenda, a tender's criteria). A post
    # claiming more rows is refused before a form is built for each: a forged count would
    # otherwise cost the server seconds per request.
    parts_limit = max_num = 100

    def get_formset(self, request, obj=None, **kwargs):
        # Django sets max_num to 0 on an inline the user may not add to; the limit stays.
        return super().get_formset(request, obj, absolute_max=self.parts_limit, **kwargs)

    def has_view_permission(self, request, obj=None):
        return True

    def has_add_permission(self, request, obj=None):
        return True

    def has_change_permission(self, request, obj=None):
        return True

    def has_delete_permission(self, request, obj=None):
        return True


class SuperuserOnly:
    """The logins and groups of the whole install, which span partnerships: a partnership
    administrator gives roles through memberships, never staff or superuser status."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Partnership, site=portal_admin_site)
class PartnershipAdmin(PartnershipScopedAdmin):
    list_display = ["name", "slug", "board_name"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser  # it would take every record of the partnership


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


@admin.register(User, site=portal_admin_site)
class PortalUserAdmin(SuperuserOnly, UserAdmin):
    pass


@admin.register(Group, site=portal_admin_site)
class PortalGroupAdmin(SuperuserOnly, GroupAdmin):
    pass
