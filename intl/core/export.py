"""Tabular exports: CSV (UTF-8 with BOM, which Excel needs to read Chinese) and XLSX through openpyxl.

Files that read back: every value is written as it is stored, so that importing a file the app wrote gives the
same records.
- Times are the office's (intl.core.time.office_zone), never UTC: CSV as local ISO 8601 to the second with the
  offset ("2026-12-07 04:03:58+08:00"), XLSX as real date-time cells in office time (naive, as Excel requires)
  with a number format.
- Formula guarding the way spreadsheets expect. XLSX: every text is a text cell (openpyxl does not make a formula
  of it), the value unchanged. CSV has no cell types: only a value that a spreadsheet would run as a formula
  (= or @ first, or + or - first when it is not a number such as a phone) is prefixed with an apostrophe, which
  spreadsheets hide and our importer strips (intl.imports.reading). Phone numbers are written as they are.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from flask import Response

from .time import office_zone

if TYPE_CHECKING:
    from openpyxl.cell import Cell

DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
DATE_FORMAT = "yyyy-mm-dd"

# A value a spreadsheet reads as a number (or a phone number written with + and separators) is no formula.
_NUMBER_LIKE = re.compile(r"^[+-]?[\d\s().,;/+-]*\d[\d\s().,;/+-]*(?:\s*(?:ext\.?|x|#|分機)\s*\d+)?$", re.I)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet program opening this text as a CSV cell run it as a formula?"""
    if not text or text[0] not in FORMULA_STARTS:
        return False
    return not (text[0] in "+-" and _NUMBER_LIKE.match(text))


def office_time(value: datetime) -> datetime:
    """An aware instant as the office's wall-clock time, to the second."""
    return value.astimezone(office_zone()).replace(microsecond=0)


def csv_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(microsecond=0).isoformat(sep=" ")
        return office_time(value).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([csv_value(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> Response:
    return Response(
        csv_bytes(headers, rows),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


def xlsx_bytes(sheet_title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    # openpyxl (13 MB) is imported by the workers that write a spreadsheet, not by every web worker.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        cell = xlsx_cell(sheet, text)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([xlsx_cell(sheet, v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_cell(sheet, value) -> Cell:
    """One cell of a write-only sheet: numbers as numbers, times as office date-times, the rest as text."""
    from openpyxl.cell import WriteOnlyCell  # loaded by xlsx_bytes already: a dictionary lookup per cell

    if value is None or isinstance(value, bool | int | float | Decimal):
        return WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime):
        local = office_time(value).replace(tzinfo=None) if value.tzinfo else value.replace(microsecond=0)
        cell = WriteOnlyCell(sheet, value=local)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    cell = WriteOnlyCell(sheet, value=str(value))
    # openpyxl would store a text beginning with "=" as a formula: a text cell keeps it as written.
    cell.data_type = "s"
    return cell


def xlsx_response(
    filename: str, sheet_title: str, headers: Sequence[str], rows: Iterable[Sequence]
) -> Response:
    return Response(
        xlsx_bytes(sheet_title, headers, rows),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )
