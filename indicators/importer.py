"""Actuals and targets from the spreadsheet officers already keep (CSV or XLSX).

One code path serves the upload page and `manage.py import_actuals`: read the file, check
every row, and only if every row is good, save them all in one transaction. A blank cell leaves
that figure as it is; a period named in the file is created if the partnership lacks it (the
preview lists them), and only within the years periods.check_year allows.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from openpyxl import load_workbook

from . import checks, figures, rag
from .models import Actual, DataQuality, Indicator, ReportingPeriod, Target, TolerancePolicy
from .periods import earlier_periods, parse_period_name
from .reads import comparisons, earlier_figures
from .services import ActualEntry, TargetEntry, record_actuals, set_targets

COLUMNS = ["indicator", "period", "target", "actual", "data_quality", "forecast", "context",
           "corrective_action", "direction"]
REQUIRED_COLUMNS = {"indicator", "period"}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an XLSX is a zip: refuse one that unpacks too large
MAX_ROWS = 5000
MAX_LINES = 4 * MAX_ROWS  # blank lines included: a file is refused, not read, past this
MAX_COLUMNS = 4 * len(COLUMNS)  # the header is read this far, the rows to its last name
TEXT_LIMIT = 5000


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, for the officer."""


@dataclass
class PlannedRow:
    """One good row of the file and what saving it will change."""

    line: int
    indicator: Indicator
    period_name: str
    target: Decimal | None = None
    actual: dict = field(default_factory=dict)  # only the columns the file fills in
    target_version: int = 0
    actual_version: int = 0
    current_target: Decimal | None = None
    current_actual: Actual | None = None
    new_period: bool = False  # the import creates its period
    rating: rag.Assessment | None = None  # its actual as saved against its target as saved
    warnings: list = field(default_factory=list)  # what checks.py asks to check, in words


@dataclass
class ImportPlan:
    rows: list
    errors: list  # (line, message), every bad row of the file
    new_periods: list = field(default_factory=list)  # names of the periods it will create

    @property
    def is_valid(self):
        return not self.errors and bool(self.rows)


def read_table(content: bytes, filename: str):
    """The file's rows as dicts keyed by the lower-cased header, with their line numbers.

    The rows are read one at a time and only as far as the header's last column, and the
    lines are counted as they are read, so memory stays bounded by the rows kept (MAX_ROWS),
    whatever the file pads itself with: a sheet claiming 16,384 columns, or megabytes of blank
    lines.
    """
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportFileError(f"The file is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB")
    name = filename.lower()
    if name.endswith(".xlsx"):
        header, table = _xlsx_rows(content)
    elif name.endswith(".csv"):
        header, table = _csv_rows(content)
    else:
        raise ImportFileError("Upload a .csv or .xlsx file")
    header = [str(cell or "").strip().lower().replace(" ", "_") for cell in header]
    missing = REQUIRED_COLUMNS - set(header)
    if missing:
        raise ImportFileError(
            f"The first row must name the columns; missing: {', '.join(sorted(missing))}. "
            f"Expected: {', '.join(COLUMNS)}")
    unknown = [column for column in header if column and column not in COLUMNS]
    if unknown:
        raise ImportFileError(f"Unknown columns: {', '.join(unknown)}. "
                              f"Expected: {', '.join(COLUMNS)}")
    rows = []
    for line, cells in enumerate(table, start=2):
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(f"The file has more than {MAX_ROWS} rows")
        if line > MAX_LINES:
            raise ImportFileError(f"The file has more than {MAX_LINES} lines; take out the "
                                  "blank ones")
        values = {column: _text(cells[i]) if i < len(cells) else ""
                  for i, column in enumerate(header) if column}
        if any(values.values()):
            rows.append((line, values))
    return rows


def _width(header):
    """How many columns to read: up to the header's last named one."""
    named = [i for i, cell in enumerate(header) if str(cell or "").strip()]
    return named[-1] + 1 if named else 1


def _csv_rows(content):
    """The header and an iterator of the other rows, read from the bytes as they are needed:
    UTF-8 (with or without Excel's mark) or else Windows' own encoding."""
    for encoding in ("utf-8-sig", "cp1252"):
        stream = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
        try:
            while stream.read(64 * 1024):  # check it all decodes, a piece at a time
                pass
        except UnicodeDecodeError:
            continue
        stream.seek(0)
        break
    else:
        raise ImportFileError("The CSV file is not in a text encoding we can read; "
                              "save it as CSV UTF-8")
    reader = _guarded(csv.reader(stream), "The CSV file cannot be read")
    header = next(reader, [])[:MAX_COLUMNS]
    width = _width(header)
    return header, (cells[:width] for cells in reader)


