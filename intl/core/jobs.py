"""Background jobs: work that takes long or talks to other servers (mail, the year's reports, large imports)
runs on the job queue (`intl.core.queue`), not inside a request.

The database is the record of every job: what it is (`kind` and `args`), how far it got ("sending 1,200 of
2,000"), the error of a failed attempt, and its result file. The queue only carries "run job 42" to a worker,
so a job is handed over after the transaction that created it commits (`submit`), and a job lost on the way
(a queue that was down) is handed over again by the worker's sweep.

A feature declares a kind of job, `JobKind("events.invitations", title, function, progress)` with a function that
takes a `JobRun`, and registers it from its blueprint (`register_job_kind`). The function reports progress with `run.begin(total)` and `run.advance(cursor)` (each
a commit), resumes after `run.cursor` when it is retried, and raises to fail the attempt: the queue tries again
later (QUEUE_RETRIES times, waiting QUEUE_RETRY_DELAY seconds and twice as long each time), then the job is
failed and keeps its error for the officer to see and retry. `JobRefused` fails a job at once (nothing a retry
could change: the record it was about is gone).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, String, Text, event, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from .audit import acting_user_id
from .db import db
from .files import StoredFile, save_bytes
from .time import UTCDateTime, now_utc

JOB_STATES = {
    "queued": _l("Waiting"),
    "running": _l("Running"),
    "retrying": _l("Waiting to try again"),
    "done": _l("Done"),
    "failed": _l("Failed"),
}
WAITING = ("queued", "retrying")
FINISHED = ("done", "failed")
_PENDING_KEY = "intl_jobs_to_hand_over"


class Job(db.Model):
    __tablename__ = "job"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(60), nullable=False)
    args: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    state: Mapped[str] = mapped_column(String(20), nullable=False, default="queued")
    # What the job is about, in words ("See Kaohsiung 2026"), shown next to the kind's title.
    subject: Mapped[str | None] = mapped_column(String(300))
    total: Mapped[int | None] = mapped_column()
    done: Mapped[int] = mapped_column(nullable=False, default=0)
    skipped: Mapped[int] = mapped_column(nullable=False, default=0)
    # Where a retry resumes (the last recipient served, the last row written).
    cursor: Mapped[str | None] = mapped_column(String(100))
    # What was skipped and why ("guest@example.org: mailbox unavailable"), at most NOTES_KEPT lines.
    notes: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(nullable=False, default=0)
    result_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=now_utc)
    # When it was last put in the queue (submitted, or retried by the officer).
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=now_utc)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Written with each step of progress: a running job whose heartbeat stops has lost its worker.
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_job_state_queued", "state", "queued_at"),
        Index("ix_job_created_by", "created_by_id", "id"),
    )

    NOTES_KEPT = 200

    @property
    def result_file(self) -> StoredFile | None:
        return db.session.get(StoredFile, self.result_file_id) if self.result_file_id else None

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    @property
    def stalled(self) -> bool:
        """Running, but no word from its worker for QUEUE_STALE_MINUTES: the worker stopped under it."""
        limit = timedelta(minutes=current_app.config["QUEUE_STALE_MINUTES"])
        last = self.heartbeat_at or self.started_at
        return self.state == "running" and last is not None and now_utc() - last > limit

    @property
    def retryable(self) -> bool:
        return self.state == "failed" or self.stalled

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * (self.done + self.skipped) / self.total))


DEFAULT_PROGRESS = _l("%(done)s of %(total)s done")


@dataclass(frozen=True)
class JobKind:
    name: str
    title: object  # a lazy string: "Invitations by e-mail"
    run: Callable[[JobRun], None]
    progress: object = (
        DEFAULT_PROGRESS  # a lazy string with %(done)s and %(total)s: "%(done)s of %(total)s sent"
    )


_KINDS: dict[str, JobKind] = {}


def register_job_kind(kind: JobKind) -> None:
    """A feature's kind of job, registered from its blueprint: `submit(kind.name, ...)` runs it on the queue."""
    _KINDS[kind.name] = kind


def job_kind(name: str) -> JobKind | None:
    return _KINDS.get(name)


class JobRefused(Exception):
    """A job that cannot succeed however often it is tried; it fails at once with this message."""


