"""`/healthz` answers without a sign-in whether the database and the queue are reachable; each request is one
JSON line with its duration and status when REQUEST_LOG is on."""

from __future__ import annotations

import io
import json
import logging

from intl import create_app
from intl.core.request_log import JsonLines
from tests.smtp import free_port


def test_healthz_answers_anyone(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["status"] == "ok" and body["database"] == {"ok": True} and body["queue"]["ok"] is True


def test_healthz_fails_when_the_queue_cannot_be_reached(app, database):
    cut_off = create_app({**app.config, "QUEUE_URL": f"redis://127.0.0.1:{free_port()}/0"})
    response = cut_off.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "failing" and body["queue"] == {"ok": False, "error": "ConnectionError"}
    assert body["database"] == {"ok": True}


def test_healthz_fails_when_the_database_cannot_be_reached(app, tmp_path):
    broken = create_app(
        {
            **app.config,
            "SQLALCHEMY_DATABASE_URI": f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/none",
            "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 2}},
        }
    )
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503 and response.get_json()["database"]["ok"] is False


def test_each_request_is_one_json_line(app, database, make_user):
    logged = create_app({**app.config, "REQUEST_LOG": True})
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLines())
    logger = logging.getLogger("intl.requests")
    logger.addHandler(handler)
    try:
        client = logged.test_client()
        client.get("/healthz")
        client.get("/partners")  # anonymous: sent to sign in
        client.get("/no-such-page")
    finally:
        logger.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("GET", "/healthz", 200),
        ("GET", "/partners", 302),
        ("GET", "/no-such-page", 404),
    ]
    assert all(isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0 for line in lines)
    assert all(line["time"].endswith("+00:00") and line["user"] is None for line in lines)
