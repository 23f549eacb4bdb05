"""The lists of events and of one event's registrations, the check-in look-up, and the guests behind an export.

Registrations are listed in the order they came in (keyset pages on the id). A name or e-mail query is answered
from the search index (kind "registration", written by the registration service): for an event of up to
SCAN_LIMIT guests, by checking this event's indexed words only (a bounded scan: the same few milliseconds for
'志明', 'nguyen' or 'gmail', however many guests of other events share them); for a larger event, by the n-gram
postings, which narrow by the query's own rarity. Those who may not see guests' own details (interns at the
door) find guests by name only: an e-mail address typed in finds nobody for them.
"""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import any_, func, select
from sqlalchemy.orm import selectinload

from ..contacts.models import Affiliation, Contact
from ..core import search
from ..core.db import db
from ..core.pagination import SortTerm
from ..core.plan_links import item_filter
from ..core.search import SearchDoc
from ..core.time import office_today, office_zone
from .models import EVENT_KINDS, REGISTRATION_STATUSES, Event, Registration
from .registrations import SEARCH_KIND
from .services import SEARCH_KIND as EVENT_SEARCH_KIND

CHECK_IN_LIMIT = 30
SCAN_LIMIT = 5_000
EVENT_PERIODS = ("upcoming", "past", "all")


def event_list(when: str, kind: str = "", q: str = "", plan_item: int | None = None):
    """(SELECT of the events of the list, whether a search was capped, sort terms): upcoming ones soonest
    first, past ones (and all) latest first, by the office's day."""
    today = datetime.combine(office_today(), time(), office_zone())
    stmt = select(Event).where(Event.archived_at.is_(None))
    if when == "upcoming":
        stmt = stmt.where(Event.end_dt >= today)
    elif when == "past":
        stmt = stmt.where(Event.end_dt < today)
    if kind in EVENT_KINDS:
        stmt = stmt.where(Event.kind == kind)
    if plan_item:
        stmt = stmt.where(item_filter(Event.plan_item_id, plan_item))
    capped = False
    if q:
        found = search.id_filter(Event.id, EVENT_SEARCH_KIND, q)
        stmt, capped = stmt.where(found.condition), found.capped
    descending = when != "upcoming"
    return stmt, capped, [SortTerm(Event.start_dt, descending), SortTerm(Event.id, descending)]


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


def check_in_matches(
    event: Event, q: str, size: int | None = None, names_only: bool = False
) -> list[Registration]:
    """Guests of this event whose name or e-mail (`names_only`: name) contains every word of `q`, among those
    who may come in."""
    found = matching(event, q, size)
    if found is None:
        return []
    stmt = (
        select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status.in_(("registered", "waitlisted", "invited")),
            Registration.id.in_(found),
        )
        .order_by(Registration.name, Registration.id)
    )
    if not names_only:
        return list(db.session.scalars(stmt.limit(CHECK_IN_LIMIT)))
    words = _query_words(q)
    named = (
        r
        for r in db.session.scalars(stmt.limit(CHECK_IN_LIMIT * 4))
        if all(word in search.document_text([r.name, r.alt_name]) for word in words)
    )
    return [r for _number, r in zip(range(CHECK_IN_LIMIT), named, strict=False)]


def guest_contact_ids(stmt) -> list[int]:
    """The contacts among the guests a registration SELECT lists (their details are logged when shown)."""
    return list(
        db.session.scalars(
            stmt.with_only_columns(Registration.contact_id)
            .where(Registration.contact_id.is_not(None))
            .order_by(None)
            .distinct()
        )
    )


def invitation_rows(event: Event, statuses: list[str]) -> list[Registration]:
    """The event's registrations in these statuses, with their contacts' addresses and organizations, for
    the mail merge."""
    return list(
        db.session.scalars(
            select(Registration)
            .where(Registration.event_id == event.id, Registration.status.in_(statuses))
            .options(
                selectinload(Registration.contact).selectinload(Contact.emails),
                selectinload(Registration.contact)
                .selectinload(Contact.affiliations)
                .joinedload(Affiliation.organization),
            )
            .order_by(Registration.id)
        )
    )


def invited_contact_ids(event: Event, contact_ids: list[int]) -> set[int]:
    """Which of these contacts are on the event's list already."""
    return set(
        db.session.scalars(
            select(Registration.contact_id).where(
                Registration.event_id == event.id, Registration.contact_id.in_(contact_ids)
            )
        )
    )


def contacts_to_invite(contact_ids: list[int]) -> list[Contact]:
    """The live contacts with these ids, with what the invitation copies (e-mail, organization)."""
    return list(
        db.session.scalars(
            select(Contact)
            .where(Contact.id.in_(contact_ids), Contact.archived_at.is_(None))
            .options(
                selectinload(Contact.emails),
                selectinload(Contact.affiliations).joinedload(Affiliation.organization),
            )
        )
    )


def first_contacts(stmt, terms, limit: int) -> list[Contact]:
    """The first `limit` rows of a contact-list SELECT, in the list's order."""
    ordered = stmt.order_by(*[t.expression.desc() if t.descending else t.expression for t in terms])
    return list(db.session.scalars(ordered.limit(limit)))


def recent_check_ins(event: Event, limit: int = 10) -> list[Registration]:
    return list(
        db.session.scalars(
            select(Registration)
            .where(Registration.event_id == event.id, Registration.checked_in_at.is_not(None))
            .order_by(Registration.checked_in_at.desc(), Registration.id.desc())
            .limit(limit)
        )
    )
