"""The lists of events and of one event's registrations, and the check-in look-up.

Registrations are listed in the order they came in (keyset pages on the id). A name or e-mail query is answered
from the search index (kind "registration", written by the registration service): for an event of up to
SCAN_LIMIT guests, by checking this event's indexed words only (a bounded scan: the same few milliseconds for
'志明', 'nguyen' or 'gmail', however many guests of other events share them); for a larger event, by the n-gram
postings, which narrow by the query's own rarity.
"""

from __future__ import annotations

from sqlalchemy import any_, func, select

from ..core import search
from ..core.db import db
from ..core.pagination import SortTerm
from ..core.search import SearchDoc
from .models import REGISTRATION_STATUSES, Event, Registration
from .registrations import SEARCH_KIND

CHECK_IN_LIMIT = 30
SCAN_LIMIT = 5_000


def _query_words(q: str) -> list[str]:
    words = search.search_words(q)
    meaningful = [w for w in words if not (len(w) == 1 and w.isascii())]  # as search.matching_ids does
    return (meaningful or words)[:8]


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def matching(event: Event, q: str, size: int | None):
    """A SELECT of the ids of this event's registrations matching every word of `q`; None when `q` is blank.

    `size` is the event's number of registrations (from its figures), which chooses the plan."""
    if size is None or size > SCAN_LIMIT:
        return search.matching_ids(SEARCH_KIND, q)
    words = _query_words(q)
    if not words:
        return None
    event_ids = select(Registration.id).where(Registration.event_id == event.id)
    if db.engine.dialect.name == "postgresql":
        # Given an IN, PostgreSQL tries LIKE on every indexed word of every kind first; = ANY(ARRAY(...)) makes
        # it probe this event's few thousand documents by primary key instead (3 ms instead of 10 at 50,000).
        in_event = SearchDoc.entity_id == any_(func.array(event_ids.scalar_subquery()))
    else:
        in_event = SearchDoc.entity_id.in_(event_ids)
    stmt = select(SearchDoc.entity_id).where(SearchDoc.kind == SEARCH_KIND, in_event)
    for word in words:
        stmt = stmt.where(SearchDoc.text.like(_like(word), escape="\\"))
    return stmt


def registration_list(event: Event, status: str = "", q: str = "", size: int | None = None):
    """(SELECT of the page's rows, SELECT for counting, sort terms)."""
    stmt = select(Registration).where(Registration.event_id == event.id)
    if status in REGISTRATION_STATUSES:
        stmt = stmt.where(Registration.status == status)
    if q:
        found = matching(event, q, size)
        if found is not None:
            stmt = stmt.where(Registration.id.in_(found))
    return stmt, stmt, [SortTerm(Registration.id)]


def check_in_matches(event: Event, q: str, size: int | None = None) -> list[Registration]:
    """Guests of this event whose name or e-mail contains every word of `q` (those who may come in)."""
    found = matching(event, q, size)
    if found is None:
        return []
    return list(
        db.session.scalars(
            select(Registration)
            .where(
                Registration.event_id == event.id,
                Registration.status.in_(("registered", "waitlisted", "invited")),
                Registration.id.in_(found),
            )
            .order_by(Registration.name, Registration.id)
            .limit(CHECK_IN_LIMIT)
        )
    )


def recent_check_ins(event: Event, limit: int = 10) -> list[Registration]:
    return list(
        db.session.scalars(
            select(Registration)
            .where(Registration.event_id == event.id, Registration.checked_in_at.is_not(None))
            .order_by(Registration.checked_in_at.desc(), Registration.id.desc())
            .limit(limit)
        )
    )
