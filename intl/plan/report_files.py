"""The report's files: XLSX (openpyxl, every row) and PDF (WeasyPrint through intl.printing, the longest lists
cut), both from the tables of intl/plan/exports.py."""

from __future__ import annotations

import io

from babel.numbers import format_decimal
from flask import render_template

from ..core.bilingual import names
from ..core.export import xlsx_cell
from .exports import EN, heading, report_tables
from .report import Report


def report_xlsx(report: Report) -> bytes:
    # openpyxl (13 MB) only in the process that writes the report (a job), not in every web worker.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    title_font = Font(bold=True, size=13)
    period_zh, period_en = report.period.bilingual()
    for table in report_tables(report):
        sheet = workbook.create_sheet(title=table.key[:31])
        title = WriteOnlyCell(sheet, value=f"{heading(table.title)} · {period_zh} {period_en}")
        title.font = title_font
        sheet.append([title])
        cells = []
        for pair in table.headers:
            cell = WriteOnlyCell(sheet, value=heading(pair))
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cells.append(cell)
        sheet.append(cells)
        for row in table.rows:
            sheet.append([xlsx_cell(sheet, v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format_decimal(value, "#,##0.#", locale=EN)
    if isinstance(value, int):
        return format_decimal(value, "#,##0", locale=EN)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


PAPER_PARTNERS = 30  # partners, countries and dormant partners on paper: the most active / closest


def report_pdf_html(report: Report, printed: str) -> str:
    """The printable report: the same tables as the Excel file, with fewer columns and the longest lists cut
    (WeasyPrint lays out about a thousand table cells a second)."""
    tables = {t.key: t for t in report_tables(report, partner_limit=PAPER_PARTNERS, itemised_only=True)}
    paper = {
        "Activities": ([0, 2, 1, 4, 6, 7], None),
        "Expenses": ([0, 1, 3, 4, 5], None),
        "By partner": ([0, 2, 4, *range(5, len(tables["By partner"].headers))], PAPER_PARTNERS),
        "By country": ([0, 2, 3, *range(4, len(tables["By country"].headers))], PAPER_PARTNERS),
        "Dormant partners": ([0, 2, 3, 4], PAPER_PARTNERS),
    }
    for key, (columns, limit) in paper.items():
        tables[key].pdf_columns, tables[key].pdf_limit = columns, limit
    tables = [t.for_paper() for t in tables.values()]
    period_zh, period_en = report.period.bilingual()
    return render_template(
        "plan/print_report.html",
        report=report,
        tables=tables,
        heading=heading,
        display=_display,
        period_zh=period_zh,
        period_en=period_en,
        title=names(report.plan_year.title, EN),
        printed=printed,
    )
