"""A large upload is read, checked and matched by a job (the test queue runs it at the request's commit, as
it runs every job): the batch goes to its preview through the job, and to the commit; the mapping step's
choice is read by a job too; a reading that fails shows why, in the uploader's language, and is read again
or cancelled with nothing uploaded lost; only who may see the batch sees its state. Small files are read in
the request, as before. (tests/jobs/test_import_analysis.py runs a real worker: the page while it reads.)"""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import func, select

from intl.contacts.models import Contact
from intl.core.files import StoredFile
from intl.core.jobs import Job
from intl.imports.models import ImportBatch
from intl.plan.models import PlanItem
from tests.helpers import app_config, page_text
from tests.imports.test_import_job import people
from tests.imports.test_imports import preview_of, upload
from tests.plan.test_imports import SEED_SECTION
from tests.plan.test_imports import upload as upload_plan

EN = {"Accept-Language": "en"}
ZH = {"Accept-Language": "zh-TW"}
# Not a spreadsheet, though it starts like one: calamine cannot open it.
BROKEN_XLSX = b"PK\x03\x04" + bytes(range(256)) * 40


def batch_of(location: str, database) -> ImportBatch:
    database.session.expire_all()  # as the requests and their jobs left it
    return database.session.get(ImportBatch, int(location.split("/import/batches/")[1].split("/")[0]))


def jobs_of_kind(database, kind: str) -> list[Job]:
    database.session.expire_all()
    return list(database.session.scalars(select(Job).where(Job.kind == kind).order_by(Job.id)))


def count_contacts(database) -> int:
    return database.session.scalar(select(func.count()).select_from(Contact))


def test_a_large_upload_is_read_by_a_job_then_previewed_and_committed(app, client, as_role, database):
    as_role("officer")
    with app_config(app, IMPORT_ANALYSIS_JOB_BYTES=10_000, IMPORT_JOB_ROWS=500):
        response = upload(client, "contact", people(1_200), "people.csv")
        location, page = preview_of(client, response)
        (reading,) = jobs_of_kind(database, "imports.analyse")
        assert (reading.state, reading.done, reading.total, reading.subject) == (
            "done",
            1_200,
            1_200,
            "people.csv",
        )
        batch = batch_of(location, database)
        assert batch.status == "previewed" and batch.summary["valid"] == 1_200
        assert 'data-count="valid">1,200<' in page and "Import the valid rows" in page
        job_page = page_text(client.get(f"/jobs/{reading.id}", headers=EN))
        assert "Reading an import file" in job_page and "1,200 of 1,200 rows read" in job_page
        assert count_contacts(database) == 0  # reading writes nothing
        committed = client.post(f"{location}/commit")
    assert committed.status_code == 302 and "/jobs/" in committed.location
    (writing,) = jobs_of_kind(database, "imports.commit")
    assert writing.state == "done" and count_contacts(database) == 1_200
    assert batch_of(location, database).status == "committed"


def test_a_small_upload_is_still_read_in_the_request(app, client, as_role, database):
    as_role("officer")
    response = upload(client, "contact", people(20), "people.csv")
    assert len(people(20)) < app.config["IMPORT_ANALYSIS_JOB_BYTES"]
    location, page = preview_of(client, response)
    assert 'data-count="valid">20<' in page
    assert (
        batch_of(location, database).status == "previewed" and jobs_of_kind(database, "imports.analyse") == []
    )


def test_a_large_file_made_elsewhere_is_mapped_and_read_again_by_jobs(app, client, as_role, database):
    as_role("officer")
    lines = ["城市,Nation,Comment"] + [f"Town {n},Japan,port" for n in range(200)]
    with app_config(app, IMPORT_ANALYSIS_JOB_BYTES=1_000):
        response = upload(client, "partner", ("\n".join(lines) + "\n").encode(), "towns.csv")
        assert response.status_code == 302
        batch = batch_of(response.location, database)
        assert batch.status == "mapping" and batch.summary["headings"] == ["城市", "Nation", "Comment"]
        # The batch's page (where the upload sends the officer while the job reads) leads to the mapping step.
        columns = client.get(f"/import/batches/{batch.id}")
        assert columns.status_code == 302 and columns.location.endswith("/columns")
        mapped = client.post(
            columns.location, data={"col-0": "name_en", "col-1": "country", "col-2": "notes"}
        )
        assert mapped.status_code == 302 and "/columns" not in mapped.location
        page = page_text(client.get(mapped.location, headers=EN))
    assert 'data-count="valid">200<' in page
    first, second = jobs_of_kind(database, "imports.analyse")
    assert (first.state, second.state, second.args["mapping"]["城市"]) == ("done", "done", "name_en")
    assert batch_of(mapped.location, database).status == "previewed"


