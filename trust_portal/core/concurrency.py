"""Optimistic locking: every editable record carries a version that each save raises.

A form carries the version it was read at; saving from a stale copy is refused rather than
silently overwriting the newer work.
"""

from django.db.models import F


class StaleEdit(Exception):
    """The record changed after the editor opened it; saving would overwrite someone's work."""

    def __init__(self, current):
        super().__init__("This record was changed by someone else while you were editing it.")
        self.current = current


def at_version(form_class, data, version, **kwargs):
    """The form as the editor posted it, bound at the record's current `version`: their words
    stay on the page, and saving again overwrites only the newer work they have now seen."""
    form = form_class({**data.dict(), "version": version}, **kwargs)
    form.is_valid()  # shows their errors, if any, beside the fields again
    return form


def claim_version(model, pk, expected_version):
    """Raise the record's version if it still is `expected_version`, else raise StaleEdit.

    The conditional UPDATE takes the row lock and bumps the version in one statement, so two
    editors holding the same version cannot both succeed, on SQLite or PostgreSQL.
    """
    claimed = model.objects.filter(pk=pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleEdit(model.objects.get(pk=pk))
    return expected_version + 1
