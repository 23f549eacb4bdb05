"""Shared pieces of the benchmarks: a fresh database, a signed-in test client, timing and reporting.

Each benchmark seeds its own database (a temporary SQLite file, or PostgreSQL when BENCH_DATABASE_URL is set),
warms up, then times each page in-process with Flask's test client and counts its SQL statements.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

# bench/ holds http.py (the load benchmark), which would hide the standard library's `http` package from
# Werkzeug once a script here puts bench/ first on the path: keep bench/ on it (for `common`, `floor`) but last.
_BENCH_DIR = str(Path(__file__).resolve().parent)
sys.path[:] = [entry for entry in sys.path if entry not in (_BENCH_DIR, "")] + [_BENCH_DIR]
if "http" in sys.modules and not hasattr(sys.modules["http"], "__path__"):
    del sys.modules["http"]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, text  # noqa: E402

from intl import create_app  # noqa: E402
from intl.core.db import db  # noqa: E402


def parse_args(description: str, only: bool = False) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    if only:  # a benchmark of many pages: time a few of them while working on them
        parser.add_argument(
            "--only", help="only the measurements whose name contains one of these texts (comma-separated)"
        )
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the seeded row counts")
    parser.add_argument("--json", type=Path, help="write the figures as JSON to this file")
    parser.add_argument("--runs", type=int, default=60, help="timed runs per measurement")
    return parser.parse_args()


def make_app(workdir: Path):
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "QUEUE_URL": "immediate",  # jobs (a report's file, mail) run at their commit, in the timed request
            "WTF_CSRF_ENABLED": False,
            "UPLOAD_FOLDER": str(workdir / "uploads"),
            "PASSWORD_TIME_COST": 1,
            "PASSWORD_MEMORY_COST": 8 * 1024,
        }
    )
    from intl.warmup import warm_up

    warm_up(app)  # as wsgi.py does for every worker
    with app.app_context():
        if url.startswith("postgresql"):
            db.drop_all()
            # and Alembic's own table: left behind, it says "at head" and the upgrade below creates nothing,
            # so a second benchmark on the same database failed on its first query
            db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
            db.session.commit()
        from flask_migrate import upgrade

        upgrade()
    return app


def workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="intl-bench-"))


def signed_in_client(app, role: str = "officer"):
    from intl.auth.services import create_user

    with app.app_context():
        user = create_user(f"bench-{role}", "bench-password-long-enough", role)
        db.session.commit()
        user_id = user.id
    return client_for(app, user_id)


def client_for(app, user_id: int):
    """A test client signed in as this user (the session Flask-Login reads, without a sign-in request)."""
    from intl.auth.models import User

    with app.app_context():
        session_id = db.session.get(User, user_id).get_id()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = session_id
    return client


# A statement's shape: its text with an IN list's placeholders (one per value) taken as one.
_IN_LIST = re.compile(r"\((?:\s*(?:\?|%\(\w+\)s)(?:::\w+(?:\[\])?)?\s*,?)+\)")


def statement_shape(statement: str) -> str:
    return _IN_LIST.sub("(...)", " ".join(statement.split()))


def most_repeated(counter: dict) -> dict:
    """The statement run most often in a counted request, and how many times."""
    shape, times = max(counter["shapes"].items(), key=lambda item: item[1], default=("", 0))
    return {"most_repeated": times, "most_repeated_statement": shape[:200]}


@contextmanager
def counting_queries(app):
    """counter["n"]: the statements run; counter["shapes"]: how many times each statement shape ran (a query
    per row shows as one shape run as many times as there are rows)."""
    counter = {"n": 0, "shapes": Counter()}

    def before(_conn, _cursor, statement, *_args, **_kwargs):
        counter["n"] += 1
        counter["shapes"][statement_shape(statement)] += 1

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", before)


def measure(app, name: str, request, runs: int, warmup: int = 5) -> dict:
    """Time `request()` (returns a response) `runs` times after a warm-up; count one run's queries."""
    for _ in range(warmup):
        response = request()
        assert response.status_code == 200, (name, response.status_code)
    with counting_queries(app) as counter:
        request()
    timings, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.thread_time()
        response = request()
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        assert response.status_code == 200
    timings.sort()
    cpu.sort()
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.95))], 2),
        "queries": counter["n"],
        **most_repeated(counter),
        # The serving thread's CPU time: on a shared machine far less disturbed by the other processes than
        # the wall time (which also counts the time this process waited for a core).
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "cpu_p95_ms": round(cpu[min(len(cpu) - 1, int(len(cpu) * 0.95))], 2),
    }


def report(title: str, results: dict, args, targets: dict | None = None) -> None:
    targets = targets or {}
    print(f"\n{title}")
    print(f"{'measurement':32} {'p50 ms':>9} {'p95 ms':>9} {'queries':>8}  target")
    for name, figures in results.items():
        target = targets.get(name, "")
        print(f"{name:32} {figures['p50_ms']:9.2f} {figures['p95_ms']:9.2f} {figures['queries']:8}  {target}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
        print(f"\nwrote {args.json}")
