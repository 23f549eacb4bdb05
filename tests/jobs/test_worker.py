"""Jobs run by a real worker (Huey's consumer threads) against a database that commits for real, with the queue
in a SQLite file and in Redis: progress seen while a job runs, an attempt that fails retried by the worker from
where it stopped, a job that keeps failing kept with its error for the officer to retry, two app servers sharing
one Redis queue, a job submitted while the queue was down handed over by the worker's sweep, and invitations
that a mail server going down and coming back delays without losing or repeating any."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from aiosmtpd.controller import Controller
from sqlalchemy import func, select, update

from intl.auth.models import User
from intl.auth.services import create_user
from intl.core import jobs
from intl.core.db import db
from intl.core.jobs import Job, JobKind, JobRun, register_job_kind
from intl.core.queue import current_queue
from intl.core.time import now_utc
from intl.events import mailing
from intl.events.models import Registration
from intl.events.registrations import new_registration
from intl.events.services import create_event
from tests.conftest import TEST_PASSWORD
from tests.jobs.conftest import another_server, running_worker
from tests.smtp import Inbox, free_port

GATES: dict[str, threading.Event] = {}
STEPS_RUN: dict[str, list[int]] = {}


def steps_job(run: JobRun) -> None:
    """Counts to n, one committed step at a time; can wait at a gate, and fail at a step (once or always)."""
    name, n = run.args["name"], run.args["n"]
    start = int(run.cursor or 0)
    run.begin(n - start)
    for step in range(start, n):
        if run.args.get("pause_at") == step:
            GATES[name].wait(20)
        if run.args.get("fail_at") == step and (run.args.get("always") or run.job.attempts == 1):
            raise RuntimeError(f"step {step} failed on attempt {run.job.attempts}")
        STEPS_RUN.setdefault(name, []).append(step)
        run.advance(cursor=step + 1)


register_job_kind(JobKind("tests.steps", "Steps", steps_job, "%(done)s of %(total)s steps"))


def read_then_write_job(run: JobRun) -> None:
    """Reads, lets the test write from another connection, then writes: on SQLite, a transaction that began by
    reading could not write after that commit ("database is locked"), unless it began as the writer."""
    name = run.args["name"]
    db.session.scalar(select(func.count()).select_from(Job))
    GATES[name].set()
    time.sleep(0.5)
    run.begin(1)


register_job_kind(JobKind("tests.read_then_write", "Read, then write", read_then_write_job))


def wait_for(app, job_id: int, states: tuple[str, ...], seconds: float = 30) -> Job:
    deadline = time.monotonic() + seconds
    while True:
        with app.app_context():
            job = db.session.get(Job, job_id)
            if job.state in states:
                db.session.expunge(job)
                return job
        if time.monotonic() > deadline:
            raise AssertionError(f"job {job_id} is {job.state}, not {states}: {job.error}")
        time.sleep(0.05)


def submit(app, name: str, **args) -> int:
    name = f"{name}-{app.config['BACKEND']}"  # one registry of steps for both databases' runs
    STEPS_RUN.pop(name, None)
    with app.app_context():
        job = jobs.submit("tests.steps", subject=name, name=name, **args)
        db.session.commit()
        return job.id


def signed_in_client(app, role: str = "officer"):
    with app.app_context():
        user = create_user(f"{role}-{time.monotonic_ns()}", TEST_PASSWORD, role)
        db.session.commit()
        session_id = user.get_id()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = session_id
    return client


def test_progress_is_seen_while_the_job_runs(sqlite_queue_app):
    app = sqlite_queue_app
    GATES[f"progress-{app.config['BACKEND']}"] = gate = threading.Event()
    client = signed_in_client(app, "admin")
    with running_worker(app):
        job_id = submit(app, "progress", n=10, pause_at=4)
        deadline = time.monotonic() + 20
        while (state := client.get(f"/jobs/{job_id}.json").get_json())["done"] < 4:
            assert time.monotonic() < deadline, state
            time.sleep(0.05)
        assert state["state"] == "running" and state["total"] == 10 and state["progress"] == "4 of 10 steps"
        page = client.get(f"/jobs/{job_id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
        assert (
            'http-equiv="refresh"' in page
            and '<progress class="d-block w-100 mt-1" max="100" value="40"' in page
        )
        gate.set()
        job = wait_for(app, job_id, ("done",))
    assert (job.done, job.total, job.attempts) == (10, 10, 1) and STEPS_RUN[
        f"progress-{app.config['BACKEND']}"
    ] == list(range(10))


def test_a_failed_attempt_is_retried_by_the_worker_from_where_it_stopped(sqlite_queue_app):
    app = sqlite_queue_app
    with running_worker(app):
        job_id = submit(app, "flaky", n=6, fail_at=3)
        retrying = wait_for(app, job_id, ("retrying", "done"))
        job = wait_for(app, job_id, ("done",))
    assert retrying.state == "retrying" and "step 3 failed on attempt 1" in retrying.error
    assert (job.attempts, job.done, job.error) == (2, 6, None)
    assert STEPS_RUN[f"flaky-{app.config['BACKEND']}"] == [0, 1, 2, 3, 4, 5]  # nothing done twice


def test_a_job_that_keeps_failing_keeps_its_error_for_the_officer_to_retry(sqlite_queue_app):
    app = sqlite_queue_app
    client = signed_in_client(app, "admin")
    with running_worker(app):
        job_id = submit(app, "broken", n=3, fail_at=1, always=True)
        failed = wait_for(app, job_id, ("failed",))
        assert failed.attempts == 3 and "step 1 failed on attempt 3" in failed.error  # QUEUE_RETRIES=2
        page = client.get(f"/jobs/{job_id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
        assert (
            "The last attempt failed:" in page
            and "step 1 failed on attempt 3" in page
            and "Try again" in page
        )
        with app.app_context():  # the cause is mended: the next attempt passes
            job = db.session.get(Job, job_id)
            job.args = {**job.args, "always": False}
            db.session.commit()
        assert client.post(f"/jobs/{job_id}/retry").status_code == 302
        done = wait_for(app, job_id, ("done",))
    assert done.attempts == 4 and done.done == 3 and STEPS_RUN[f"broken-{app.config['BACKEND']}"] == [0, 1, 2]


def test_a_job_that_reads_then_writes_waits_for_a_write_made_meanwhile(sqlite_queue_app):
    """The worker's jobs begin their transactions as writers (the same switch as a request that writes), so a
    write the app makes while a job is between its read and its write waits its turn instead of breaking
    the job."""
    app = sqlite_queue_app
    name = f"read-then-write-{app.config['BACKEND']}"
    GATES[name] = read = threading.Event()
    with app.app_context():
        user = create_user(f"meanwhile-{time.monotonic_ns()}", TEST_PASSWORD, "officer")
        job = jobs.submit("tests.read_then_write", subject=name, name=name)
        db.session.commit()
        user_id, job_id = user.id, job.id
    with running_worker(app, workers=1):
        assert read.wait(20), "the job did not start"
        with app.app_context():  # the app writes from another connection while the job holds its read
            db.session.execute(
                update(User).where(User.id == user_id).values(display_name="Changed meanwhile")
            )
            db.session.commit()
        job = wait_for(app, job_id, ("done", "failed", "retrying"))
    assert (job.state, job.attempts, job.error) == ("done", 1, None)
    with app.app_context():
        assert db.session.get(User, user_id).display_name == "Changed meanwhile"


def test_two_app_servers_share_one_redis_queue(redis_queue_app):
    """A job submitted on one server runs on the other's worker: one queue, one database."""
    first = redis_queue_app
    second = another_server(first)
    with running_worker(second, workers=1):
        job_id = submit(first, "shared", n=3)
        job = wait_for(first, job_id, ("done",))
    assert job.done == 3
    with first.app_context():
        health = current_queue().health()
    assert health["ok"] and health["waiting"] == 0


