"""The job queue, on Huey: one library for both set-ups the office runs.

- QUEUE_URL=sqlite:///instance/queue.sqlite3 (the default): the queue is a SQLite file beside the database,
  so one machine needs no other server; `make run` starts a worker process beside the app.
- QUEUE_URL=redis://redis:6379/0: several app servers and workers share a Redis (compose.yaml).
- QUEUE_URL=immediate: each job runs in the process that submits it, right after its commit (the test suite,
  and debugging); nothing waits in a queue.

The queue carries only "run job 42" (`intl.core.jobs` keeps the job in the database) and is handed the job after
the transaction that created it commits. The worker (`flask --app wsgi worker`) runs jobs in threads, retries a
failed attempt QUEUE_RETRIES times (QUEUE_RETRY_DELAY seconds, doubled each time), and once a minute hands over
again jobs that no worker took (the queue was down when they were submitted), fails jobs whose worker stopped
under them, and notes that it is alive (`/healthz` shows when it was last seen).

Features add work the worker repeats from their blueprints: `register_periodic(Periodic("name",
"SETTING_MINUTES", function))` (the directory sync); the job kinds are registered the same way (intl.core.jobs).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from . import jobs
from .db import begin_as_writer, db

if TYPE_CHECKING:
    from huey import Huey
    from huey.api import TaskWrapper
    from huey.consumer import Consumer

logger = logging.getLogger("intl.queue")
HEARTBEAT_KEY = "intl-worker-seen"
LOST_AFTER = timedelta(minutes=5)


@dataclass(frozen=True)
class Periodic:
    name: str
    setting: str  # the config key giving every how many minutes it runs (0: never)
    function: Callable[[], object]


_PERIODIC: dict[str, Periodic] = {}


def register_periodic(work: Periodic) -> None:
    """Work the worker does (in an app context) every `config[work.setting]` minutes."""
    _PERIODIC[work.name] = work


REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def check_queue_url(url: str) -> None:
    """A QUEUE_URL this module can serve, checked when the app is made (the queue itself is made later)."""
    if url != "immediate" and not url.startswith((*REDIS_SCHEMES, "sqlite:///")):
        raise ValueError(f"QUEUE_URL must be sqlite:///file, redis://host:port/db or immediate, not {url!r}")


def make_huey(config: dict) -> Huey:
    # Huey imports its storages' clients with it (redis, psycopg: some 30 MB): only a process that submits a
    # job, runs the worker or answers /healthz makes a queue, not every web worker at start.
    from huey import Huey, RedisHuey, SqliteHuey

    url = config["QUEUE_URL"]
    name = config["QUEUE_NAME"]
    check_queue_url(url)
    if url == "immediate":
        return Huey(name, results=False, immediate=True)
    if url.startswith(REDIS_SCHEMES):
        return RedisHuey(name, results=False, url=url)
    path = Path(url.removeprefix("sqlite:///"))
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, results=False, filename=str(path), timeout=10)


class Queue:
    """The app's Huey, its one task ("run job N") and its periodic work, bound to one Flask app; made at
    first use (see make_huey)."""

    def __init__(self, app: Flask):
        self.app = app
        check_queue_url(app.config["QUEUE_URL"])

    @cached_property
    def _made(self) -> tuple[Huey, TaskWrapper]:
        config = self.app.config
        huey = make_huey(config)
        run_job = huey.task(
            retries=0 if huey.immediate else config["QUEUE_RETRIES"],
            retry_delay=config["QUEUE_RETRY_DELAY"],
            retry_backoff=2,
            context=True,
            name="intl.run_job",
        )(self._run_job)
        huey.periodic_task(lambda moment: True, name="intl.sweep")(self._sweep)
        for job in _PERIODIC.values():
            huey.periodic_task(self._every(job.setting), name=f"intl.{job.name}")(self._wrap(job.function))
        return huey, run_job

    @property
    def huey(self) -> Huey:
        return self._made[0]

    @property
    def run_job(self) -> TaskWrapper:
        return self._made[1]

    def _run_job(self, job_id: int, task=None) -> None:
        with self.app.app_context():
            begin_as_writer()  # the job's transactions write, and are short: on SQLite they take the lock first
            jobs.execute(job_id, final=task is None or task.retries == 0)

    def _every(self, setting: str):
        def due(moment) -> bool:
            minutes = int(self.app.config.get(setting) or 0)
            return minutes > 0 and (moment.hour * 60 + moment.minute) % minutes == 0

        return due

    def _wrap(self, function):
        def run() -> None:
            with self.app.app_context():
                function()

        run.__name__ = function.__name__
        return run

    def _sweep(self) -> None:
        """Once a minute in the worker: note that it lives, re-hand lost jobs, fail stalled ones."""
        self.huey.storage.put_data(HEARTBEAT_KEY, str(time.time()).encode())
        with self.app.app_context():
            lost = jobs.lost_jobs(LOST_AFTER)
            db.session.rollback()  # end the reading transaction before writing in another
            for job_id in lost:
                self.hand_over(job_id)
            jobs.fail_stalled()

    def hand_over(self, job_id: int) -> bool:
        """Put "run job N" in the queue; False (logged) when the queue cannot be reached: the job stays
        waiting in the database and the worker's sweep hands it over once the queue is back."""
        try:
            self.run_job(job_id)
        except Exception as error:  # a Redis that is down, a locked SQLite file: the job is not lost
            logger.warning("Could not hand job %s to the queue: %r", job_id, error)
            return False
        return True

    def consumer(self, workers: int = 2, periodic: bool = True, max_delay: float = 2.0) -> Consumer:
        return self.huey.create_consumer(
            workers=workers, worker_type="thread", periodic=periodic, max_delay=max_delay
        )

    def start_in_threads(self, workers: int = 2, periodic: bool = False, max_delay: float = 0.2) -> Consumer:
        """A worker inside this process (its scheduler and worker threads, no signal handlers): for tests and
        embedded use. Stop it with `consumer.stop(graceful=True)`."""
        consumer = self.consumer(workers=workers, periodic=periodic, max_delay=max_delay)
        consumer.scheduler.start()
        for _worker, thread in consumer.worker_threads:
            thread.start()
        return consumer

    def health(self) -> dict:
        """Whether the queue answers, how many jobs wait in it, and when a worker was last seen."""
        try:
            waiting = self.huey.pending_count()
            seen = self.huey.storage.peek_data(HEARTBEAT_KEY)
        except Exception as error:  # whatever the storage raises when it is unreachable
            return {"ok": False, "error": type(error).__name__}
        seen_ago = None
        if isinstance(seen, bytes):
            seen_ago = max(0, round(time.time() - float(seen.decode())))
        return {"ok": True, "waiting": waiting, "worker_seen_seconds_ago": seen_ago}


def init_queue(app: Flask) -> Queue:
    queue = Queue(app)
    app.extensions["intl_queue"] = queue
    return queue


def current_queue() -> Queue:
    return current_app.extensions["intl_queue"]


def hand_over(job_id: int) -> bool:
    return current_queue().hand_over(job_id)


@event.listens_for(Session, "after_commit")
def _hand_over_after_commit(session: Session) -> None:
    for job_id in jobs.committed_jobs(session):
        hand_over(job_id)
