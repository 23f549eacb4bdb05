"""intl.core.export: the office's zone (whatever the setting says), text cells that stay text, and CSV values
written as they are except true formula starts."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from openpyxl import load_workbook

from intl.core.export import csv_bytes, is_formula_like, xlsx_bytes

MOMENT = datetime(2026, 12, 6, 20, 3, 58, 705652, tzinfo=UTC)


def test_times_follow_the_office_zone_setting(app):
    app.config["OFFICE_TIMEZONE"] = "Asia/Tokyo"
    try:
        with app.app_context():
            rows = list(
                csv.reader(
                    io.StringIO(csv_bytes(["at", "on"], [[MOMENT, date(2026, 12, 7)]]).decode("utf-8-sig"))
                )
            )
            book = load_workbook(io.BytesIO(xlsx_bytes("t", ["at", "on"], [[MOMENT, date(2026, 12, 7)]])))
    finally:
        app.config["OFFICE_TIMEZONE"] = "Asia/Taipei"
    assert rows[1] == ["2026-12-07 05:03:58+09:00", "2026-12-07"]
    at, on = book.active[2]
    assert at.value == datetime(2026, 12, 7, 5, 3, 58) and at.number_format == "yyyy-mm-dd hh:mm:ss"
    assert on.is_date and on.number_format == "yyyy-mm-dd"


def test_text_cells_keep_their_value(app):
    values = ['=HYPERLINK("http://x")', "+886 7 337 3000", "-5", "@here", "plain"]
    with app.app_context():
        sheet = load_workbook(io.BytesIO(xlsx_bytes("t", values, [values]))).active
        rows = list(csv.reader(io.StringIO(csv_bytes(values, [values]).decode("utf-8-sig"))))
    assert [c.value for c in sheet[2]] == values and {c.data_type for c in sheet[2]} == {"s"}
    assert rows[1] == ['\'=HYPERLINK("http://x")', "+886 7 337 3000", "-5", "'@here", "plain"]


def test_what_a_spreadsheet_would_run():
    assert is_formula_like("=1+1") and is_formula_like("@SUM(A1)") and is_formula_like("+A1")
    assert is_formula_like("-cmd|' /C calc'!A0")
    for number in ("+886 7 337 3000", "+81 (45) 671-2111", "-12.5", "+886 7 337 3000 ext. 12", "07-3373000"):
        assert not is_formula_like(number), number
