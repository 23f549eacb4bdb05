"""The bulk writer (intl/core/bulk.py): rows that give their whole primary key go in its order (each index page
changed once per batch); rows whose ids the database assigns keep the order given, which is their ids' order."""

from __future__ import annotations

from sqlalchemy import select, text

from intl.core.audit import AuditEntry
from intl.core.bulk import bulk_insert
from intl.core.search import SearchGram
from intl.core.time import now_utc


def _physical_order(database, table: str, columns: str) -> list[tuple]:
    """The rows as they lie in the table: SQLite's rowid order, PostgreSQL's heap order of a fresh table."""
    position = "rowid" if database.session.get_bind().dialect.name == "sqlite" else "ctid"
    return [
        tuple(r) for r in database.session.execute(text(f"SELECT {columns} FROM {table} ORDER BY {position}"))
    ]


def test_postings_are_written_in_the_order_of_their_key(database):
    given = [
        {"kind": "bulktest", "gram": gram, "entity_id": entity_id}
        for entity_id, gram in [(3, "b"), (1, "c"), (2, "a"), (1, "a"), (3, "a"), (2, "c")]
    ]
    bulk_insert(SearchGram, given)
    written = [
        row
        for row in _physical_order(database, "search_gram", "kind, gram, entity_id")
        if row[0] == "bulktest"
    ]
    assert written == sorted((r["kind"], r["gram"], r["entity_id"]) for r in given)


def test_rows_whose_ids_the_database_gives_keep_the_order_given(database):
    labels = ["third", "first", "second"]
    bulk_insert(
        AuditEntry,
        [
            {"at_dt": now_utc(), "action": "create", "kind": "bulktest", "entity_id": n, "label": label,
             "changes": {}}
            for n, label in enumerate(labels)
        ],
    )  # fmt: skip
    stored = database.session.execute(
        select(AuditEntry.label).where(AuditEntry.kind == "bulktest").order_by(AuditEntry.id)
    ).scalars()
    assert list(stored) == labels
