"""Readable change logs from django-simple-history's records: who changed what, from and to."""

from itertools import groupby

from django.contrib.auth.models import User
from django.db.models import Model

IGNORED_FIELDS = ["version"]


def record_user(record: Model, user: User | None) -> None:
    """Name `user` as who made the change that saving `record` next writes to its history
    (django-simple-history reads it from the record), in a request or not."""
    record._history_user = user  # type: ignore[attr-defined]


def describe_changes(records, model, *, display=None, hidden=()):
    """Each record, newest first, with the fields it changed from the record before it.

    `records` are one or more objects' historical records (any order); `display(field, value)`
    may turn stored values into what users read; `hidden` fields are not listed, e.g. those
    that say who changed the record and when, which every record says anyway.
    """
    display = display or (lambda field, value: value)
    records = sorted(records, key=lambda r: (r.id, r.history_date, r.history_id))
    changes = []
    for _, versions in groupby(records, key=lambda r: r.id):
        older = None
        for record in versions:
            fields = []
            if older is not None:
                delta = record.diff_against(older,
                                            excluded_fields=[*IGNORED_FIELDS, *hidden])
                fields = [{"label": model._meta.get_field(change.field).verbose_name,
                           "old": display(change.field, change.old),
                           "new": display(change.field, change.new)}
                          for change in delta.changes]
            changes.append({"record": record, "created": older is None, "fields": fields})
            older = record
    changes.sort(key=lambda change: (change["record"].history_date,
                                     change["record"].history_id), reverse=True)
    return changes