def _xlsx_rows(content):
    """The header and an iterator of the other rows of the first sheet, streamed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise ImportFileError("The file is not a readable Excel workbook (.xlsx)") from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError("The workbook unpacks to more than "
                              f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB; save a smaller one")
    unreadable = "The file is not a readable Excel workbook (.xlsx)"
    try:
        # read_only streams the sheet; data_only takes the values Excel saved, so no formula
        # in the file is ever evaluated here. max_col stops a sheet that claims every column
        # Excel has from handing over 16,384 cells a row.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        header = next(sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), ())
    except Exception as error:  # openpyxl raises many kinds for damaged files
        raise ImportFileError(unreadable) from error
    rows = sheet.iter_rows(min_row=2, max_col=_width(header), values_only=True)
    return list(header), _guarded(rows, unreadable, closing=workbook)


def _guarded(rows, message, closing=None):
    """The rows, turning a fault found part way through the file into ImportFileError."""
    try:
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as error:  # csv.Error, or openpyxl's many kinds
                raise ImportFileError(f"{message}: {error}" if isinstance(error, csv.Error)
                                      else message) from error
            yield row
    finally:
        if closing is not None:
            closing.close()


def _text(value):
    """A cell as text, without the characters a spreadsheet cannot hold (figures.clean_text)."""
    return "" if value is None else figures.clean_text(str(value)).strip()


def _number(value, column, errors):
    try:
        return figures.parse_figure(_text(value))
    except ValueError as error:
        errors.append(f"{column} {error}")
        return None


def _direction(value, errors):
    """The optional `direction` cell: a direction of travel as the report states it."""
    text = _text(value)
    if not text:
        return ""
    wanted = text.lower().replace("_", " ")
    wanted = "not applicable" if wanted == "n/a" else wanted
    for choice in rag.STATED_DIRECTIONS:
        if wanted in (choice.value.replace("_", " "), choice.label.lower()):
            return choice.value
    names = ", ".join(choice.label for choice in rag.STATED_DIRECTIONS)
    errors.append(f"direction '{text}' must be one of {names}, or blank")
    return ""


def plan_import(partnership, table, *, submit, may_change_closed):
    """Check every row against the partnership's indicators and periods, without saving."""
    indicators = {i.code.upper(): i for i in Indicator.objects.filter(partnership=partnership)}
    periods = {(p.kind, p.year, p.quarter): p
               for p in ReportingPeriod.objects.filter(partnership=partnership)}
    bands = TolerancePolicy.bands_for(partnership)
    rows, errors = [], []
    seen, new_periods = {}, {}
    for line, values in table:
        problems = []
        code = _text(values.get("indicator"))
        indicator = indicators.get(code.upper())
        if not code:
            problems.append("indicator is empty")
        elif indicator is None:
            problems.append(f"indicator '{code}' is not one of this partnership's indicators")
        period_name = _text(values.get("period"))
        try:
            period_key = parse_period_name(period_name)
        except ValueError as error:
            problems.append(str(error))
            period_key = None
        period = periods.get(period_key)
        if period_key and period is None:
            kind, year, quarter = period_key
            new_periods.setdefault(period_key, ReportingPeriod(kind=kind, year=year,
                                                               quarter=quarter).name)
        if period is not None and not period.is_open and not may_change_closed:
            problems.append(f"period {period.name} is closed for entry")
        target = _number(values.get("target"), "target", problems)
        actual = {}
        if (value := _number(values.get("actual"), "actual", problems)) is not None:
            actual["value"] = value
        if (forecast := _number(values.get("forecast"), "forecast", problems)) is not None:
            actual["forecast"] = forecast
        quality = _text(values.get("data_quality")).upper()[:1]
        if quality:
            if quality in DataQuality.values:
                actual["data_quality"] = quality
            else:
                problems.append(f"data_quality '{_text(values.get('data_quality'))}' "
                                "must be A, E or P")
        if direction := _direction(values.get("direction"), problems):
            actual["stated_direction"] = direction
        for column in rag.COMMENTARY:
            if text := _text(values.get(column)):
                if len(text) > TEXT_LIMIT:
                    problems.append(f"{column} is longer than {TEXT_LIMIT} characters")
                actual[column] = text
        if target is None and not actual and not problems:
            problems.append("nothing to import: fill in a target, actual, forecast or commentary")
        if indicator and period_key and (indicator.pk, period_key) in seen:
            problems.append(f"repeats line {seen[(indicator.pk, period_key)]} "
                            f"for {code} {period_name}")
        elif indicator and period_key:
            seen[(indicator.pk, period_key)] = line
        if problems:
            errors.append((line, "; ".join(problems)))
        else:
            rows.append(PlannedRow(line=line, indicator=indicator, period_name=period_name,
                                   target=target, actual=actual, new_period=period is None))
    _attach_current(rows, periods)
    _check(partnership, rows, bands)
    if submit:
        errors.extend(_unexplained_exceptions(rows))
    errors.sort()
    return ImportPlan(rows=rows, errors=errors, new_periods=list(new_periods.values()))


