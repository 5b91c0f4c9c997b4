"""Who may do what in commissioning, in one place.

Commissioners and administrators write; every member reads commissions and contracts. Until
a contract is awarded, a commission's bids and scores are the panel's and the administrators'
alone: not the board's, and never in an export, a paper or the open data.
"""

from django.shortcuts import get_object_or_404

from trust_portal.core.access import Access
from trust_portal.core.models import Role

from .models import Commission, PanelMember

WRITERS = (Role.COMMISSIONER,)


def can_write(access: Access) -> bool:
    return access.acts_as(*WRITERS)


def panel_seat(access: Access, commission: Commission) -> PanelMember | None:
    """The reader's seat on the commission's panel, if they have one."""
    if access.person is None:
        return None
    return PanelMember.objects.filter(commission=commission, person=access.person).first()


PANEL_ONLY = "This page is for the commission's panel and administrators until the award."


def may_see_bids(access: Access, commission: Commission,
                 seat: PanelMember | None = None) -> bool:
    return access.is_administrator or seat is not None or commission.is_awarded


def get_commission(access: Access, pk: int, *, write: bool = False) -> Commission:
    """The partnership's commission `pk` (404 otherwise); 403 to a reader asked to write."""
    if write:
        access.require_role(*WRITERS)
    return get_object_or_404(Commission.objects.for_partnership(access.partnership).for_page(),
                             pk=pk)
