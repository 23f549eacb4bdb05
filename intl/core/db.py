"""The database object, the declarative base with a constraint naming convention, and engine set-up."""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager

from flask import g, has_app_context, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Integer, MetaData, String, any_, bindparam, event, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapper

from .localized import coerce_on_set

# Named constraints make migrations reproducible on both databases (Alembic needs names to drop them).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)


def one_of(column, values: list, element_type=Integer, name: str | None = None):
    """`column IN values` with the values as one parameter: an array on PostgreSQL, a JSON list read by
    json_each on SQLite. An expanded `IN (?, ?, …)` is a placeholder per value, which SQLAlchemy processes
    and psycopg parses for every statement (a search's list and its count: 5,000 Python calls, a seventh of
    the page), and which SQLite caps (so thousands of values took a statement per 900)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(name, list(values), type_=ARRAY(element_type)))
    listed = func.json_each(bindparam(name, json.dumps(list(values)), type_=String)).table_valued("value")
    return column.in_(select(listed.c.value))


# SQLite's page cache, per connection and so per worker (a gunicorn worker keeps one or two): it holds the pages
# most read (indexes' upper levels, the rows of the pages just shown); the rest comes from the system's file cache,
# which all workers share. SQLite's default 2 MB: 64 MB, then 8 MB, each kept more in every worker with no page
# measurably faster (bench/http.py).
SQLITE_CACHE_KIB = 2048


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Let SQLAlchemy own transactions: pysqlite's implicit BEGIN breaks SAVEPOINT handling.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    journal = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    if journal != "memory":
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


@event.listens_for(Engine, "connect")
def _configure_postgresql(dbapi_connection, connection_record) -> None:
    if not type(dbapi_connection).__module__.startswith("psycopg"):
        return
    # psycopg prepares a statement run five times on a connection, and PostgreSQL may then plan it once for any
    # values. Our values are skewed: a search for 'an' matches 42,000 contacts and one for 'tana' a few
    # hundred; the list's plan made for the one answered the other in 165-230 ms instead of 30-45 (bench
    # contacts, a worker's connection after a few searches). Planned for its values each time, a statement
    # costs its planning (well under a millisecond for ours) and never gets a plan made for other values.
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True  # a SET inside a transaction ends with its rollback
    cursor = dbapi_connection.cursor()  # (psycopg 2 as well: DATABASE_URL may name that driver)
    cursor.execute("SET plan_cache_mode = force_custom_plan")
    cursor.close()
    dbapi_connection.autocommit = autocommit


@event.listens_for(Engine, "begin")
def _begin_sqlite(connection) -> None:
    if connection.dialect.name == "sqlite":
        # A transaction that will write starts as the writer. In WAL mode a transaction that began by reading
        # cannot become a writer once another connection has committed (its snapshot is stale): SQLite then
        # refuses at once with "database is locked", without waiting for busy_timeout. BEGIN IMMEDIATE takes
        # the write lock first, and waits for it (busy_timeout) instead of failing.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _writing() else "BEGIN")


def _writing() -> bool:
    return has_app_context() and g.get("db_writer", False)


def begin_as_writer() -> None:
    """The transactions of this app context write: on SQLite each begins with the write lock (BEGIN IMMEDIATE).

    The one switch for requests and the job worker alike: set before every request that may change data (any
    method but GET, HEAD and OPTIONS) by `register_request_transactions`, and for every job the worker runs
    (`intl.core.queue`), whose transactions stay short (none is open while a mail server answers or a file is
    laid out). A GET that writes, and periodic work that asks another server first (the directory sync), write
    through `separate_write()`."""
    g.db_writer = True


@contextmanager
def separate_write():
    """A small write made while serving a page (an access-log entry, a feed's last use, a cache row) or by the
    worker's periodic work, in a transaction of its own that begins as a writer, so that it waits for another
    writer instead of failing.

    The reading transaction is ended first (it has nothing pending: a GET changes nothing else)."""
    if not has_app_context():
        yield
        return
    db.session.commit()
    was = g.get("db_writer", False)
    g.db_writer = True
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    finally:
        g.db_writer = was


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def register_request_transactions(app) -> None:
    @app.before_request
    def _writer_for_unsafe_methods() -> None:
        if request.method not in SAFE_METHODS:
            begin_as_writer()


@event.listens_for(Mapper, "mapper_configured")
def _localized_columns(mapper, class_) -> None:
    coerce_on_set(mapper, class_)


def is_postgresql() -> bool:
    return db.engine.dialect.name == "postgresql"


def refresh_statistics(full: bool = False) -> None:
    """Let the database's planner know the tables' sizes after bulk changes (imports, demo loads).

    Without statistics SQLite may walk a whole sort index to find the 186 people called 志明; with them it
    starts from the matches. `PRAGMA optimize` only re-analyzes what changed enough; PostgreSQL's autovacuum
    does this on its own, so the full pass is asked for only explicitly (`flask analyze`, demo loads,
    benchmarks). On PostgreSQL it is VACUUM ANALYZE, what autovacuum would soon do: besides the statistics, it
    marks the new rows visible to all in the visibility map, without which an index-only scan (the dashboard's
    counts) still reads every row from the table. Only the app's own tables, found through the connection's
    search path: a database that other applications share (a schema each) is not vacuumed whole for ours.
    """
    if db.engine.dialect.name == "sqlite":
        db.session.execute(text("ANALYZE" if full else "PRAGMA optimize"))
    elif full:
        db.session.commit()  # VACUUM cannot run inside a transaction: on a connection of its own
        quote = db.engine.dialect.identifier_preparer.quote
        tables = ", ".join(quote(table.name) for table in db.metadata.sorted_tables)
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f"VACUUM ANALYZE {tables}"))