def _attach_current(rows, periods):
    """Record each row's current figures and versions, for the preview and the stale check."""
    keyed = {}
    for row in rows:
        period = periods.get(parse_period_name(row.period_name))
        if period:
            keyed[(row.indicator.pk, period.pk)] = row
    targets = Target.objects.filter(indicator_id__in={k[0] for k in keyed},
                                    period_id__in={k[1] for k in keyed})
    actuals = Actual.objects.filter(indicator_id__in={k[0] for k in keyed},
                                    period_id__in={k[1] for k in keyed})
    for target in targets:
        if row := keyed.get((target.indicator_id, target.period_id)):
            row.current_target, row.target_version = target.value, target.version
    for actual in actuals:
        if row := keyed.get((actual.indicator_id, actual.period_id)):
            row.current_actual, row.actual_version = actual, actual.version


def merged_actual(row):
    """The actual as it will be saved: the file's cells over what is there now."""
    return {**(row.current_actual or Actual()).content(), **row.actual}


def _check(partnership, rows, bands):
    """Give each row its rating, its actual as it will be saved against its target as it
    will be, and the warnings checks.py gives the figures it brings: an actual against last
    quarter's and last year's, the file's own where it has them, and a percentage outside
    0 to 100."""
    keys = {row.line: parse_period_name(row.period_name) for row in rows}
    figures = earlier_figures(partnership.pk, {row.indicator for row in rows},
                              {earlier for key in keys.values()
                               for _, earlier in earlier_periods(*key)})
    for row in rows:  # the file's figures over what is saved
        if row.actual.get("value") is not None:
            figures[(row.indicator.pk, keys[row.line])] = row.actual["value"]
    for row in rows:
        indicator, value = row.indicator, merged_actual(row)["value"]
        target = row.target if row.target is not None else row.current_target
        row.rating = rag.rate(actual=value, target=target, **indicator.rating_terms(bands))
        brought = {"actual": (row.actual.get("value"), comparisons(
                       indicator, keys[row.line], figures)),
                   "forecast": (row.actual.get("forecast"), []), "target": (row.target, [])}
        for column, (figure, earlier) in brought.items():
            terms = checks.terms(indicator=indicator, bands=bands, typed=column,
                                 comparisons=earlier)
            row.warnings += [f"{column}: {warning}"
                             for warning in checks.warnings(figure, terms)]


def _unexplained_exceptions(rows):
    errors = []
    for row in rows:
        if not row.actual:
            continue
        merged, rating = merged_actual(row), row.rating
        if missing := rag.missing_commentary(rating, merged):
            errors.append((row.line, f"{row.indicator.code} is {rating.label} "
                                     f"({rating.explanation.lower()}) and needs "
                                     f"{' and '.join(missing)} to be submitted"))
    return errors


@transaction.atomic
def apply_import(partnership, plan, *, user, submit):
    """Save a valid plan: every row or none. Returns (targets saved, actuals saved)."""
    periods = {}
    for name in {row.period_name for row in plan.rows}:
        periods[name] = ReportingPeriod.objects.for_entry(partnership, *parse_period_name(name))
    by_period = {}
    for row in plan.rows:
        by_period.setdefault(periods[row.period_name], []).append(row)
    targets = actuals = 0
    for period, rows in by_period.items():
        target_entries = [TargetEntry(indicator=r.indicator, period=period, value=r.target,
                                      expected_version=r.target_version)
                          for r in rows if r.target is not None]
        if target_entries:
            targets += set_targets(entries=target_entries, user=user)
        actual_entries = [ActualEntry(indicator=r.indicator, expected_version=r.actual_version,
                                      **merged_actual(r)) for r in rows if r.actual]
        if actual_entries:
            actuals += record_actuals(period=period, entries=actual_entries, user=user,
                                      submit=submit)
    return targets, actuals