def test_an_unreadable_large_file_shows_why_in_the_uploaders_language_and_is_cancelled(
    app, client, as_role, database
):
    as_role("officer")
    with app_config(app, IMPORT_ANALYSIS_JOB_BYTES=1_000):
        response = client.post(
            "/import/contact",
            data={"file": (io.BytesIO(BROKEN_XLSX), "people.xlsx")},
            content_type="multipart/form-data",
            headers=ZH,
        )
    assert response.status_code == 302 and "/import/batches/" in response.location
    (reading,) = jobs_of_kind(database, "imports.analyse")
    assert (reading.state, reading.attempts) == (
        "failed",
        1,
    )  # refused at once: a retry cannot change the file
    page = page_text(client.get(response.location, headers=ZH))
    assert (
        "無法開啟" in reading.error and reading.error in page
    )  # calamine's refusal, as the uploader reads it
    assert 'data-state="failed"' in page and 'http-equiv="refresh"' not in page
    english = page_text(client.get(response.location, headers=EN))
    assert "The file could not be read:" in english and "Read the file again" in english
    batch = batch_of(response.location, database)
    stored = database.session.get(StoredFile, batch.file_id)
    cancelled = client.post(f"{response.location}/cancel", headers=EN, follow_redirects=True)
    assert "The import is cancelled" in page_text(cancelled)
    assert batch_of(response.location, database).status == "cancelled"
    assert stored.path.read_bytes() == BROKEN_XLSX  # nothing uploaded is lost


def test_a_reading_that_failed_is_read_again(app, client, as_role, database, tmp_path):
    """The folder for analyses cannot be written (a file stands where it should be, as a full disk would
    refuse it): the job fails with the error, and once the folder is there the officer's retry reads it."""
    as_role("officer")
    blocker = Path(tmp_path) / "imports"
    blocker.write_text("not a folder")
    with app_config(app, IMPORT_ANALYSIS_JOB_BYTES=1_000, UPLOAD_FOLDER=str(tmp_path)):
        response = upload(client, "contact", people(100), "people.csv")
        location = response.location
        (reading,) = jobs_of_kind(database, "imports.analyse")
        assert reading.state == "failed" and "Error" in reading.error
        page = page_text(client.get(location, headers=EN))
        assert (
            "The file could not be read:" in page
            and "FileExistsError" in page
            and "Read the file again" in page
        )
        assert batch_of(location, database).status == "analysing"
        blocker.unlink()
        retried = client.post(f"{location}/retry", headers=EN)
        assert retried.status_code == 302 and retried.location.endswith(location)
        database.session.expire_all()
        assert (reading.state, reading.attempts, reading.error, reading.done) == ("done", 2, None, 100)
        page = page_text(client.get(location, headers=EN))
    assert 'data-count="valid">100<' in page and batch_of(location, database).status == "previewed"
    again = client.post(f"{location}/retry", headers=EN, follow_redirects=True)
    assert "Only a file whose reading failed can be read again." in page_text(again)


def test_only_who_may_see_the_batch_sees_its_state(app, client, make_user, login, database):
    officer, colleague, intern = make_user("officer"), make_user("officer"), make_user("intern")
    login(officer)
    with app_config(app, IMPORT_ANALYSIS_JOB_BYTES=1_000):
        response = client.post(
            "/import/contact",
            data={"file": (io.BytesIO(BROKEN_XLSX), "people.xlsx")},
            content_type="multipart/form-data",
        )
    location = response.location
    (reading,) = jobs_of_kind(database, "imports.analyse")
    login(intern)
    assert client.get(location).status_code == 403
    assert client.post(f"{location}/retry").status_code == 403
    assert client.post(f"{location}/cancel").status_code == 403
    assert client.get(f"/jobs/{reading.id}").status_code == 403
    login(colleague)
    assert (
        client.post("/import/batches/999999/retry").status_code == 404
    )  # imports are the office's work: a colleague sees the batch, not another's job page
    page = client.get(location, headers=EN).get_data(as_text=True)
    assert "The file could not be read:" in page and f"/jobs/{reading.id}" not in page
    assert client.get(f"/jobs/{reading.id}").status_code == 403
    login(officer)
    assert f"/jobs/{reading.id}" in client.get(location).get_data(as_text=True)
    assert batch_of(location, database).status == "analysing"


def test_a_large_plan_is_read_by_a_job_with_its_year(app, client, as_role, database):
    as_role("admin")
    with app_config(app, IMPORT_ANALYSIS_JOB_BYTES=100):
        response = upload_plan(client, "\ufeff".encode() + SEED_SECTION.encode(), "plan.csv")
        assert response.status_code == 302, page_text(response)[:1500]
        page = page_text(client.get(response.location, headers=EN))
    (reading,) = jobs_of_kind(database, "imports.analyse")
    assert reading.state == "done" and reading.args["options"] == {"year": 2018}
    assert 'data-count="valid">7<' in page and "Part of 1 (row 3)" in page
    committed = client.post(response.location + "/commit", data={"skip_duplicates": "y"})
    assert committed.status_code == 302 and committed.location.endswith("/plan")
    assert database.session.scalar(select(func.count()).select_from(PlanItem)) == 7
