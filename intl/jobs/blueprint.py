"""All job URLs.

| URL | who | what |
| --- | --- | --- |
| /jobs | everyone signed in | the jobs they may see, newest first |
| /jobs/<id> | the job's owner; staff for the app's own; admins | state, progress, error, retry, download |
| /jobs/<id>.json | the same | the state as JSON |
| /jobs/<id>/retry (POST) | the same | try a failed job again from where it stopped |
| /jobs/<id>/download | the same | the job's file (a report) |
"""

from flask import Blueprint

from . import (
    access,  # noqa: F401  (registers the job policy)
    views,
)

bp = Blueprint("jobs", __name__)

bp.add_url_rule("/jobs", "index", views.index)
bp.add_url_rule("/jobs/<int:job_id>", "detail", views.detail)
bp.add_url_rule("/jobs/<int:job_id>.json", "status", views.status)
bp.add_url_rule("/jobs/<int:job_id>/retry", "retry", views.retry_job, methods=["POST"])
bp.add_url_rule("/jobs/<int:job_id>/download", "download", views.download)
