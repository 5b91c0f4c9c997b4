"""The wall around the review register: the one place that says who may read it.

Only the partnership's safeguarding leads and administrators read the register, its reviews
and their read log. Everyone else (any other role, a member of another partnership, someone
signed out) is answered exactly as an address that does not exist would be: 404, before
anything else is checked, so neither a sign-in redirect, a 403, a 405 nor a CSRF refusal
tells them there is something here.
"""

from collections.abc import Callable
from functools import wraps
from typing import Concatenate

from django.contrib.auth.decorators import login_not_required
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponseBase
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt

from trust_portal.core.access import Access, MemberRequest, get_access
from trust_portal.core.models import Role
from trust_portal.core.security import log_refusal

from .models import Review

_csrf = CsrfViewMiddleware(HttpResponse)  # only its process_view is used


def may_read_register(access: Access | None) -> bool:
    """The partnership's safeguarding leads and administrators."""
    return access is not None and access.acts_as(Role.SAFEGUARDING_LEAD)


def behind_wall[**P](
    view: Callable[Concatenate[MemberRequest, Access, P], HttpResponseBase],
) -> Callable[Concatenate[MemberRequest, str, P], HttpResponseBase]:
    """A view of the register: the reader's access to the partnership in the URL is passed
    to it only if they may read the register; anyone else gets the portal's plain 404.
    The CSRF check runs after the wall (the view is exempt from the middleware's own, which
    would run before it)."""

    @login_not_required
    @csrf_exempt
    @wraps(view)
    def wrapper(request: MemberRequest, slug: str, *args: P.args,
                **kwargs: P.kwargs) -> HttpResponseBase:
        if not request.user.is_authenticated:
            raise Http404
        access = get_access(request, slug)
        if not may_read_register(access):
            log_refusal(request, "not a safeguarding lead or administrator")
            raise Http404
        refused = _csrf.process_view(request, view, args, kwargs)
        if refused is not None:
            return refused
        request.access = access
        return view(request, access, *args, **kwargs)

    return wrapper


def reviews_of(access: Access) -> QuerySet[Review]:
    """The register of the reader's partnership; only for views behind the wall."""
    if not may_read_register(access):
        raise Http404
    return Review.objects.filter(partnership=access.partnership)


def get_review(access: Access, pk: int) -> Review:
    return get_object_or_404(reviews_of(access), pk=pk)
