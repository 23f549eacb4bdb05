"""Every statement of the busiest pages is compiled once per worker, not once per request: SQLAlchemy cannot
cache some constructs (a VALUES list, for one), and compiling the dashboard's dormant-partners statement anew
cost each dashboard some 5 ms on PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import event
from sqlalchemy.engine import default

from intl.core.db import db

# The test's own transaction: each commit of a request is a savepoint here.
HARNESS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
PAGES = ["/dashboard", "/", "/contacts", "/partners", "/organizations", "/letters", "/schedule"]


@pytest.fixture
def office(make_partner, make_contact, make_organization) -> list[str]:
    """The pages, with records on them: ties of every kind (the dashboard's dormant partners), a contact."""
    partners = [
        make_partner(relationship=relationship, relationship_since=date(2001, 5, 1))
        for relationship in ("sister", "friendly", "mou", "cooperation")
    ]
    contact, organization = make_contact(), make_organization()
    return PAGES + [
        f"/partners/{partners[0].id}",
        f"/contacts/{contact.id}",
        f"/organizations/{organization.id}",
    ]


def test_the_pages_statements_come_from_the_compiled_cache(app, client, as_role, office):
    as_role("officer")
    for _ in range(2):  # the first visits compile (a page asks some statements only once it was seen)
        for path in office:
            assert client.get(path).status_code == 200, path
    seen: Counter = Counter()
    uncached: list[str] = []

    def before(_conn, _cursor, statement, _parameters, context, _executemany):
        if context.compiled is None or statement.startswith(HARNESS):  # nothing of a page's to compile
            return
        seen[context.cache_hit] += 1
        if context.cache_hit not in (default.CACHE_HIT, default.CACHING_DISABLED):
            uncached.append(str(context.cache_hit) + " " + " ".join(statement.split())[:200])

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        for path in office:
            assert client.get(path).status_code == 200, path
    finally:
        event.remove(engine, "before_cursor_execute", before)
    assert seen[default.CACHE_HIT] > 20  # the pages' statements were seen
    assert uncached == []
