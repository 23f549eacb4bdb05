"""Apps whose database commits for real (no rolled-back transaction), so that a real worker (Huey's consumer
threads, or `flask worker` in a process) sees what a request wrote, with a queue in a SQLite file or in the
Redis on 127.0.0.1:6379."""

from __future__ import annotations

import uuid
from contextlib import contextmanager

import pytest
from flask_migrate import upgrade

from intl import create_app
from intl.core.db import db
from tests.conftest import BACKENDS, make_test_config, worker_id

REDIS_URL = "redis://127.0.0.1:6379/0"


def committed_app(tmp_path, backend: str, queue_url: str, schema: str, **settings):
    config = make_test_config(tmp_path, backend, schema)
    config.update(
        QUEUE_URL=queue_url,
        QUEUE_NAME=f"intl-test-{uuid.uuid4().hex[:12]}",  # the machine's Redis is shared: a queue of our own
        QUEUE_RETRIES=2,
        QUEUE_RETRY_DELAY=1,
    )
    config.update(settings)
    app = create_app(config)
    with app.app_context():
        upgrade()
    app.config["BACKEND"] = backend
    return app


def another_server(app, **changes):
    """A second app server with the same settings (database, uploads, queue) but for `changes`."""
    return create_app({**app.config, **changes})


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture(scope="module")
def sqlite_queue_app(backend, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"jobs-sqlite-{backend}")
    app = committed_app(tmp, backend, f"sqlite:///{tmp / 'queue.sqlite3'}", f"intl_jobs_{worker_id()}")
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def redis_queue_app(backend, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"jobs-redis-{backend}")
    app = committed_app(tmp, backend, REDIS_URL, f"intl_jobs_redis_{worker_id()}")
    yield app
    queue = app.extensions["intl_queue"]
    queue.huey.flush()
    with app.app_context():
        db.engine.dispose()


@contextmanager
def running_worker(app, workers: int = 2, periodic: bool = False):
    consumer = app.extensions["intl_queue"].start_in_threads(workers=workers, periodic=periodic)
    try:
        yield consumer
    finally:
        consumer.stop(graceful=True)
