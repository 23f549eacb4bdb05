"""The report as Excel and PDF: the same figures as the page, Chinese and English headings, ROC dates."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook
from pypdf import PdfReader

from intl.plan import services

from ..helpers import job_file
from .conftest import YEAR
from .test_report import seeded


def sheet_rows(workbook, name):
    return [[c for c in row] for row in workbook[name].iter_rows(values_only=True)]


def test_the_excel_file_holds_the_reports_figures(
    client, as_role, make_plan, make_partner, make_delegation, make_agreement, database
):
    plan_year, items, partners, rows = seeded(
        make_plan, make_partner, make_delegation, make_agreement, database
    )
    services.create_expense(items["2"], spent_on=date(YEAR, 7, 7), payee='=HYPERLINK("x")', amount=12_500)
    database.session.commit()
    as_role("officer")
    response = job_file(client, f"/plan/{YEAR}/report.xlsx")
    assert (
        response.status_code == 200
        and "performance-report-2026-year.xlsx" in response.headers["Content-Disposition"]
    )
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames[:5] == ["Summary", "Plan items", "Targets", "Activities", "Expenses"]
    assert "Dormant partners" in book.sheetnames and "New Southbound" in book.sheetnames
    items_sheet = sheet_rows(book, "Plan items")
    assert items_sheet[0][0].startswith("計畫項目 Plan items · 民國115年度")
    assert items_sheet[1][:4] == [
        "編號 Number",
        "項目 Item",
        "Item (English)",
        "預算（千元） Budget (thousand NT$)",
    ]
    by_number = {row[0].strip(): row for row in items_sheet[2:] if row[0]}
    assert by_number["1"][3:7] == [4200, 1050, 0, 3150]  # budget, spent, committed, remaining (thousand NT$)
    assert by_number["2"][4] == 12.5
    total = next(row for row in items_sheet if row[1] == "合計")
    assert total[3] == 8395 and total[4] == 1062.5 and total[5] == 80
    activities = sheet_rows(book, "Activities")
    first = next(row for row in activities[2:] if row[3] is not None and row[3].date() == date(YEAR, 2, 3))
    assert first[2] == "115/02/03" and first[9] == "橫濱市"
    expenses = sheet_rows(book, "Expenses")
    assert expenses[2][3] == '=HYPERLINK("x")' and expenses[2][1] == "115/07/07"  # text, never a formula
    targets = sheet_rows(book, "Targets")
    visits = next(row for row in targets[2:] if "Visits hosted" in (row[2] or ""))
    assert visits[3:5] == [4, 2]
    countries = {row[1]: row for row in sheet_rows(book, "By country")[2:]}
    assert countries["Philippines"][3] == "是 Yes" and countries["Philippines"][-1] == 3
    nsb = sheet_rows(book, "New Southbound")
    assert nsb[2][0].startswith("新南向國家") and nsb[2][1] == 1


def test_the_pdf_reads_back_in_chinese_and_english(
    client, as_role, make_plan, make_partner, make_delegation, make_agreement, database
):
    seeded(make_plan, make_partner, make_delegation, make_agreement, database)
    as_role("leader")
    response = job_file(client, f"/plan/{YEAR}/report.pdf?period=Q2")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "民國115年第2季" in text and "Performance report" in text
    assert "計畫項目" in text and "Plan items" in text and "工作項目1" in text
    assert "115/05/03" in text  # the Q2 visit, with its ROC date
    assert "新南向國家" in text and "Dormant partners" in text
