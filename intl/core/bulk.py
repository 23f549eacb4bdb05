"""Writing many rows at once: an import's contacts and their postings, a benchmark's seed.

Core INSERTs in chunks (the ORM's bulk path costs seconds for nothing needed here); on PostgreSQL through
psycopg 3, COPY, which a 10,000-row import needs: it writes about a million search postings, which INSERTed by
executemany took most of its 25 s, and its other rows (e-mails, affiliations, audit entries) a statement of
thousands of placeholders per 2,000 that psycopg parsed each time.
"""

from __future__ import annotations

from operator import itemgetter

from sqlalchemy import insert

from .db import db

CHUNK = 2000


def bulk_insert(model_or_table, rows: list[dict]) -> None:
    """The rows written in the session's transaction; by COPY on PostgreSQL when they leave out no column
    with a default of ours. Every row gives the same columns."""
    table = getattr(model_or_table, "__table__", model_or_table)
    rows = in_key_order(table, rows)
    connection = db.session.connection()
    if copies(connection) and rows and _copyable(table, rows[0]):
        copy_rows(connection, table, rows)
        return
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(table), rows[start : start + CHUNK])


def in_key_order(table, rows: list[dict]) -> list[dict]:
    """The rows sorted by the table's primary key when they give all of it. Postings are made record by
    record, so in the index's (word, record) order they fall all over it; sorted, each index page is found and
    changed once per batch instead of once per row: 10,000 contacts' 400,000 postings were 3-7 % of an
    import's time quicker to write on SQLite, 20-30 % on PostgreSQL's COPY."""
    key = [column.name for column in table.primary_key.columns]
    if not rows or not key or any(name not in rows[0] for name in key):
        return rows
    return sorted(rows, key=itemgetter(*key))


def copies(connection) -> bool:
    """PostgreSQL through psycopg 3 (whose copy protocol copy_rows uses); psycopg2 INSERTs."""
    return connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg"


def _copyable(table, row: dict) -> bool:
    """Whether COPY stores these rows as an INSERT would: every column they leave out has no default that
    SQLAlchemy computes (a serial id, the database's own default or NULL are the server's, as with INSERT)."""
    return all(column.default is None for column in table.columns if column.name not in row)


def copy_rows(connection, table, rows: list[dict]) -> None:
    """The rows by PostgreSQL's COPY (psycopg's copy protocol), in the session's transaction. The columns are
    the first row's; each value goes through its column type's own bind processing, as an INSERT would send
    it."""
    from psycopg import sql

    dialect = connection.dialect
    columns = [column.name for column in table.columns if column.name in rows[0]]
    # the dialect's own processing (JSON documents, a TypeDecorator's process_bind_param), as an INSERT's
    processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(name) for name in columns)
    )
    values_of = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    raw = connection.connection.dbapi_connection
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        if not any(processors):  # postings and keys: strings and integers, sent as they are
            for row in rows:
                copy.write_row(values_of(row))
            return
        for row in rows:
            copy.write_row(
                [
                    value if process is None or value is None else process(value)
                    for value, process in zip(values_of(row), processors, strict=True)
                ]
            )
