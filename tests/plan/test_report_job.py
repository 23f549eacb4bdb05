"""The report's files as jobs: the officer (or a leader) asks for one, the job writes it into the shared upload
folder, and the job's page says "ready" with the download; read back with openpyxl and pypdf."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from intl.core.jobs import Job
from tests.helpers import page_text
from tests.plan.conftest import YEAR


def test_a_leader_asks_for_the_pdf_and_downloads_it_when_ready(client, as_role, make_plan, database):
    make_plan()
    leader = as_role("leader")
    report = page_text(client.get(f"/plan/{YEAR}/report?period=Q2"))
    assert "data-prepare-report" in report
    response = client.post(f"/plan/{YEAR}/report/prepare", data={"fmt": "pdf", "period": "Q2"})
    assert response.status_code == 302 and "/jobs/" in response.location
    job = database.session.scalars(select(Job)).one()
    assert (job.kind, job.state, job.created_by_id, job.done, job.total) == (
        "plan.report",
        "done",
        leader.id,
        2,
        2,
    )
    page = page_text(client.get(response.location, headers={"Accept-Language": "en"}))
    assert "Ready: download performance-report-2026-Q2.pdf" in page and "step 2 of 2" in page
    download = client.get(f"/jobs/{job.id}/download")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(download.data)).pages)
    assert "民國115年第2季" in text and "Plan items" in text


def test_the_spreadsheet_is_a_job_too_and_only_its_owner_downloads_it(
    client, as_role, make_plan, make_user, login, database
):
    make_plan()
    as_role("officer")
    client.post(f"/plan/{YEAR}/report/prepare", data={"fmt": "xlsx", "period": "year"})
    job = database.session.scalars(select(Job)).one()
    book = load_workbook(io.BytesIO(client.get(f"/jobs/{job.id}/download").data))
    assert book.sheetnames[:2] == ["Summary", "Plan items"]
    login(make_user("officer"))  # a colleague: not theirs to download
    assert client.get(f"/jobs/{job.id}/download").status_code == 403
    assert client.get(f"/jobs/{job.id}").status_code == 403
    assert f'data-job="{job.id}"' not in page_text(client.get("/jobs"))
    login(make_user("admin"))
    assert client.get(f"/jobs/{job.id}/download").status_code == 200


def test_a_bad_format_or_period_is_refused(client, as_role, make_plan, database):
    make_plan()
    as_role("officer")
    assert client.post(f"/plan/{YEAR}/report/prepare", data={"fmt": "docx"}).status_code == 400
    assert client.post(f"/plan/{YEAR}/report/prepare", data={"fmt": "pdf", "period": "Q9"}).status_code == 400
    assert database.session.scalars(select(Job)).all() == []