def test_a_job_submitted_while_the_queue_was_down_is_handed_over_by_the_sweep(redis_queue_app, caplog):
    app = redis_queue_app
    cut_off = another_server(app, QUEUE_URL=f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    job_id = submit(cut_off, "lost", n=2)  # the request still succeeds: the job waits in the database
    assert "Could not hand job" in caplog.text
    with cut_off.app_context():
        health = current_queue().health()
    assert health == {"ok": False, "error": "ConnectionError"}
    with app.app_context():
        job = db.session.get(Job, job_id)
        assert job.state == "queued"
        job.queued_at = now_utc() - timedelta(minutes=10)
        db.session.commit()
    with running_worker(app, workers=1):
        app.extensions["intl_queue"]._sweep()  # what the worker does once a minute
        job = wait_for(app, job_id, ("done",))
        with app.app_context():
            seen = current_queue().health()["worker_seen_seconds_ago"]
    assert job.done == 2 and seen is not None and seen < 5


def test_invitations_survive_a_mail_server_that_goes_down_and_comes_back(sqlite_queue_app):
    """The first attempt finds the server down; the worker tries again a second later, when it is back, and
    every guest gets exactly one invitation."""
    app = sqlite_queue_app
    inbox = Inbox()
    port = free_port()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, BASE_URL="https://intl.example.tw")
    with app.app_context():
        event = create_event(
            title={"en": "Lantern Festival"},
            start_dt=datetime(2027, 2, 12, 10, tzinfo=UTC),
            end_dt=datetime(2027, 2, 12, 13, tzinfo=UTC),
            kind="cultural",
            timezone="Asia/Taipei",
            status="confirmed",
            visibility="public",
        )
        for n in range(30):
            new_registration(
                event, "invited", "officer", name=f"Guest {n}", email=f"g{n}@example.org", locale="en"
            )
        db.session.commit()
        job = mailing.send_invitations(event)
        db.session.commit()
        job_id, event_id = job.id, event.id
    controller = None
    try:
        with running_worker(app, workers=1):
            first = wait_for(app, job_id, ("retrying", "done", "failed"))
            assert first.state == "retrying" and "refused" in first.error.lower() and first.done == 0
            controller = Controller(inbox, hostname="127.0.0.1", port=port)
            controller.start()
            job = wait_for(app, job_id, ("done", "failed"))
    finally:
        if controller is not None:
            controller.stop()
        app.config["SMTP_HOST"] = ""
    assert (job.state, job.done, job.total) == ("done", 30, 30)
    assert sorted(e.rcpt_tos[0] for e in inbox.envelopes) == sorted(f"g{n}@example.org" for n in range(30))
    with app.app_context():
        mailed = db.session.scalars(
            select(Registration.invitation_mailed_at).where(Registration.event_id == event_id)
        ).all()
    assert len(mailed) == 30 and all(mailed)
