"""The reminder digest handed to the job queue (`send-digest --queue`, the cron line the README gives): sent by
the job with each person recorded as they are served, so a second run sends nothing twice."""

from __future__ import annotations

from sqlalchemy import select

from intl.core.jobs import Job
from intl.followups.models import DigestSent
from tests.followups import test_digest
from tests.smtp import free_port

TODAY = test_digest.TODAY
office = test_digest.office  # the fixture


def test_the_queued_digest_reaches_everyone_once(runner, smtp_server, office, database):
    day = ["followups", "send-digest", "--queue", "--date", TODAY.isoformat()]
    result = runner.invoke(args=day)
    assert result.exit_code == 0 and "Queued as job" in result.output, result.output
    assert set(smtp_server.messages) == {"alice@kcg.example.tw", "lin@kcg.example.tw"}
    job = database.session.scalars(select(Job)).one()
    assert (job.kind, job.state, job.done, job.total) == ("followups.digest", "done", 2, 2)
    assert {row.user_id for row in database.session.scalars(select(DigestSent))} == {
        office["alice"].id,
        office["lin"].id,
    }
    assert runner.invoke(args=day).exit_code == 0
    assert len(smtp_server.envelopes) == 2  # the second job finds everyone served


def test_a_mail_server_that_is_down_fails_the_job_and_keeps_the_reminders_owed(
    runner,
    app,
    smtp_server,
    office,
    database,
):
    working = app.config["SMTP_PORT"]
    app.config["SMTP_PORT"] = free_port()
    runner.invoke(args=["followups", "send-digest", "--queue", "--date", TODAY.isoformat()])
    job = database.session.scalars(select(Job)).one()
    assert job.state == "failed" and "refused" in job.error.lower()
    assert database.session.scalars(select(DigestSent)).all() == []
    app.config["SMTP_PORT"] = working
    runner.invoke(args=["followups", "send-digest", "--queue", "--date", TODAY.isoformat()])
    assert set(smtp_server.messages) == {"alice@kcg.example.tw", "lin@kcg.example.tw"}
