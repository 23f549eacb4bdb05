"""The database object, the declarative base with a constraint naming convention, and engine set-up."""

from __future__ import annotations

import sqlite3
from contextvars import ContextVar

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapper

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
    cursor.execute("PRAGMA cache_size = -65536")
    journal = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    if journal != "memory":
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


# The job worker's transactions on SQLite take the write lock when they begin (BEGIN IMMEDIATE): a transaction
# that read first and writes later would otherwise fail at once ("database is locked") whenever the app wrote
# in between, instead of waiting its turn. Jobs keep their transactions short (intl/core/jobs.py).
IMMEDIATE_TRANSACTIONS: ContextVar[bool] = ContextVar("immediate_transactions", default=False)


@event.listens_for(Engine, "begin")
def _begin_sqlite(connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE" if IMMEDIATE_TRANSACTIONS.get() else "BEGIN")


@event.listens_for(Mapper, "mapper_configured")
def _localized_columns(mapper, class_) -> None:
    from .localized import coerce_on_set

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
    counts) still reads every row from the table.
    """
    from sqlalchemy import text

    if db.engine.dialect.name == "sqlite":
        db.session.execute(text("ANALYZE" if full else "PRAGMA optimize"))
    elif full:
        db.session.commit()  # VACUUM cannot run inside a transaction: on a connection of its own
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
