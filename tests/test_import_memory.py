"""Reading an uploaded file costs memory bounded by the rows kept, whatever the file claims or
pads itself with: a workbook declaring 16,384 columns, megabytes of blank lines."""

import io
import re
import time
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from indicators.importer import COLUMNS, ImportFileError, read_table

MB = 1024 * 1024


def padded_workbook(rows):
    """A small workbook whose sheet declares it spans every column Excel has (A to XFD)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    for n in range(rows):
        sheet.append(["NI 43", "2009/10 Q2", None, n])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    padded = io.BytesIO()
    with zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="A1:XFD{rows + 1}"'
                              .encode(), data)
            target.writestr(member, data)
    return padded.getvalue()


def peak_of(read):
    tracemalloc.start()
    try:
        started = time.perf_counter()
        outcome = read()
        seconds = time.perf_counter() - started
        return outcome, tracemalloc.get_traced_memory()[1], seconds
    finally:
        tracemalloc.stop()


def test_a_workbook_padded_to_every_column_is_read_in_bounded_memory():
    content = padded_workbook(2500)
    rows, peak, seconds = peak_of(lambda: read_table(content, "padded.xlsx"))
    assert len(rows) == 2500
    assert peak < 20 * MB, f"{peak / MB:.0f} MB"
    assert seconds < 10


def test_megabytes_of_blank_csv_lines_are_refused_in_bounded_memory():
    content = b"indicator,period,actual\n" + b"\n" * (5 * MB - 30)

    def read():
        with pytest.raises(ImportFileError, match="more than"):
            read_table(content, "blank.csv")

    _, peak, seconds = peak_of(read)
    assert peak < 20 * MB, f"{peak / MB:.0f} MB"
    assert seconds < 5


def test_a_csv_with_blank_lines_between_rows_still_imports():
    content = (",".join(COLUMNS) + "\n\nNI 43,2009/10 Q2,,4.1,A,,,\n\n\n"
               "NI 43,2010/11 Q1,4,,,,,\n").encode("cp1252")
    rows = read_table(content, "gaps.csv")
    assert [(line, values["period"]) for line, values in rows] == [(3, "2009/10 Q2"),
                                                                    (6, "2010/11 Q1")]


def test_a_csv_in_the_windows_encoding_is_still_read():
    content = (",".join(COLUMNS) + "\nNI 43,2009/10 Q2,,4.1,A,,Caf\xe9 \u2013 open,\n"
               ).encode("cp1252")
    assert read_table(content, "w.csv")[0][1]["context"] == "Caf\xe9 \u2013 open"
