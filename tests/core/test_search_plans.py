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


def test_broad_search_sorts_its_matches_from_the_locale_lookup_index(
    app, database, make_contact, monkeypatch
):
    if database.session.get_bind().dialect.name != "sqlite":
        pytest.skip("SQLite's query plan (PostgreSQL chooses by its statistics)")
    for i in range(5):
        make_contact(family_name=None, given_name=None, latin_name=f"Nguyen Person {i}")
    monkeypatch.setattr(search, "NARROW_LIMIT", 2)  # more matches than that: the search stays a subquery
    with app.test_request_context():
        stmt, _, _ = contact_list(ContactFilters.from_args(MultiDict({"q": "nguyen"})), "zh_Hant_TW")
        compiled = stmt.compile(dialect=database.session.get_bind().dialect)
        values = tuple(compiled.params[name] for name in compiled.positiontup)
        plan = (
            database.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled), values).all()
        )
    details = " | ".join(row[-1] for row in plan)
    assert "ix_sort_key_lookup" in details, details
