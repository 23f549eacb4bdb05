"""`/healthz`, for load balancers and `docker compose ps`: is the database reachable, is the job queue? No
sign-in; it tells nothing but reachability (and the queue's length and when a worker was last seen)."""

from __future__ import annotations

from flask import jsonify
from sqlalchemy import text

from ..core.access import public
from ..core.db import db
from ..core.queue import current_queue


@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
        database = {"ok": True}
    except Exception as error:  # any driver error means "not reachable" here
        db.session.rollback()
        database = {"ok": False, "error": type(error).__name__}
    queue = current_queue().health()
    ok = database["ok"] and queue["ok"]
    response = jsonify({"status": "ok" if ok else "failing", "database": database, "queue": queue})
    response.status_code = 200 if ok else 503
    response.headers["Cache-Control"] = "no-store"
    return response
