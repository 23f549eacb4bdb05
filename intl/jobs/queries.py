"""The jobs a user may see, newest first, with the name of whoever started each."""

from __future__ import annotations

from sqlalchemy import select

from ..auth.models import User
from ..core.access import visible
from ..core.db import db
from ..core.jobs import Job

LISTED = 200


def job_list(user, limit: int = LISTED) -> list[tuple[Job, str | None]]:
    rows = db.session.execute(
        select(Job, User.display_name)
        .outerjoin(User, User.id == Job.created_by_id)
        .where(visible(user, Job))
        .order_by(Job.id.desc())
        .limit(limit)
    )
    return [(job, name) for job, name in rows]


def started_by(job: Job) -> str | None:
    if job.created_by_id is None:
        return None
    return db.session.scalar(select(User.display_name).where(User.id == job.created_by_id))
