"""Test fixtures: a real database (SQLite always, PostgreSQL when TEST_DATABASE_URL is set), migrated with
Alembic once per session; each test runs inside a transaction that is rolled back afterwards."""

from __future__ import annotations

import hashlib
import itertools
import os
from pathlib import Path

import pytest
from flask.globals import app_ctx
from flask.testing import FlaskClient
from sqlalchemy import create_engine, event, text
from sqlalchemy.orm import scoped_session, sessionmaker

from intl import create_app
from intl.core.db import db
from tests import lazy_loads

lazy_loads.install()  # a lazy load from a guarded template fails the test (tests/lazy_loads.py)

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
TEST_PASSWORD = "correct-horse-battery-staple"


def postgres_url() -> str:
    url = os.environ["TEST_DATABASE_URL"]
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url[len(prefix) :]
    return url


def fresh_postgres_schema(name: str) -> dict:
    """Create an empty schema and return engine options that make it the search path."""
    engine = create_engine(postgres_url(), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    engine.dispose()
    return {"pool_pre_ping": True, "connect_args": {"options": f"-csearch_path={name}"}}


def make_test_config(tmp_path: Path, backend: str, schema: str) -> dict:
    config = {
        "ENV_MODE": "testing",
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "PASSWORD_TIME_COST": 1,
        "PASSWORD_MEMORY_COST": 8 * 1024,
        "SMTP_HOST": "",  # no mail leaves a test, except to the `smtp_server` fixture's own server
        # Jobs run in the process that submits them, right after the commit (tests/jobs runs real workers).
        "QUEUE_URL": "immediate",
    }
    if backend == "sqlite":
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    else:
        config["SQLALCHEMY_DATABASE_URI"] = postgres_url()
        config["SQLALCHEMY_ENGINE_OPTIONS"] = fresh_postgres_schema(schema)
    return config


def worker_id() -> str:
    """This test process, unique on the machine: the xdist worker and the checkout it runs from, so that two
    checkouts (or two worktrees) can run their suites against one PostgreSQL at the same time."""
    checkout = hashlib.sha1(str(Path(__file__).resolve().parent.parent).encode()).hexdigest()[:6]
    return f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{checkout}"


@pytest.fixture(scope="session", params=BACKENDS)
def app(request, tmp_path_factory):
    backend = request.param
    tmp_path = tmp_path_factory.mktemp(f"app-{backend}")
    application = create_app(make_test_config(tmp_path, backend, f"intl_test_{worker_id()}"))
    with application.app_context():
        from flask_migrate import upgrade

        upgrade()
    application.config["BACKEND"] = backend
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def database(app):
    """The database, inside a transaction rolled back after the test (commits become savepoints)."""
    lazy_loads.reset()
    with app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
        original = db.session
        # One session per app context, as Flask-SQLAlchemy does: the test's own objects stay in the test's
        # session while each request works in a fresh one; all share the connection and its transaction.
        db.session = scoped_session(
            sessionmaker(bind=connection, join_transaction_mode="create_savepoint"),
            scopefunc=lambda: id(app_ctx._get_current_object()),
        )
        try:
            yield db
        finally:
            db.session.remove()
            db.session = original
            transaction.rollback()
            connection.close()


class IsolatedClient(FlaskClient):
    """Each request gets its own app context (fresh `g`, fresh session), as in production.

    Flask reuses an already pushed context of the same app for a request, and the tests hold one open.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def client(app, database):
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def runner(app, database):
    return app.test_cli_runner()


@pytest.fixture
def smtp_server(app, monkeypatch):
    """A real SMTP server on this machine that the app sends to; yields its inbox (tests/smtp.py)."""
    from aiosmtpd.controller import Controller

    from tests.smtp import Inbox, free_port

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", port)
    monkeypatch.setitem(app.config, "SMTP_STARTTLS", False)
    monkeypatch.setitem(app.config, "MAIL_FROM", "Intl Desk <intl-desk@kcg.example.tw>")
    monkeypatch.setitem(app.config, "BASE_URL", "https://intl.kcg.example.tw")
    try:
        yield inbox
    finally:
        controller.stop()


_counter = itertools.count(1)


@pytest.fixture
def make_user(database):
    from intl.auth.services import create_user

    def make(role: str = "officer", username: str | None = None, password: str = TEST_PASSWORD, **kwargs):
        name = username or f"{role}{next(_counter)}"
        user = create_user(
            name, password, role, display_name=kwargs.pop("display_name", name.title()), **kwargs
        )
        database.session.commit()
        return user

    return make


@pytest.fixture
def login(client):
    """Sign a user in on the test client, the way the sign-in page does it (through the session)."""

    def sign_in(user):
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return user

    return sign_in


@pytest.fixture
def as_role(make_user, login):
    def become(role: str):
        return login(make_user(role))

    return become


@pytest.fixture
def make_partner(database):
    from intl.core.localized import LocalizedText
    from intl.partners.services import create_partner

    def make(names=None, **fields):
        # A partner's standing follows from its ties: `relationship="sister"` (and `relationship_since`)
        # records a city-government tie of that kind in force; none given, the partner is a prospect.
        values = {"kind": "city", "country": "JP", "timezone": "Asia/Tokyo"}
        values.update(fields)
        partner = create_partner(
            names=LocalizedText(names or {"ja": "横浜市", "en": "Yokohama", "zh_Hant": "橫濱市"}), **values
        )
        database.session.commit()
        return partner

    return make


@pytest.fixture
def make_agreement(database):
    from datetime import date

    from intl.partners.services import create_agreement

    def make(partner, **fields):
        values = {"agreement_type": "sister", "our_party": "city_government", "signed_on": date(2016, 5, 1)}
        values.update(fields)
        agreement = create_agreement(partner, **values)
        database.session.commit()
        return agreement

    return make


@pytest.fixture
def make_organization(database):
    from intl.core.localized import LocalizedText
    from intl.organizations.services import create_organization

    def make(names=None, **fields):
        values = {"kind": "government", "country": "JP"}
        values.update(fields)
        org = create_organization(
            names=LocalizedText(
                names or {"ja": "横浜市国際局", "en": "Yokohama International Affairs Bureau"}
            ),
            **values,
        )
        database.session.commit()
        return org

    return make


@pytest.fixture
def make_contact(database):
    from intl.contacts.services import ContactDetails, create_contact

    def make(details: ContactDetails | None = None, **fields):
        values = {
            "family_name": "田中",
            "given_name": "博",
            "name_locale": "ja",
            "latin_name": "Hiroshi Tanaka",
            "country": "JP",
        }
        values.update(fields)
        contact = create_contact(values, details or ContactDetails(emails=[("work", "tanaka@example.jp")]))
        database.session.commit()
        return contact

    return make


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """Context manager counting the SQL statements run inside it (SAVEPOINT chatter excluded)."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        counter = QueryCounter()

        def before(conn, cursor, statement, parameters, context, executemany):
            if (
                not statement.lstrip()
                .upper()
                .startswith(("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "PRAGMA"))
            ):
                counter.statements.append(statement)

        engine = db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return counting


@pytest.fixture
def make_leader(database):
    from intl.core.localized import LocalizedText
    from intl.schedule.models import Leader

    def make(names=None, title=None, **fields):
        leader = Leader(
            names=LocalizedText(names or {"zh_Hant": "陳其邁", "en": "Chen Chi-mai"}),
            title=LocalizedText(title or {"zh_Hant": "市長", "en": "Mayor"}),
            **fields,
        )
        database.session.add(leader)
        database.session.commit()
        return leader

    return make


@pytest.fixture
def make_engagement(database):
    from datetime import UTC, datetime, timedelta

    from intl.core.localized import LocalizedText
    from intl.schedule.services import create_engagement

    def make(leaders=(), contacts=(), users=(), title=None, start=None, hours=1, **fields):
        start = start or datetime(2026, 12, 10, 2, 0, tzinfo=UTC)
        values = {
            "kind": "meeting",
            "timezone": "Asia/Taipei",
            "visibility": "internal",
            "status": "confirmed",
        }
        values.update(fields)
        engagement = create_engagement(
            {"leader": list(leaders), "contact": list(contacts), "user": list(users)},
            title=LocalizedText(title or {"zh_Hant": "市長接見", "en": "Courtesy call on the Mayor"}),
            start_dt=start,
            end_dt=start + timedelta(hours=hours),
            **values,
        )
        database.session.commit()
        return engagement

    return make
