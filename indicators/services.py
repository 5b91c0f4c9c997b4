"""Writes to targets and actuals: each in one transaction with its history rows.

Every write checks the version the editor read, so two people saving the same figure cannot
silently overwrite each other, and runs a fixed number of queries however many rows it saves.
Bulk writes send no signals, so each tells the report cache itself that the figures changed,
first: that locks the partnership's row, so writers of one partnership's figures take their
locks in the same order and wait for each other instead of deadlocking.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from trust_portal.core.access import Access
from trust_portal.core.models import Role

from .models import Actual, DataQuality, Indicator, ReportingPeriod, Target
from .report_cache import figures_changed

ACTUAL_FIELDS = [*Actual.CONTENT_FIELDS, "status"]


class StaleFigures(Exception):
    """Some figures changed since the editor read them; nothing was saved."""

    def __init__(self, current):
        super().__init__("Someone else saved some of these figures while you were editing.")
        self.current = current  # indicator pk -> the Actual or Target as saved now


@dataclass
class ActualEntry:
    indicator: Indicator
    expected_version: int  # 0 when the editor saw no actual yet
    value: Decimal | None
    data_quality: str = DataQuality.ACTUAL
    forecast: Decimal | None = None
    context: str = ""
    corrective_action: str = ""
    stated_direction: str = ""


@dataclass
class TargetEntry:
    indicator: Indicator
    period: ReportingPeriod
    value: Decimal
    expected_version: int | None = None  # None: whatever is there now (an upload)


def can_enter_actuals(access: Access, period: ReportingPeriod) -> bool:
    """Performance officers enter actuals while a period is open; administrators always."""
    if access.is_administrator:
        return True
    return access.has_role(Role.PERFORMANCE_OFFICER) and period.is_open


def _changed(record, values):
    return any(getattr(record, field) != value for field, value in values.items())


def _create_unless_raced(records, model, user):
    """Create records that did not exist when read, or raise StaleFigures if someone else
    created one meanwhile: with no row to lock yet, the unique constraint is what stops the
    second editor, and the savepoint turns that into a message instead of an error."""
    try:
        with transaction.atomic():
            bulk_create_with_history(records, model, default_user=user)
    except IntegrityError:
        current = model.objects.filter(
            indicator__in=[record.indicator for record in records],
            period__in={record.period for record in records})
        raise StaleFigures({record.indicator_id: record for record in current}) from None


def _stale(entries, existing, key):
    """The entries whose record is no longer at the version the editor read (0: none yet)."""
    return {entry.indicator.pk: existing.get(key(entry)) for entry in entries
            if entry.expected_version is not None
            and entry.expected_version != getattr(existing.get(key(entry)), "version", 0)}


def _content(entry):
    return {field: getattr(entry, field) for field in Actual.CONTENT_FIELDS}


def _is_change(entry, actual, submit):
    """Whether saving the entry would change anything: a line the officer left as it is saved
    stays as it is, neither turned back into a draft nor checked against other people's saves.
    """
    if actual is None:
        return True
    return _changed(actual, _content(entry)) or (
        submit and actual.status != Actual.Status.SUBMITTED)


def _untouched_since_read(entries, existing):
    """Lines someone else saved after the officer read them, which the officer left exactly as
    read: the posted figures equal the saved ones at the version the officer read. Saving the
    page must neither overwrite them nor refuse the officer's other lines because of them."""
    behind = {existing[entry.indicator.pk].pk: entry for entry in entries
              if entry.indicator.pk in existing and entry.expected_version
              and entry.expected_version != existing[entry.indicator.pk].version}
    if not behind:
        return set()
    as_read = {(record.id, record.version): record
               for record in Actual.history.filter(id__in=behind)}
    return {entry.indicator.pk for actual_pk, entry in behind.items()
            if (record := as_read.get((actual_pk, entry.expected_version)))
            and not _changed(record, _content(entry))}


@transaction.atomic
def record_actuals(*, period, entries, user, submit):
    """Save a quarter's actuals from the entry page or an upload.

    `submit` marks the saved lines submitted; otherwise they are drafts. Lines whose figures
    and commentary did not change are left alone, so the history records only real changes
    and a draft save does not withdraw figures already submitted.
    Returns the number of actuals created or changed.
    """
    figures_changed(pk=period.partnership_id)
    existing = {a.indicator_id: a for a in Actual.objects.select_for_update().filter(
        period=period, indicator__in=[e.indicator for e in entries])}
    untouched = _untouched_since_read(entries, existing)
    entries = [entry for entry in entries if entry.indicator.pk not in untouched
               and _is_change(entry, existing.get(entry.indicator.pk), submit)]
    if stale := _stale(entries, existing, key=lambda entry: entry.indicator.pk):
        raise StaleFigures(stale)
    status = Actual.Status.SUBMITTED if submit else Actual.Status.DRAFT
    now = timezone.now()
    created, updated = [], []
    for entry in entries:
        values = {**_content(entry), "status": status}
        actual = existing.get(entry.indicator.pk)
        if actual is None:
            created.append(Actual(indicator=entry.indicator, period=period, entered_by=user,
                                  entered_at=now, **values))
        else:
            for field, value in values.items():
                setattr(actual, field, value)
            actual.version += 1
            actual.entered_by, actual.entered_at = user, now
            updated.append(actual)
    if created:
        _create_unless_raced(created, Actual, user)
    if updated:
        bulk_update_with_history(updated, Actual, [*ACTUAL_FIELDS, "version", "entered_by",
                                                   "entered_at"], default_user=user)
    return len(created) + len(updated)


@transaction.atomic
def set_targets(*, entries, user):
    """Create or change targets, refusing any that moved on since the editor read them."""
    figures_changed(pk__in={entry.period.partnership_id for entry in entries})
    existing = {(t.indicator_id, t.period_id): t for t in Target.objects.select_for_update()
                .filter(indicator__in=[e.indicator for e in entries],
                        period__in={e.period.pk for e in entries})}
    if stale := _stale(entries, existing, key=lambda e: (e.indicator.pk, e.period.pk)):
        raise StaleFigures(stale)
    created, updated = [], []
    for entry in entries:
        target = existing.get((entry.indicator.pk, entry.period.pk))
        if target is None:
            created.append(Target(indicator=entry.indicator, period=entry.period,
                                  value=entry.value))
        elif target.value != entry.value:
            target.value = entry.value
            target.version += 1
            updated.append(target)
    if created:
        _create_unless_raced(created, Target, user)
    if updated:
        bulk_update_with_history(updated, Target, ["value", "version"], default_user=user)
    return len(created) + len(updated)
