"""How a search's list statement reaches the database: its matches as one parameter whatever their number, and
on SQLite the matches' sort keys read from the index that keeps one locale's keys together."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from werkzeug.datastructures import MultiDict

from intl.contacts.queries import PAGE_COLUMNS, ContactFilters, contact_list
from intl.core import search


@pytest.mark.parametrize("matches", [3, 40])
def test_a_search_binds_its_matches_as_one_parameter(app, database, make_contact, matches):
    for i in range(matches):
        make_contact(family_name=None, given_name=None, latin_name=f"Nguyen Person {i}")
    sent = []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append(parameters)

    with app.test_request_context():
        stmt, _, _ = contact_list(
            ContactFilters.from_args(MultiDict({"q": "nguyen"})), "en", columns=PAGE_COLUMNS
        )
        engine = database.session.get_bind().engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            assert len(database.session.execute(stmt).all()) == matches
        finally:
            event.remove(engine, "before_cursor_execute", record)
    # the ids matched go as one parameter; the rest (kind, locale, limits) does not grow with the matches
    assert len(sent) == 1 and len(sent[0]) < 8, sent


def _first_page(stmt, terms):
    """The statement a list's first page runs (intl/core/pagination.py)."""
    order = [t.expression.desc() if t.descending else t.expression.asc() for t in terms]
    return stmt.add_columns(*[t.expression for t in terms]).order_by(*order).limit(51)


def _plan(database, stmt) -> str:
    compiled = stmt.compile(dialect=database.session.get_bind().dialect)
    values = tuple(compiled.params[name] for name in compiled.positiontup)
    plan = database.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled), values).all()
    return " | ".join(row[-1] for row in plan)


# SQLite's statistics of an office at scale x10 (bench/http.py's database after ANALYZE): the plans below are the
# ones SQLite chooses for such an office, whatever the few rows of a test.
OFFICE_STATISTICS = [
    ("contact", "ix_contact_archived", "103000 103000"),
    ("contact", "ix_contact_country", "103000 9364"),
    ("contact", "ix_contact_merged_into", "103000 103000"),
    ("contact", "sqlite_autoindex_contact_1", "103000 1"),
    ("search_doc", "sqlite_autoindex_search_doc_1", "220062 31438 1"),
    ("search_gram", "sqlite_autoindex_search_gram_1", "40237371 5748196 372 1"),
    ("sort_key", "ix_sort_key_lookup", "840245 168049 24007 1 1"),
    ("sort_key", "ix_sort_key_order", "840245 168049 24007 2 1"),
    ("sort_key", "sqlite_autoindex_sort_key_1", "840245 168049 7 1"),
]


@pytest.fixture
def office_statistics(database):
    if database.session.get_bind().dialect.name != "sqlite":
        pytest.skip("SQLite's query plans (PostgreSQL chooses by its own statistics)")
    connection = database.session.connection()
    connection.exec_driver_sql("ANALYZE")  # creates sqlite_stat1
    connection.exec_driver_sql("DELETE FROM sqlite_stat1")
    for row in OFFICE_STATISTICS:
        connection.exec_driver_sql("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", row)
    connection.exec_driver_sql("ANALYZE sqlite_schema")  # the planner reads them again
    yield
    connection.exec_driver_sql("DELETE FROM sqlite_stat1")
    connection.exec_driver_sql("ANALYZE sqlite_schema")


def test_broad_search_sorts_its_matches_from_the_locale_lookup_index(
    app, database, office_statistics, monkeypatch
):
    monkeypatch.setattr(search, "NARROW_LIMIT", 2)  # more matches than that: the search stays a subquery
    with app.test_request_context():
        stmt, _, terms = contact_list(
            ContactFilters.from_args(MultiDict({"q": "nguyen"})), "zh_Hant_TW", columns=PAGE_COLUMNS
        )
        plan = _plan(database, _first_page(stmt, terms))
    assert "ix_sort_key_lookup" in plan, plan


def test_unfiltered_list_walks_the_sort_order_index(app, database, office_statistics):
    with app.test_request_context():
        stmt, _, terms = contact_list(
            ContactFilters.from_args(MultiDict()), "zh_Hant_TW", columns=PAGE_COLUMNS
        )
        plan = _plan(database, _first_page(stmt, terms))
    assert "ix_sort_key_order" in plan and "TEMP B-TREE" not in plan, plan


def _postgresql_plan(database, stmt) -> dict:
    compiled = stmt.compile(dialect=database.session.get_bind().dialect)
    connection = database.session.connection()
    return connection.exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params).scalar()[0]


def _nodes(node: dict):
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


def test_on_postgresql_a_broad_search_filters_the_sort_index_with_its_hashed_matches(
    app, database, make_contact, monkeypatch
):
    """A capped search in name order: its matches hashed once, as a filter on the scan of the locale's sort keys,
    whatever PostgreSQL's estimates (as a join, the planner probed the postings for every name walked or sorted
    every match: 'ngu' over 100,000 contacts, 37 ms against 4)."""
    if database.session.get_bind().dialect.name != "postgresql":
        pytest.skip("PostgreSQL's plans (SQLite's are tested above)")
    for i in range(3):
        make_contact(family_name=None, given_name=None, latin_name=f"Nguyen Person {i}")
    monkeypatch.setattr(search, "NARROW_LIMIT", 2)
    with app.test_request_context():
        filters = ContactFilters.from_args(MultiDict({"q": "ngu"}))
        stmt, _, terms = contact_list(filters, "zh_Hant_TW", columns=PAGE_COLUMNS)
        plan = _postgresql_plan(database, _first_page(stmt, terms))
    assert filters.capped
    filtered = [
        node
        for node in _nodes(plan["Plan"])
        if node.get("Relation Name") == "sort_key" and "hashed SubPlan" in node.get("Filter", "")
    ]
    assert len(filtered) == 1, plan
    subplans = [node for node in _nodes(filtered[0]) if node.get("Parent Relationship") == "SubPlan"]
    assert [node.get("Relation Name") for node in subplans] == ["search_gram"], plan


def test_postgresql_plans_each_statement_for_its_values(app, database):
    """psycopg prepares a statement after five runs on a connection; PostgreSQL's plan for any values then served
    a search for 'an' (42,000 matches) with the plan made for 'tana' (a few hundred): 165 ms instead of 30."""
    if database.session.get_bind().dialect.name != "postgresql":
        pytest.skip("PostgreSQL's plan cache")
    from intl.core.db import db

    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SHOW plan_cache_mode").scalar() == "force_custom_plan"
        connection.rollback()  # a rolled-back transaction keeps it: it was set outside one
        assert connection.exec_driver_sql("SHOW plan_cache_mode").scalar() == "force_custom_plan"
