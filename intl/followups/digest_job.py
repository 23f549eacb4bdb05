"""The daily reminder digest as a job (`flask --app wsgi followups send-digest --queue`, for cron): the worker
sends it with retries, one person at a time, each recorded as sent with their message, so a mail server that is
down delays the reminders without losing any and a retry mails nobody twice."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from ..core import jobs, mail
from ..core.db import db
from .digest import prepare
from .models import DigestSent


def queue_digest(today: date, again: bool = False) -> jobs.Job:
    return jobs.submit("followups.digest", subject=today.isoformat(), on=today.isoformat(), again=again)


def send_digest_job(run: jobs.JobRun) -> None:
    today = date.fromisoformat(run.args["on"])
    # Those already sent this day (by an earlier attempt, or by cron) are left out, unless asked `again`;
    # then the cursor keeps a retry from sending twice.
    messages, _missing, _repeated = prepare(today, again=bool(run.args.get("again")))
    by_user = {digest.user.id: message for digest, message in messages}

    def sent(user_id: int) -> None:
        db.session.add(DigestSent(user_id=user_id, sent_on=today))

    mail.send_batch(run, [(user_id, lambda m=m: m) for user_id, m in sorted(by_user.items())], sent)


# Registered by the feature's blueprint (jobs.register_job_kind).
DIGEST_JOB = jobs.JobKind(
    "followups.digest", _l("Reminder digest"), send_digest_job, _l("%(done)s of %(total)s sent")
)
