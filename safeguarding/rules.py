"""The register's and the Star Chamber's rules, as pure functions with table tests
(tests/test_safeguarding_rules.py)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

DUPLICATE_WINDOW_DAYS = 365
"""The Star Chamber's fourth criterion: "the request for data does not fully or partly
duplicate a request that has been made in the last 12 months"."""


def is_overdue(*, due_on: datetime.date | None, completed_on: datetime.date | None,
               today: datetime.date) -> bool:
    """An action is overdue when it has a due date, is not completed, and the day has passed."""
    return due_on is not None and completed_on is None and due_on < today


@dataclass(frozen=True)
class Approved:
    """An approved request as the duplicate rule reads it."""

    pk: int
    priority_id: int
    target_group: str
    approved_on: datetime.date


def same_group(one: str, other: str) -> bool:
    """Target groups match whatever their case and spacing ("Year 6 pupils", "year 6  pupils")."""
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def duplicates(*, priority_id: int, target_group: str, approved: Iterable[Approved],
               on: datetime.date, exclude: int | None = None) -> list[Approved]:
    """The approved requests that a request for `priority_id` and `target_group`, considered
    on `on`, would duplicate: same CYPP priority and target group, approved in the 12 months
    up to that day. `exclude` is the request's own id, which never duplicates itself."""
    since = on - datetime.timedelta(days=DUPLICATE_WINDOW_DAYS)
    return [request for request in approved
            if request.pk != exclude and request.priority_id == priority_id
            and same_group(request.target_group, target_group)
            and since <= request.approved_on <= on]
