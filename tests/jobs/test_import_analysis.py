"""A large upload read by a real worker (Huey's consumer threads, the queue in a SQLite file, a database that
commits for real): the officer's page says the file waits to be read and refreshes itself; once the worker
has read it, the same page is the preview; its rows are then written by a second job."""

from __future__ import annotations

import io
import time

import pytest
from sqlalchemy import func, select

from intl.contacts.models import Contact
from intl.core.db import db
from intl.core.jobs import Job
from intl.imports.models import ImportBatch
from tests.helpers import app_config, page_text
from tests.imports.test_import_job import people
from tests.jobs.conftest import running_worker
from tests.jobs.test_worker import signed_in_client, wait_for

EN = {"Accept-Language": "en"}


def test_a_large_upload_is_read_by_the_worker_while_its_page_waits(sqlite_queue_app):
    app = sqlite_queue_app
    client = signed_in_client(app, "officer")
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(Contact))
    with app_config(app, IMPORT_ANALYSIS_JOB_BYTES=10_000, IMPORT_JOB_ROWS=500):
        response = client.post(
            "/import/contact",
            data={"file": (io.BytesIO(people(3_000)), "people.csv")},
            content_type="multipart/form-data",
            headers=EN,
        )
    assert response.status_code == 302 and "/import/batches/" in response.location
    batch_id = int(response.location.rsplit("/", 1)[1])
    with app.app_context():
        job_id = db.session.scalar(select(func.max(Job.id)).where(Job.kind == "imports.analyse"))
        assert db.session.get(ImportBatch, batch_id).status == "analysing"
    waiting = client.get(response.location, headers=EN).get_data(as_text=True)
    assert (
        "The file is waiting to be read." in waiting and '<meta http-equiv="refresh" content="3">' in waiting
    )
    assert 'data-state="queued"' in waiting
    with running_worker(app):
        reading = wait_for(app, job_id, ("done", "failed"))
        assert (reading.state, reading.done, reading.total) == ("done", 3_000, 3_000), reading.error
        preview = page_text(client.get(response.location, headers=EN))
        assert 'data-count="valid">3,000<' in preview and 'http-equiv="refresh"' not in preview
        with app_config(app, IMPORT_JOB_ROWS=500):
            committed = client.post(f"{response.location}/commit", headers=EN)
        assert committed.status_code == 302 and "/jobs/" in committed.location
        writing = wait_for(app, int(committed.location.rsplit("/", 1)[1]), ("done", "failed"))
    assert writing.state == "done", writing.error
    with app.app_context():
        assert db.session.get(ImportBatch, batch_id).status == "committed"
        assert db.session.scalar(select(func.count()).select_from(Contact)) == before + 3_000


def test_the_page_follows_the_reading_while_it_runs(sqlite_queue_app):
    """On PostgreSQL the test holds the batch's row, so that the job, having read and checked every row,
    waits to lock it before keeping the preview: the page meanwhile says so, refreshing itself. (On SQLite
    the test's lock would be the whole database's, and the job could not commit its progress.)"""
    app = sqlite_queue_app
    if app.config["BACKEND"] != "postgresql":
        pytest.skip("a row lock that lets the job's progress through needs PostgreSQL")
    client = signed_in_client(app, "officer")
    with app_config(app, IMPORT_ANALYSIS_JOB_BYTES=10_000):
        response = client.post(
            "/import/contact",
            data={"file": (io.BytesIO(people(2_000)), "people.csv")},
            content_type="multipart/form-data",
        )
    batch_id = int(response.location.rsplit("/", 1)[1])
    with app.app_context():
        job_id = db.session.scalar(select(func.max(Job.id)).where(Job.kind == "imports.analyse"))
    with app.app_context():  # a connection of the test's own, outside any request's session
        holder = db.engine.connect()
    lock = holder.begin()
    try:
        holder.execute(select(ImportBatch.id).where(ImportBatch.id == batch_id).with_for_update())
        with running_worker(app):
            try:
                deadline = time.monotonic() + 30
                while (state := client.get(f"/jobs/{job_id}.json", headers=EN).get_json())["done"] < 2_000:
                    assert time.monotonic() < deadline and state["state"] in ("queued", "running"), state
                    time.sleep(0.05)
                page = client.get(response.location, headers=EN).get_data(as_text=True)
            finally:
                lock.rollback()  # the row is free: the job keeps the preview (or the worker can stop)
            reading = wait_for(app, job_id, ("done", "failed"))
    finally:
        holder.close()
    assert state["progress"] == "2,000 of 2,000 rows read" and 'data-state="running"' in page
    assert "Every row is read and checked; now matching them with the records kept." in page
    assert '<meta http-equiv="refresh" content="3">' in page and 'max="100" value="100"' in page
    assert reading.state == "done", reading.error
    assert 'data-count="valid">2,000<' in page_text(client.get(response.location, headers=EN))


def test_a_batch_cancelled_before_the_worker_reads_it_stays_cancelled(sqlite_queue_app):
    app = sqlite_queue_app
    client = signed_in_client(app, "officer")
    with app_config(app, IMPORT_ANALYSIS_JOB_BYTES=10_000):
        response = client.post(
            "/import/contact",
            data={"file": (io.BytesIO(people(1_000)), "people.csv")},
            content_type="multipart/form-data",
        )
    batch_id = int(response.location.rsplit("/", 1)[1])
    with app.app_context():
        job_id = db.session.scalar(select(func.max(Job.id)).where(Job.kind == "imports.analyse"))
    assert client.post(f"{response.location}/cancel").status_code == 302
    with running_worker(app):
        reading = wait_for(app, job_id, ("done", "failed"))
    assert (reading.state, reading.error) == ("failed", "This import has been cancelled or read already.")
    with app.app_context():
        batch = db.session.get(ImportBatch, batch_id)
        assert batch.status == "cancelled" and batch.file.path.exists()  # the upload itself is kept
    assert client.get(response.location).status_code == 404  # no analysis: nothing to preview
