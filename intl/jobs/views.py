"""Job pages: the list, one job (refreshing itself while it runs), its JSON state, retry, download."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core.access import EVERYONE, allow, load_or_404
from ..core.db import db
from ..core.files import send_stored
from ..core.i18n import format_number
from ..core.jobs import JOB_STATES, Job, job_kind, retry
from . import queries


def describe(job: Job) -> dict:
    kind = job_kind(job.kind)
    progress = None
    if job.total is not None and kind is not None:
        progress = str(kind.progress) % {"done": format_number(job.done), "total": format_number(job.total)}
    return {
        "title": str(kind.title) if kind else job.kind,
        "state": str(JOB_STATES.get(job.state, job.state)),
        "progress": progress,
    }


@allow(EVERYONE)
def index():
    rows = [(job, name, describe(job)) for job, name in queries.job_list(current_user)]
    return render_template("jobs/list.html", rows=rows)


@allow(EVERYONE)
def detail(job_id: int):
    job = load_or_404(Job, job_id)
    return render_template(
        "jobs/detail.html",
        job=job,
        info=describe(job),
        started_by=queries.started_by(job),
        result=job.result_file if job.state == "done" else None,
    )


@allow(EVERYONE)
def status(job_id: int):
    job = load_or_404(Job, job_id)
    info = describe(job)
    return jsonify(
        {
            "id": job.id,
            "kind": job.kind,
            "state": job.state,
            "done": job.done,
            "skipped": job.skipped,
            "total": job.total,
            "attempts": job.attempts,
            "error": job.error,
            "download": url_for("jobs.download", job_id=job.id) if job.result_file_id else None,
            "title": info["title"],
            "state_label": info["state"],
            "progress": info["progress"],
        }
    )


@allow(EVERYONE)
def retry_job(job_id: int):
    job = load_or_404(Job, job_id, need="retry")
    if not job.retryable:
        flash(_("Only a failed job can be tried again."), "warning")
        return redirect(url_for("jobs.detail", job_id=job.id))
    retry(job)
    db.session.commit()
    flash(_("The job will be tried again, from where it stopped."), "success")
    return redirect(url_for("jobs.detail", job_id=job.id))


@allow(EVERYONE)
def download(job_id: int):
    job = load_or_404(Job, job_id, need="download")
    stored = job.result_file if job.state == "done" else None
    if stored is None or not stored.path.exists():
        abort(404)
    return send_stored(stored)
