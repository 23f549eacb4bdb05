"""Flask-Migrate bound to the app, and how Alembic writes our column types into migration scripts: as plain
SQLAlchemy types, so that old migrations never import application code that may change later."""

from __future__ import annotations

from flask import Flask

from .db import db
from .localized import LocalizedTextType
from .time import UTCDateTime


def init_migrations(app: Flask, directory: str) -> None:
    """`flask db ...` and flask_migrate's upgrade() for this app.

    Flask-Migrate imports Alembic with it (10 MB), and a web worker never migrates (migrations do not run at
    start): the factory calls this for every app except the one gunicorn serves (wsgi.py)."""
    from flask_migrate import Migrate

    Migrate(app, db, directory=directory, render_as_batch=True, compare_type=True, render_item=render_item)


def render_item(type_, obj, autogen_context):
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and isinstance(obj, LocalizedTextType):
        return "sa.JSON()"
    return False
