"""Writes to targets and actuals: each in one transaction with its history rows.

Every write checks the version the editor read, so two people saving the same figure cannot
silently overwrite each other, and runs a fixed number of queries however many rows it saves
(but for the rare removal of a target, and the periods a target page or an upload creates).
Bulk writes send no signals, so each tells the report cache itself that the figures changed,
first: that locks the partnership's row, so writers of one partnership's figures take their
locks in the same order and wait for each other instead of deadlocking.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from trust_portal.core.access import Access
from trust_portal.core.history import record_user
from trust_portal.core.models import Role

from .figures import storable
from .models import Actual, DataQuality, Indicator, ReportingPeriod, Target
from .reminders import officers_to_tell, send_return_notice
from .report_cache import figures_changed
from .signoff import Move, keeps_review, next_status, review_refusal

ACTUAL_FIELDS = [*Actual.CONTENT_FIELDS, "status"]
# What an actual holds of its review (sign-off or return) before anyone has reviewed it.
NOT_REVIEWED = {"reviewed_by": None, "reviewed_at": None, "return_reason": ""}


class StaleFigures(Exception):
    """Some figures changed since the editor read them; nothing was saved."""

    def __init__(self, current: Mapping[Any, Actual | Target | None],
                 changed: set[Any] | None = None) -> None:
        super().__init__("Someone else saved some of these figures while you were editing.")
        # Each figure's key (an actual's indicator pk; a target's indicator pk and period
        # name, which a period created by the save rolled back still has) -> the Actual or
        # Target as saved now, or None.
        self.current = current
        # The keys of the figures the editor changed from what they read.
        self.changed = changed


class ReviewRefused(Exception):
    """Some figures are not the reviewer's to sign off or return; nothing was saved."""

    def __init__(self, refusals: Mapping[int, str]) -> None:
        super().__init__(" ".join(refusals.values()))
        self.refusals = refusals  # indicator pk -> why


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
    period: ReportingPeriod  # not saved yet: created open if a target is set in it
    value: Decimal | None  # None: no target (a target there is removed)
    expected_version: int | None = None  # None: whatever is there now


# Who sets targets, with administrators: the officers who enter the figures and the managers
# who sign them off (see may_change).
TARGET_SETTERS = frozenset({Role.PERFORMANCE_OFFICER, Role.PERFORMANCE_MANAGER})


def may_change(access: Access, period: ReportingPeriod, roles: Iterable[str]) -> bool:
    """Holders of `roles` change a period's figures while it is open (or not created yet: it
    opens when created, see ReportingPeriod.objects.for_entry); administrators always."""
    if access.is_administrator:
        return True
    return access.has_role(*roles) and (period.pk is None or period.is_open)


def can_enter_actuals(access: Access, period: ReportingPeriod) -> bool:
    """Performance officers enter actuals while a period is open; administrators always."""
    return may_change(access, period, {Role.PERFORMANCE_OFFICER})


def can_set_targets(access: Access, period: ReportingPeriod) -> bool:
    """TARGET_SETTERS set a period's targets while it is open; administrators always."""
    return may_change(access, period, TARGET_SETTERS)


def can_sign_off(access: Access) -> bool:
    """Performance managers and administrators sign off figures and return them."""
    return access.acts_as(Role.PERFORMANCE_MANAGER)


def _refuse_what_cannot_be_stored(figures: Iterable[Decimal | None]) -> None:
    """ValueError for a figure that does not fit the database once rounded: the forms and the
    importer refuse those with a message first (figures.parse_figure), so this is a last
    guard, and a figure that got here would otherwise break every report that reads it."""
    for figure in figures:
        if figure is not None and storable(figure) != figure:
            raise ValueError(f"{figure} has more than 4 decimal places")


def _create_unless_raced[R: (Actual, Target)](records: list[R], model: type[R], user: User,
                                             key: Callable[[R], Any]) -> None:
    """Create records that did not exist when read, or raise StaleFigures if someone else
    created one meanwhile: with no row to lock yet, the unique constraint is what stops the
    second editor, and the savepoint turns that into a message instead of an error."""
    try:
        with transaction.atomic():
            bulk_create_with_history(records, model, default_user=user)
    except IntegrityError:
        current = model.objects.filter(
            indicator__in=[record.indicator for record in records],
            period__in={record.period for record in records}).select_related("period")
        raise StaleFigures({key(record): record for record in current}) from None


def _stale[E: (ActualEntry, TargetEntry), K](
        entries: Sequence[E], existing: Mapping[K, Actual | Target],
        key: Callable[[E], K]) -> dict[K, Actual | Target | None]:
    """The entries whose record is no longer at the version the editor read (0: none yet)."""
    return {key(entry): existing.get(key(entry)) for entry in entries
            if entry.expected_version is not None
            and entry.expected_version != getattr(existing.get(key(entry)), "version", 0)}


def _content(entry: object, model: type[Actual | Target]) -> dict[str, Any]:
    """An entry's, a record's or a historical record's CONTENT_FIELDS, as a dict."""
    return {field: getattr(entry, field) for field in model.CONTENT_FIELDS}


