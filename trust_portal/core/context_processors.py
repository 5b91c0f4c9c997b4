from django.urls import reverse

from .access import partnerships_for
from .plugins import offered, portal_apps


def memberships(request):
    """The partnerships the signed-in user can switch between, for the header: those read with
    the user's access to a partnership if the page asked for it, else read now."""
    if not request.user.is_authenticated:
        return {}
    mine = getattr(request, "my_partnerships", None)
    return {"my_partnerships": partnerships_for(request.user) if mine is None else mine}


def portal(request):
    """The reader's access to the partnership of the page, and the menu of the pages it offers
    them: each app's `menu` entries that their roles allow (see plugins.MenuEntry)."""
    access = getattr(request, "access", None)
    if access is None:
        return {}
    entries = sorted((entry for config in portal_apps() for entry in getattr(config, "menu", ())
                      if offered(entry, access)), key=lambda entry: entry.order)
    slug = access.partnership.slug
    return {"access": access, "menu": [(entry.label, reverse(entry.url_name, args=[slug]))
                                       for entry in entries]}
