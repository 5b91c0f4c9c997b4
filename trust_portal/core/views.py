from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.views import defaults
from django.views.decorators.http import require_GET

from .access import PREVIOUS_SIGN_IN, partnership_view, partnerships_for
from .plugins import panels_for


@require_GET
def home(request):
    """Send the user to the partnership they last used, or let them choose one."""
    partnerships = list(partnerships_for(request.user))
    remembered = request.session.get("partnership")
    if remembered in {p.slug for p in partnerships}:
        return redirect("partnership_home", remembered)
    if len(partnerships) == 1:
        return redirect("partnership_home", partnerships[0].slug)
    return choose_partnership(request)


class SignInView(LoginView):
    """Django's sign-in, noting in the new session when the user last signed in before it, so
    that pages can show what is new since their last visit (Access.previous_sign_in)."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        previous = form.get_user().last_login  # before signing in sets it to now
        response = super().form_valid(form)
        self.request.session[PREVIOUS_SIGN_IN] = previous.isoformat() if previous else None
        return response


@require_GET
def choose_partnership(request):
    return render(request, "core/choose_partnership.html",
                  {"partnerships": partnerships_for(request.user)})


@login_not_required
@require_GET
def accessibility(request):
    return render(request, "accessibility.html")


def page_not_found(request, exception):
    """Every missing page looks the same, whether no URL matched or a view found no record it
    may show: a refusal that answers 404 must not tell by the partnership's menu that the
    address exists."""
    request.access = None
    return defaults.page_not_found(request, exception)


@require_GET
@partnership_view
def partnership_home(request, access):
    """The partnership's home page: each app's panels of the reader's work (plugins.Panel)."""
    return render(request, "core/partnership_home.html", {"panels": panels_for(access)})
