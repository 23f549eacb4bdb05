"""A large import is written by a job (more than IMPORT_JOB_ROWS rows): in chunks of IMPORT_JOB_CHUNK_ROWS rows,
each committed with the job's progress ("1,200 of 10,000 rows written"), so the officer sees it move and a retry (a database
that went away) goes on after the last chunk written instead of starting again."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

from ..core import jobs
from ..core.db import db, refresh_statistics
from ..core.time import now_utc
from .kinds import import_kind
from .models import ImportBatch
from .services import BatchClosed, load_analysis, rows_to_write


def start_import_job(batch: ImportBatch, skip_duplicates: bool, rows: int) -> jobs.Job:
    """Mark the batch as importing and submit its job; handed over at the commit. BatchClosed when the batch
    was already imported, cancelled or handed to a job."""
    if batch.status != "previewed":
        raise BatchClosed()
    batch.status = "importing"
    batch.summary = {**batch.summary, "skipped_duplicates": skip_duplicates, "written": 0}
    subject = f"{batch.file.original_name} · {rows:,}"
    return jobs.submit("imports.commit", subject=subject, batch_id=batch.id, skip_duplicates=skip_duplicates)


def commit_import_job(run: jobs.JobRun) -> None:
    batch = db.session.get(ImportBatch, run.args["batch_id"])
    if batch is None or batch.status not in ("importing", "previewed"):
        raise jobs.JobRefused("This import has been cancelled or written already.")
    try:
        analysis = load_analysis(batch)
    except FileNotFoundError:
        raise jobs.JobRefused("The uploaded file's analysis is missing.") from None
    kind = import_kind(batch.kind)
    if kind is None:
        raise jobs.JobRefused(f"Unknown kind of import: {batch.kind}")
    rows = rows_to_write(analysis, bool(run.args.get("skip_duplicates")))
    size = current_app.config["IMPORT_JOB_CHUNK_ROWS"]
    start = int(run.cursor or 0)
    run.begin(len(rows) - start)
    for first in range(start, len(rows), size):
        chunk = rows[first : first + size]
        written = kind.write(chunk)
        batch.summary = {**batch.summary, "written": batch.summary.get("written", 0) + written}
        run.advance(cursor=first + len(chunk), steps=len(chunk))  # commits the chunk with the count
    batch.status, batch.committed_at = "committed", now_utc()
    db.session.commit()
    refresh_statistics()
    db.session.commit()


# Registered by the feature's blueprint (jobs.register_job_kind).
IMPORT_JOB = jobs.JobKind(
    "imports.commit", _l("Import"), commit_import_job, _l("%(done)s of %(total)s rows written")
)
