"""Times in exports are the office's (issue 11, problem 5): a sign-up made on 7 December at 04:03 Taipei time
reads 2026-12-07 04:03:58+08:00 in the CSV and is a real date-time cell of 04:03:58 in the XLSX."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import openpyxl
from sqlalchemy import select

from intl.events.models import Registration

SIGNED_UP = datetime(2026, 12, 6, 20, 3, 58, 705652, tzinfo=UTC)


def test_registration_exports_write_office_time(client, as_role, make_event, register, database):
    as_role("officer").locale = "en"
    database.session.commit()
    event = make_event(capacity=5)
    assert register(event, name="林志明").status_code == 302
    registration = database.session.scalars(select(Registration)).one()
    registration.created_at = SIGNED_UP
    database.session.commit()

    text = client.get(f"/events/{event.id}/registrations.csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    column = rows[0].index("Registered")
    assert rows[1][column] == "2026-12-07 04:03:58+08:00"
    assert datetime.fromisoformat(rows[1][column]) == SIGNED_UP.replace(microsecond=0)

    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/events/{event.id}/registrations.xlsx").data)
    ).active
    cell = sheet.cell(row=2, column=column + 1)
    assert cell.is_date and cell.value == datetime(2026, 12, 7, 4, 3, 58)
    assert "hh:mm" in cell.number_format