def _writes(entry: ActualEntry | TargetEntry, record: Actual | Target | None, *, edited: bool,
            submit: bool = False) -> bool:
    """Whether saving the page writes the line. The editor's own edits are written (and
    checked against other people's saves). A line left as it was read is written only to
    submit a draft, and only if no one saved it since: it never overwrites anyone's figures,
    never conflicts with them, a draft save does not withdraw figures already submitted or
    signed off, and a returned figure goes back only once its officer has changed it.
    """
    if record is None:
        return edited
    if not edited and entry.expected_version != record.version:
        return False
    return _content(record, type(record)) != _content(entry, type(record)) or (
        submit and isinstance(record, Actual) and record.status == Actual.Status.DRAFT)


def _changed_since_read[E: (ActualEntry, TargetEntry), K](
        entries: Sequence[E], existing: Mapping[K, Actual | Target],
        model: type[Actual | Target], key: Callable[[E], K]) -> set[K]:
    """The keys of the lines the editor changed: the posted figures differ from what they
    read, the saved record at the version they read (0: none yet, which reads as a new
    record's content). A line they left as read is theirs to write only if no one else saved
    it since, so it can neither overwrite someone else's figures nor conflict with them."""
    blank = model().content()
    behind = {existing[key(entry)].pk: entry for entry in entries
              if key(entry) in existing and entry.expected_version
              and entry.expected_version != existing[key(entry)].version}
    as_read = {(record.id, record.version): record
               for record in model.history.filter(id__in=behind)} if behind else {}
    changed = set()
    for entry in entries:
        record = existing.get(key(entry))
        if not entry.expected_version:
            read = blank
        elif record is not None and entry.expected_version == record.version:
            read = _content(record, model)
        elif record is not None and (record.pk, entry.expected_version) in as_read:
            read = _content(as_read[(record.pk, entry.expected_version)], model)
        else:  # what they read is no longer known: treat the line as theirs, and check it
            read = None
        if read is None or read != _content(entry, model):
            changed.add(key(entry))
    return changed


@transaction.atomic
def record_actuals(*, period: ReportingPeriod, entries: Sequence[ActualEntry], user: User,
                   submit: bool) -> int:
    """Save a quarter's actuals from the entry page or an upload.

    `submit` marks the saved lines submitted; otherwise they are drafts (a returned line stays
    returned, with its reason). A change to a signed-off figure has to be signed off again
    (see signoff.py). Lines whose figures and commentary did not change are left alone (see
    _writes), so the history records only real changes and no one's figures are overwritten
    by a line someone else left as read. Returns the number of actuals created or changed.
    """
    _refuse_what_cannot_be_stored(figure for entry in entries
                                  for figure in (entry.value, entry.forecast))
    figures_changed(pk=period.partnership_id)
    existing = {a.indicator_id: a for a in Actual.objects.select_for_update().filter(
        period=period, indicator__in=[e.indicator for e in entries])}

    def key(entry: ActualEntry) -> int:
        return entry.indicator.pk

    changed = _changed_since_read(entries, existing, Actual, key)
    entries = [entry for entry in entries if _writes(
        entry, existing.get(key(entry)), edited=key(entry) in changed, submit=submit)]
    if stale := _stale(entries, existing, key):
        raise StaleFigures(stale, changed=changed)
    move = Move.SUBMIT if submit else Move.SAVE_DRAFT
    now = timezone.now()
    created, updated = [], []
    for entry in entries:
        actual = existing.get(key(entry))
        status = next_status(actual.status if actual else None, move)
        values = {**_content(entry, Actual), "status": status}
        if actual is None:
            created.append(Actual(indicator=entry.indicator, period=period, entered_by=user,
                                  entered_at=now, **values))
        else:
            if not keeps_review(status):
                values.update(NOT_REVIEWED)
            for field, value in values.items():
                setattr(actual, field, value)
            actual.version += 1
            actual.entered_by, actual.entered_at = user, now
            updated.append(actual)
    if created:
        try:
            _create_unless_raced(created, Actual, user, key=lambda actual: actual.indicator_id)
        except StaleFigures as conflict:  # say which lines were the editor's, as above
            raise StaleFigures(conflict.current, changed=changed) from None
    if updated:
        bulk_update_with_history(updated, Actual, [*ACTUAL_FIELDS, *NOT_REVIEWED, "version",
                                                   "entered_by", "entered_at"],
                                 default_user=user)
    return len(created) + len(updated)


def _in_saved_periods(entries: Sequence[TargetEntry]) -> list[TargetEntry]:
    """The entries, each in a saved period: one not saved yet is created if a target is set
    in it, and an entry setting none in it is dropped (there is nothing there to remove)."""
    created: dict[tuple[int, str, int, int], ReportingPeriod] = {}
    saved = []
    for entry in entries:
        period = entry.period
        if period.pk is None:
            if entry.value is None:
                continue
            lookup = (period.partnership_id, period.kind, period.year, period.quarter)
            if lookup not in created:
                created[lookup] = ReportingPeriod.objects.for_entry(
                    period.partnership, period.kind, period.year, period.quarter)
            entry = replace(entry, period=created[lookup])
        saved.append(entry)
    return saved


