"""A large upload is read by a job: parsing a 10,000-row spreadsheet, checking every row and matching it
against the records kept takes seconds, which no officer's page should wait for.

Which files: those over IMPORT_ANALYSIS_JOB_BYTES, decided by size so that the request reads none of the file
(counting its rows would mean reading it). The upload, or the mapping step, keeps the file, marks the batch
"analysing" and submits the job; the batch's page says "being read, 1,500 of 10,000 rows" and refreshes
itself until the job leaves the batch "previewed", or "mapping" when its headings need the mapping step.

The rows' messages are written in the language of the officer who uploaded the file, as a preview read in the
request is. A job that fails keeps its error on the batch's page, which offers to read the file again (it is
kept; a retry reads it from its first row) or to cancel. A batch cancelled meanwhile is left cancelled.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..core import jobs
from ..core.db import db
from ..core.i18n import current_locale_code, reader_locale
from .mapping import remember_mapping
from .models import ImportBatch
from .reading import NeedsMapping, UnreadableFile
from .services import (
    BatchClosed,
    analyze_for,
    apply_mapping,
    keep_analysis,
    keep_upload,
    needs_mapping,
    start_import,
)

KIND = "imports.analyse"


def read_in_background(size: int) -> bool:
    return size > current_app.config["IMPORT_ANALYSIS_JOB_BYTES"]


def begin_import(kind: str, data: bytes, filename: str, options: dict | None = None) -> ImportBatch:
    """An upload: a small file is read now (raises UnreadableFile, as `start_import`), a large one is kept
    and handed to a job (submitted at the commit)."""
    if not read_in_background(len(data)):
        return start_import(kind, data, filename, options)
    batch = keep_upload(kind, data, filename, "analysing")
    _submit(batch, options=options or {})
    return batch


def begin_mapping(batch: ImportBatch, headings: list[str], mapping: dict[str, str]) -> None:
    """The mapping step's choice: a small file is read again now (raises UnreadableFile, BatchClosed); for a
    large one the choice is remembered at once and the file read by a job."""
    if not read_in_background(batch.file.size):
        apply_mapping(batch, headings, mapping)
        return
    if batch.status not in ("mapping", "previewed"):
        raise BatchClosed()
    remember_mapping(batch.kind, headings, mapping)
    batch.status = "analysing"
    _submit(batch, options={}, mapping=mapping)


def _submit(batch: ImportBatch, options: dict, mapping: dict[str, str] | None = None) -> jobs.Job:
    job = jobs.submit(
        KIND,
        subject=batch.file.original_name,
        batch_id=batch.id,
        locale=current_locale_code(),
        options=options,
        mapping=mapping,
    )
    batch.summary = {"job_id": job.id}
    return job


def analysis_job(batch: ImportBatch) -> jobs.Job | None:
    """The job reading a batch that is being read."""
    job_id = (batch.summary or {}).get("job_id") if batch.status == "analysing" else None
    return db.session.get(jobs.Job, job_id) if job_id else None


def read_again(batch: ImportBatch) -> bool:
    """Try a failed (or stalled) reading again, from the file's first row; False when there is none to retry."""
    job = analysis_job(batch)
    if job is None or not job.retryable:
        return False
    jobs.retry(job)
    return True


def analyse_job(run: jobs.JobRun) -> None:
    batch = db.session.get(ImportBatch, run.args["batch_id"])
    if batch is None or batch.status != "analysing":
        raise jobs.JobRefused("This import has been cancelled or read already.")
    kind, filename = batch.kind, batch.file.original_name
    try:
        data = batch.file.path.read_bytes()
    except FileNotFoundError:
        raise jobs.JobRefused("The uploaded file is missing from the upload folder.") from None

    def progress(checked: int, total: int) -> None:  # each report commits: no transaction stays open long
        if checked == 0:
            run.start_over(total)
        elif checked > run.job.done:
            run.advance(steps=checked - run.job.done)

    with force_locale(reader_locale(run.args.get("locale"))):
        options, mapping = run.args.get("options") or {}, run.args.get("mapping")
        try:
            analysis, needs = analyze_for(kind, data, filename, options, mapping, progress), None
        except NeedsMapping as error:
            analysis, needs = None, error
        except UnreadableFile as error:  # nothing a retry could change: the officer reads why
            raise jobs.JobRefused(str(error)) from None
        # The batch's row locked and read again: an officer may have cancelled it while the file was read.
        batch_id = run.args["batch_id"]
        locked = select(ImportBatch.status).where(ImportBatch.id == batch_id).with_for_update()
        if db.session.scalar(locked) != "analysing":
            raise jobs.JobRefused("This import has been cancelled or read already.")
        batch = db.session.get(ImportBatch, batch_id, populate_existing=True)
        if needs is not None:
            try:
                needs_mapping(batch, needs)
            except NeedsMapping as error:  # a kind without the mapping step (the plan) refuses the file
                raise jobs.JobRefused(str(error)) from None
        else:
            keep_analysis(batch, analysis)
    db.session.commit()


# Registered by the feature's blueprint (jobs.register_job_kind).
ANALYSIS_JOB = jobs.JobKind(
    KIND, _l("Reading an import file"), analyse_job, _l("%(done)s of %(total)s rows read")
)
