"""Safeguarding's panel on the partnership's home page (see SafeguardingConfig.panels): for
those inside the wall (see wall.py), the reviews with actions overdue and the data requests
awaiting the Star Chamber's decision."""

from .models import DataRequest
from .reads import register, requests_of
from .wall import may_read_register, reviews_of


def safeguarding_work(access):
    """The reviews with an action overdue, and the data requests awaiting a decision; None
    for anyone outside the wall, to whom the register does not exist."""
    if not may_read_register(access):
        return None
    reviews = register(reviews_of(access)).filter(overdue_actions__gt=0).select_related(
        "partnership").order_by("reference")
    requests = requests_of(access.partnership).filter(
        status__in=DataRequest.AWAITING_DECISION).select_related("partnership").order_by(
        "submitted_at")
    return {"reviews": list(reviews), "requests": list(requests)}