@transaction.atomic
def set_targets(*, entries: Sequence[TargetEntry], user: User) -> int:
    """Set targets from a target page or an upload: create, change or remove them (an entry
    of no value removes its target), refusing any that moved on since the editor read them.

    As with actuals, a target the editor left as they read it is never written (see
    _writes). Returns the number of targets created, changed or removed.
    """
    _refuse_what_cannot_be_stored(entry.value for entry in entries)
    figures_changed(pk__in={entry.period.partnership_id for entry in entries})
    entries = _in_saved_periods(entries)
    targets = Target.objects.select_for_update(of=("self",)).filter(
        indicator__in=[e.indicator for e in entries], period__in={e.period.pk for e in entries})
    existing = {(t.indicator_id, t.period.name): t for t in targets.select_related("period")}

    def key(entry: TargetEntry) -> tuple[int, str]:
        return entry.indicator.pk, entry.period.name

    changed = _changed_since_read(entries, existing, Target, key)
    entries = [entry for entry in entries
               if _writes(entry, existing.get(key(entry)), edited=key(entry) in changed)]
    if stale := _stale(entries, existing, key):
        raise StaleFigures(stale, changed=changed)
    created, updated, removed = [], [], []
    for entry in entries:
        target = existing.get(key(entry))
        if entry.value is None:
            if target is not None:
                removed.append(target)
        elif target is None:
            created.append(Target(indicator=entry.indicator, period=entry.period,
                                  value=entry.value))
        else:
            target.value = entry.value
            target.version += 1
            updated.append(target)
    if created:
        try:
            _create_unless_raced(created, Target, user,
                                 key=lambda target: (target.indicator_id, target.period.name))
        except StaleFigures as conflict:
            raise StaleFigures(conflict.current, changed=changed) from None
    if updated:
        bulk_update_with_history(updated, Target, ["value", "version"], default_user=user)
    for target in removed:  # rare: one at a time, so each leaves its history row
        record_user(target, user)
        target.delete()
    return len(created) + len(updated) + len(removed)


def _reviewable(period: ReportingPeriod, versions: Mapping[int, int], move: Move,
                user: User, *, leave_own: bool = False) -> dict[int, Actual]:
    """The period's actuals of the indicators in `versions`, locked, each at the version the
    reviewer read (else StaleFigures) and theirs to `move` (else ReviewRefused); with
    `leave_own`, those they entered themselves are left out instead of refused."""
    figures_changed(pk=period.partnership_id)
    actuals = {actual.indicator_id: actual for actual in Actual.objects.select_for_update()
               .filter(period=period, indicator_id__in=list(versions))}
    if stale := {pk: actuals.get(pk) for pk, version in versions.items()
                 if getattr(actuals.get(pk), "version", 0) != version}:
        raise StaleFigures(stale)
    if leave_own:
        actuals = {pk: actual for pk, actual in actuals.items()
                   if actual.entered_by_id != user.pk}
    if refusals := {pk: why for pk, actual in actuals.items() if (why := review_refusal(
            move, status=actual.status, entered_by=actual.entered_by_id, reviewer=user.pk))}:
        raise ReviewRefused(refusals)
    return actuals


def _review(actuals: Sequence[Actual], move: Move, user: User, reason: str = "") -> None:
    now = timezone.now()
    for actual in actuals:
        actual.status = next_status(actual.status, move)
        actual.reviewed_by, actual.reviewed_at, actual.return_reason = user, now, reason
        actual.version += 1
    if actuals:
        bulk_update_with_history(actuals, Actual, ["status", *NOT_REVIEWED, "version"],
                                 default_user=user)


@transaction.atomic
def sign_off_actuals(*, period: ReportingPeriod, versions: Mapping[int, int], user: User,
                     leave_own: bool = False) -> int:
    """Sign off the period's actuals of the indicators in `versions`, each mapped to the
    version the reviewer read: all of them, or none if any changed since (StaleFigures) or
    is not theirs to sign off (ReviewRefused), unless `leave_own` leaves out the ones they
    entered themselves. Returns how many were signed off."""
    actuals = _reviewable(period, versions, Move.SIGN_OFF, user, leave_own=leave_own)
    _review(list(actuals.values()), Move.SIGN_OFF, user)
    return len(actuals)


@transaction.atomic
def return_actual(*, period: ReportingPeriod, indicator: Indicator, expected_version: int,
                  reason: str, user: User) -> list[str]:
    """Return the period's actual of `indicator` to its officer with `reason`, refused as
    sign_off_actuals refuses, and email the officer once it is saved. Returns the addresses
    emailed, none if no address is held."""
    reason = reason.strip()
    if not reason:
        raise ValueError("A figure is returned with the reason why")
    actual = _reviewable(period, {indicator.pk: expected_version}, Move.RETURN, user)[
        indicator.pk]
    _review([actual], Move.RETURN, user, reason)
    officers = officers_to_tell(actual)
    transaction.on_commit(lambda: send_return_notice(actual, officers))
    return [address for _, address in officers]
