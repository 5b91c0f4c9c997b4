from .access import partnerships_for


def memberships(request):
    """The partnerships the signed-in user can switch between, for the header: those read with
    the user's access to a partnership if the page asked for it, else read now."""
    if not request.user.is_authenticated:
        return {}
    mine = getattr(request, "my_partnerships", None)
    return {"my_partnerships": partnerships_for(request.user) if mine is None else mine}
