"""Who may see and do what. Every view asks here first, so each rule lives in one place.

A partnership a user does not belong to answers 404, so its existence is not disclosed;
a page of their own partnership that their role may not use answers 403.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, wraps
from typing import Concatenate

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from .models import Membership, Partnership, Person, Role
from .security import log_refusal


@dataclass(frozen=True)
class Access:
    """A user's standing in one partnership, resolved once per request."""

    partnership: Partnership
    roles: frozenset[str]
    user: User
    previous_sign_in: datetime | None = None
    """When the user signed in before this session began, for what is new since their last
    visit; None on their first sign-in, or if not known (see views.SignInView)."""

    @cached_property
    def person(self) -> Person | None:
        """The user among the partnership's people, read only by the pages that ask."""
        return Person.objects.filter(partnership=self.partnership, user=self.user).first()

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    @property
    def is_administrator(self) -> bool:
        return Role.ADMINISTRATOR in self.roles

    def acts_as(self, role: str, *roles: str) -> bool:
        """Whether the user holds one of the roles or administers the partnership, as an
        administrator may do anything."""
        return self.is_administrator or self.has_role(role, *roles)

    def require_role(self, role: str, *roles: str) -> None:
        """Refuse (403) anyone who may not act as one of the roles (see acts_as)."""
        if not self.acts_as(role, *roles):
            raise PermissionDenied(for_roles(role, *roles))

    def require_administrator(self) -> None:
        """Refuse (403) anyone but the partnership's administrators."""
        if not self.is_administrator:
            raise PermissionDenied(for_roles())


def for_roles(*roles: str) -> str:
    """Who may use a page, for the refusal: "This page is for lead officers and administrators."""
    names = [f"{Role(role).label.lower()}s" for role in roles if role != Role.ADMINISTRATOR]
    return f"This page is for {', '.join(names)}{' and ' if names else ''}administrators."


PREVIOUS_SIGN_IN = "previous_sign_in"
"""The session's note of when its user last signed in before it (see Access)."""


class MemberRequest(HttpRequest):
    """A request as the partnership's pages see it: signed in (LoginRequiredMiddleware sees to
    that), with the partnerships the user can switch between (see get_access) and, once
    partnership_view has resolved it, their access."""

    user: User
    my_partnerships: list[Partnership]
    access: Access


def get_access(request: MemberRequest, slug: str) -> Access:
    """The user's access to the partnership `slug`, or 404 if they are not a member."""
    memberships = list(Membership.objects.filter(user=request.user).select_related("partnership"))
    # The same rows give the header the partnerships the user can switch between.
    request.my_partnerships = list({m.partnership_id: m.partnership for m in memberships}.values())
    here = [membership for membership in memberships if membership.partnership.slug == slug]
    if not here:
        log_refusal(request, f"not a member of {slug}")
        raise Http404("No such partnership")
    previous = request.session.get(PREVIOUS_SIGN_IN)
    return Access(partnership=here[0].partnership,
                  roles=frozenset(membership.role for membership in here), user=request.user,
                  previous_sign_in=datetime.fromisoformat(previous) if previous else None)


def partnerships_for(user: User) -> QuerySet[Partnership]:
    return Partnership.objects.filter(memberships__user=user).distinct()


def partnership_view[**P](
    view: Callable[Concatenate[MemberRequest, Access, P], HttpResponse],
) -> Callable[Concatenate[MemberRequest, str, P], HttpResponse]:
    """Resolve the user's access to the partnership in the URL and pass it to the view.

    The partnership last visited is remembered so that the portal's home returns to it. The
    access is kept on the request too, for the templates (see context_processors.portal).
    """

    @wraps(view)
    def wrapper(request: MemberRequest, slug: str, *args: P.args,
                **kwargs: P.kwargs) -> HttpResponse:
        access = request.access = get_access(request, slug)
        if request.session.get("partnership") != slug:
            request.session["partnership"] = slug
        return view(request, access, *args, **kwargs)

    return wrapper
