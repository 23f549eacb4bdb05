"""Reading an uploaded spreadsheet into rows, whatever the office's files look like: CSV in UTF-8 (with or
without a BOM) or Big5; Excel (.xlsx, and the old .xls) or OpenDocument (.ods, the format Taiwan's government
offices are asked to use), with a title row or merged cells above the header, blank lines, stray columns.
What cannot be read is refused with a message that says why, never a crash.

Spreadsheets are read by calamine (Rust): a 10,000-row sheet in a fifth of a second, where openpyxl took two.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field

from flask_babel import gettext as _

from ..core.i18n import format_number
from ..core.textnorm import normalize

MAX_ROWS = 50_000
HEADER_SEARCH_ROWS = 10


class UnreadableFile(ValueError):
    """The file cannot be imported; the message (in the user's language) says why."""


class NeedsMapping(UnreadableFile):
    """The file's headings do not say which column is which: the officer says it (the mapping step)."""

    def __init__(self, message: str, headings: list[str]):
        super().__init__(message)
        self.headings = headings


@dataclass
class Table:
    columns: dict[str, int]  # column key -> index in each row
    rows: list[tuple[int, list[str]]]  # (row number as the user sees it, cell texts)
    ignored: list[str] = field(default_factory=list)  # headings of columns that mean nothing to us
    encoding: str = ""
    headings: list[str] = field(default_factory=list)  # the heading row as written


def _decode_csv(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
    for encoding, label in (("utf-8", "UTF-8"), ("cp950", "Big5"), ("big5hkscs", "Big5-HKSCS")):
        try:
            return data.decode(encoding), label
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(
        _("The file's text encoding is not UTF-8 or Big5. Save it again as CSV (UTF-8) and upload.")
    )


def _csv_rows(data: bytes) -> tuple[list[list[str]], str]:
    text, encoding = _decode_csv(data)
    if "\x00" in text:
        raise UnreadableFile(_("This does not look like a CSV file. Upload a .csv, .xlsx or .ods file."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)], encoding
    except csv.Error as error:
        raise UnreadableFile(_("The CSV file is malformed: %(error)s", error=str(error))) from None


def _cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return (
            value.isoformat()[:10]
            if getattr(value, "hour", 0) == 0 and getattr(value, "minute", 0) == 0
            else value.isoformat()
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Excel (.xls)
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"  # stored first in an .ods file's zip


def spreadsheet_format(data: bytes, filename: str) -> str | None:
    """ "XLSX", "ODS" or "XLS" when the file is a spreadsheet (by its content, else its name); None for text."""
    name = (filename or "").lower()
    if data[:2] == b"PK":
        return "ODS" if ODS_MIMETYPE in data[:100] else "XLSX"
    if data[:8] == OLE2_MAGIC:
        return "XLS"
    for extension, label in ((".xlsx", "XLSX"), (".xlsm", "XLSX"), (".ods", "ODS"), (".xls", "XLS")):
        if name.endswith(extension):
            return label
    return None


def _first_sheet(workbook):
    """The first sheet the office sees: hidden ones are skipped where the file says which they are."""
    from python_calamine import SheetVisibleEnum

    visible = [meta.name for meta in workbook.sheets_metadata if meta.visible == SheetVisibleEnum.Visible]
    return workbook.get_sheet_by_name(visible[0]) if visible else workbook.get_sheet_by_index(0)


# A password-protected .xlsx or .ods is no zip but an OLE2 container holding this stream (its name in UTF-16).
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def _password_protected() -> UnreadableFile:
    return UnreadableFile(
        _("The spreadsheet is protected by a password. Save a copy without the password and upload it.")
    )


def _spreadsheet_rows(data: bytes) -> list[list[str]]:
    if data[:8] == OLE2_MAGIC and ENCRYPTED_PACKAGE in data:
        raise _password_protected()
    # calamine only in the workers that read an uploaded spreadsheet, not in every web worker.
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            sheet = _first_sheet(workbook)
            # From A1 (skip_empty_area=False), so that row numbers are those the office sees in its program.
            values = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS + HEADER_SEARCH_ROWS + 1)
        finally:
            workbook.close()
    except PasswordError:
        raise _password_protected() from None
    except (CalamineError, IndexError, ValueError, OSError):
        raise UnreadableFile(
            _("The spreadsheet cannot be opened. Save it again as .xlsx, .ods or CSV and upload.")
        ) from None
    return [[_cell_text(v) for v in row] for row in values]


def read_rows(data: bytes, filename: str) -> tuple[list[list[str]], str]:
    kind = spreadsheet_format(data, filename)
    if kind is not None:
        return _spreadsheet_rows(data), kind
    return _csv_rows(data)


def unguarded(text: str) -> str:
    """A cell without the apostrophe that CSV files (ours before, and others') put before a value a
    spreadsheet would run as a formula ("'+886 7 337 3000", "'=SUM"): the apostrophe is no part of the value."""
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        return text[1:]
    return text


def header_key(text: str) -> str:
    return "".join(normalize(text).replace("*", "").split())


def headings_key(headings: list[str]) -> str:
    """The identity of a set of headings (a file made the same way has the same), for remembering a mapping."""
    return hashlib.sha256("\x1f".join(header_key(h) for h in headings).encode("utf-8")).hexdigest()


def _header_index(raw: list[list[str]], aliases: dict[str, str]) -> int | None:
    """The row naming most known columns among the first rows; None when no row names any."""
    best_index, best_hits = None, 0
    for index, row in enumerate(raw[:HEADER_SEARCH_ROWS]):
        hits = sum(1 for cell in row if header_key(cell) in aliases)
        if hits > best_hits:
            best_index, best_hits = index, hits
    return best_index


def _first_filled(raw: list[list[str]]) -> int | None:
    return next((i for i, row in enumerate(raw[:HEADER_SEARCH_ROWS]) if any(c.strip() for c in row)), None)


@dataclass
class Sheet:
    """A file's heading row and the rows under it, before any column is given a meaning."""

    headings: list[str]
    samples: list[list[str]]  # the first rows under the headings, for the mapping step
    raw: list[list[str]]
    header_index: int
    encoding: str


def read_sheet(data: bytes, filename: str, aliases: dict[str, str]) -> Sheet:
    """The heading row (the one naming most known columns, else the first filled row) and what follows."""
    if not data:
        raise UnreadableFile(_("The file is empty."))
    raw, encoding = read_rows(data, filename)
    index = _header_index(raw, aliases)
    if index is None:
        index = _first_filled(raw)
    if index is None:
        raise UnreadableFile(_("The file is empty."))
    headings = [c.strip() for c in raw[index]]
    samples = [[c.strip() for c in row] for row in raw[index + 1 :] if any(c.strip() for c in row)][:3]
    return Sheet(headings, samples, raw, index, encoding)


def read_table(
    data: bytes,
    filename: str,
    aliases: dict[str, str],
    required: set[str],
    mapping: dict[str, str] | None = None,
) -> Table:
    """Find the header row (the one naming most known columns among the first rows), map columns by
    heading, and return the data rows below it with their row numbers. `mapping` (heading key -> column key,
    "" for a column not imported) is the officer's choice from the mapping step, over the known headings."""
    if mapping:
        aliases = {**aliases, **mapping}
    sheet = read_sheet(data, filename, aliases)
    raw, encoding, best_index = sheet.raw, sheet.encoding, sheet.header_index
    if _header_index(raw, aliases) is None:
        raise NeedsMapping(
            _(
                "No column headings were recognised. Say what each column is, or start from the template file."
            ),
            sheet.headings,
        )
    header = raw[best_index]
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for position, cell in enumerate(header):
        key = aliases.get(header_key(cell))
        if not key:
            if key is None and cell.strip():
                ignored.append(cell.strip())
            continue
        if key in columns:
            raise UnreadableFile(
                _("The column %(name)s appears twice. Keep one and upload again.", name=cell.strip())
            )
        columns[key] = position
    missing = required - set(columns)
    if missing:
        raise UnreadableFile(_("Required columns are missing: %(names)s.", names=", ".join(sorted(missing))))
    rows = []
    for offset, row in enumerate(raw[best_index + 1 :], start=best_index + 2):
        cells = [unguarded(c.strip()) for c in row]
        if not any(cells):
            continue  # blank lines are not rows
        unnamed = [
            i
            for i, c in enumerate(cells)
            if c and i not in columns.values() and i < len(header) and not header[i].strip()
        ]
        if unnamed and _("a column without a heading") not in ignored:
            ignored.append(_("a column without a heading"))
        rows.append((offset, cells))
    if len(rows) > MAX_ROWS:
        raise UnreadableFile(
            _("The file has more than %(n)s rows. Split it and import the parts.", n=format_number(MAX_ROWS))
        )
    return Table(columns=columns, rows=rows, ignored=ignored, encoding=encoding, headings=sheet.headings)
