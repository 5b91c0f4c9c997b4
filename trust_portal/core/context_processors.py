from .access import partnerships_for


def memberships(request):
    """The partnerships the signed-in user can switch between, for the header."""
    if not request.user.is_authenticated:
        return {}
    return {"my_partnerships": partnerships_for(request.user)}