class JobRun:
    """What a job's function works with: its arguments, where to resume, and progress to report."""

    def __init__(self, job: Job):
        self.job = job
        self.args = dict(job.args or {})

    @property
    def cursor(self) -> str | None:
        return self.job.cursor

    def begin(self, total: int) -> None:
        """The number of steps this attempt will take, on top of those done by earlier attempts."""
        self.job.total = self.job.done + self.job.skipped + total
        self._save()

    def start_over(self, total: int) -> None:
        """For work that cannot resume (a file read again from its first row): a retry counts from nothing."""
        self.job.done = self.job.skipped = 0
        self.job.cursor = None
        self.begin(total)

    def advance(self, cursor=None, steps: int = 1) -> None:
        """Steps done (and committed with whatever the function wrote for them); a retry resumes after `cursor`."""
        self.job.done += steps
        if cursor is not None:
            self.job.cursor = str(cursor)
        self._save()

    def skip(self, note: str, cursor=None) -> None:
        """A step that cannot be done (an address the mail server refuses): noted, not retried."""
        self.job.skipped += 1
        if cursor is not None:
            self.job.cursor = str(cursor)
        if len(self.job.notes or []) < Job.NOTES_KEPT:
            self.job.notes = [*(self.job.notes or []), note[:300]]
        self._save()

    def keep_result(self, data: bytes, filename: str, content_type: str) -> StoredFile:
        """The job's file (a report), kept in the upload folder every app server shares."""
        stored = save_bytes(data, filename, content_type, self.job.created_by_id)
        db.session.flush()
        self.job.result_file_id = stored.id
        self._save()
        return stored

    def _save(self) -> None:
        self.job.heartbeat_at = now_utc()
        db.session.commit()


def submit(kind: str, subject: str | None = None, **args) -> Job:
    """Add a job of `kind`; it is handed to the queue when the caller's transaction commits."""
    if kind not in _KINDS:
        raise LookupError(f"no job kind {kind!r}")
    job = Job(kind=kind, args=args, subject=(subject or "")[:300] or None, created_by_id=acting_user_id())
    db.session.add(job)
    db.session.flush()
    db.session.info.setdefault(_PENDING_KEY, []).append(job.id)
    return job


def retry(job: Job) -> None:
    """Try a failed (or stalled) job again from where it stopped; handed over at the commit."""
    job.state = "queued"
    job.finished_at = None
    job.queued_at = now_utc()
    db.session.flush()
    db.session.info.setdefault(_PENDING_KEY, []).append(job.id)


def committed_jobs(session: Session) -> list[int]:
    """The jobs submitted in a transaction that has just committed (`intl.core.queue` hands them over)."""
    return session.info.pop(_PENDING_KEY, None) or []


@event.listens_for(Session, "after_soft_rollback")
def _forget_after_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(_PENDING_KEY, None)


def execute(job_id: int, final: bool) -> None:
    """Run one attempt of a job in the worker (inside an app context). Raises when the attempt failed and
    another is to come; records the failure (and returns) when it was the last."""
    now = now_utc()
    claimed = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state.in_(WAITING))
        .values(state="running", attempts=Job.attempts + 1, started_at=now, heartbeat_at=now)
    )
    db.session.commit()
    if claimed.rowcount != 1:
        return  # done, failed, or taken by another worker
    job = db.session.get(Job, job_id)
    kind = _KINDS.get(job.kind)
    try:
        if kind is None:
            raise JobRefused(f"unknown kind of job: {job.kind}")
        kind.run(JobRun(job))
    except Exception as error:  # every failure is kept for the officer, whatever raised it
        db.session.rollback()
        job = db.session.get(Job, job_id)
        refused = isinstance(error, JobRefused)
        job.error = describe(error)
        job.state = "failed" if final or refused else "retrying"
        job.finished_at = now_utc() if job.state == "failed" else None
        db.session.commit()
        current_app.logger.warning("Job %s (%s) failed: %s", job_id, job.kind, job.error)
        if job.state == "retrying":
            raise
        return
    job.state, job.finished_at, job.error = "done", now_utc(), None
    db.session.commit()


def describe(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    if isinstance(error, JobRefused):
        return text
    return f"{type(error).__name__}: {text}"[:2000]


def lost_jobs(waited: timedelta) -> list[int]:
    """Jobs waiting longer than `waited` that no worker took: handed over again by the worker's sweep (the
    claim in `execute` runs each once, should the first hand-over arrive after all)."""
    return list(
        db.session.scalars(
            select(Job.id).where(Job.state == "queued", Job.queued_at < now_utc() - waited).order_by(Job.id)
        )
    )


def fail_stalled() -> int:
    """Running jobs whose worker stopped (no heartbeat for QUEUE_STALE_MINUTES) are failed, for a retry."""
    limit = now_utc() - timedelta(minutes=current_app.config["QUEUE_STALE_MINUTES"])
    result = db.session.execute(
        update(Job)
        .where(Job.state == "running", Job.heartbeat_at < limit)
        .values(state="failed", finished_at=now_utc(), error="The worker stopped while running this job.")
    )
    db.session.commit()
    return result.rowcount
