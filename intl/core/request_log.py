"""One JSON line per request on standard error (REQUEST_LOG, on in production): when, method, path, status,
duration in milliseconds, the signed-in user's id and the client's address, for a log collector to read."""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import UTC, datetime

from flask import Flask, g, request
from flask_login import current_user

logger = logging.getLogger("intl.requests")


class JsonLines(logging.Formatter):
    """A record's `fields` (or its message) as one JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", None) or {"message": record.getMessage()}
        line = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")}
        line.update(fields)
        return json.dumps(line, ensure_ascii=False, separators=(",", ":"))


def _start() -> None:
    g.request_started = time.perf_counter()


def _log(response):
    started = g.pop("request_started", None)
    if started is None:
        return response
    user_id = current_user.get_id() if current_user and current_user.is_authenticated else None
    logger.info(
        "request",
        extra={
            "fields": {
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user": user_id.partition(":")[0] if user_id else None,
                "remote": request.remote_addr,
                "length": response.calculate_content_length(),
            }
        },
    )
    return response


def register_request_log(app: Flask) -> None:
    if not app.config.get("REQUEST_LOG"):
        return
    if not any(isinstance(h.formatter, JsonLines) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonLines())
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    # First of all before-request functions, so that a request the sign-in check answers is timed too.
    app.before_request_funcs.setdefault(None, []).insert(0, _start)
    app.after_request(_log)
