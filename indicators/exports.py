"""CSV and XLSX downloads that a spreadsheet cannot be tricked into running as formulas, and
that hold only characters a spreadsheet can: what cannot be held is taken out on the way out
too (figures.clean_text), so text stored before that rule can never stop a download."""

import csv
import io
import re
from decimal import Decimal, InvalidOperation

from django.http import HttpResponse
from openpyxl import Workbook

from .figures import clean_text
from .rag import Direction, Rating

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """Prefix text that a spreadsheet would read as a formula with an apostrophe, and take
    out what a spreadsheet cannot hold.

    Numbers stay numbers: -1.98 is a value, not a formula.
    """
    value = clean_text(value)
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    try:
        Decimal(value)
        return value
    except InvalidOperation:
        return "'" + value


def csv_response(filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return response


def xlsx_response(filename, header, rows, *, sheet_title="Sheet1"):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(re.sub(r"[\\/?*\[\]:]", "-", sheet_title)[:31])
    sheet.append([neutralise(cell) for cell in header])
    for row in rows:
        sheet.append([float(cell) if isinstance(cell, Decimal) else neutralise(cell)
                      for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


REPORT_HEADER = ["indicator", "title", "period", "target", "actual", "data_quality",
                 "forecast", "rating", "direction", "context", "corrective_action"]


def report_download(partnership, period, rows, export):
    """The performance report's `rows` (standings) as a "csv" or "xlsx" download: figures at
    each indicator's precision, as the report shows them, ratings in the report's words."""
    lines = [[
        row.indicator.code, row.indicator.title, period.name,
        row.indicator.rounded(row.target.value if row.target else None),
        row.indicator.rounded(row.value),
        row.actual.data_quality if row.actual else "",
        row.indicator.rounded(row.actual.forecast if row.actual else None),
        Rating(row.rating.outcome).label, Direction(row.direction.outcome).label,
        row.actual.context if row.actual else "",
        row.actual.corrective_action if row.actual else "",
    ] for row in rows]
    filename = f"{partnership.slug}-performance-{period.name.replace('/', '-').replace(' ', '-')}"
    if export == "csv":
        return csv_response(filename, REPORT_HEADER, lines)
    return xlsx_response(filename, REPORT_HEADER, lines, sheet_title=period.name)
