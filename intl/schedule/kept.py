"""Clashes someone has seen and saved anyway (KeptClash): kept with who and when, marked wherever either
engagement shows, settled by moving, cancelling or accepting with a reason. A change to either engagement
re-opens the question; a clash that no longer exists (moved, cancelled) is gone. None of these commit."""

from __future__ import annotations

from collections import defaultdict

from flask import has_request_context
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_, select

from ..core import audit
from ..core.db import db
from ..core.time import now_utc
from . import revision
from .calendar_texts import store_texts
from .clashes import Candidate, find_clashes
from .models import CLASH_REASONS, Engagement, KeptClash
from .textkeys import venue_key


def _acting_user_id() -> int | None:
    if not has_request_context():  # a command or a job: nobody to name
        return None
    return current_user.id if current_user.is_authenticated else None


def _told(rows, skip_id: int | None = None) -> None:
    """The engagements of these kept clashes say something new in the leaders' feeds ("Clash: see ..."):
    new versions for the calendars that hold them, and a new validator for every feed."""
    ids = {i for row in rows for i in (row.engagement_id, row.other_engagement_id) if i and i != skip_id}
    if ids:
        engagements = list(db.session.scalars(select(Engagement).where(Engagement.id.in_(ids))))
        now = now_utc()
        for engagement in engagements:
            engagement.sequence += 1
            engagement.updated_at = now
        db.session.flush()
        store_texts(engagements)
    revision.bump()


def kept_for(engagement_ids) -> dict[int, list[KeptClash]]:
    """Engagement id -> the kept clashes it is in (either side): one query for any number of engagements."""
    ids = list({i for i in engagement_ids if i is not None})
    if not ids:
        return {}
    rows = db.session.scalars(
        select(KeptClash)
        .where(or_(KeptClash.engagement_id.in_(ids), KeptClash.other_engagement_id.in_(ids)))
        .order_by(KeptClash.id)
    ).all()
    marks: dict[int, list[KeptClash]] = defaultdict(list)
    wanted = set(ids)
    for row in rows:
        for side in (row.engagement_id, row.other_engagement_id):
            if side in wanted:
                marks[side].append(row)
    return marks


def current_clashes(engagement: Engagement, exclude_self: bool = True):
    """The clashes the engagement is in now, as its form would find them."""
    if engagement.status == "cancelled" or engagement.archived_at is not None:
        return []
    return find_clashes(
        engagement.start_dt,
        engagement.end_dt,
        engagement.participant_ids("leader"),
        engagement.participant_ids("contact"),
        venue_key(engagement.venue),
        exclude_id=engagement.id,
        delegation_id=engagement.delegation_id,
        candidate=Candidate(
            engagement.kind,
            engagement.start_dt,
            engagement.end_dt,
            engagement.timezone,
            engagement.city,
            engagement.latitude,
            engagement.longitude,
            engagement.travel_minutes,
            engagement.delegation_id,
        ),
    )


def acknowledge(engagement: Engagement, clashes) -> list[KeptClash]:
    """The officer saw these clashes of `engagement` and saved it anyway: keep each (or renew it) with who and
    when; an accepted one stays accepted only if nothing re-opened it."""
    existing = {row.key: row for rows in kept_for([engagement.id]).values() for row in rows}
    now, user_id = now_utc(), _acting_user_id()
    kept, changed = [], []
    for clash in clashes:
        clash.keyed(engagement.id)
        row = existing.get(clash.key)
        if row is None:
            first, other, delegation_id, stay_id, reason, ref_id = clash.key
            row = KeptClash(
                engagement_id=first,
                other_engagement_id=other,
                delegation_id=delegation_id,
                stay_id=stay_id,
                reason=reason,
                ref_id=ref_id,
                acknowledged_by_id=user_id,
                acknowledged_at=now,
            )
            db.session.add(row)
            db.session.flush()
            audit.record_create(row)
            changed.append(row)
        elif row.reopened_at is not None:
            before = row.audit_state()
            row.acknowledged_by_id, row.acknowledged_at, row.reopened_at = user_id, now, None
            row.accepted_at = row.accepted_by_id = row.accepted_reason = None
            db.session.flush()
            audit.record_update(row, before)
            changed.append(row)
        kept.append(row)
    if changed:
        _told(changed)
    return kept


def revisit(engagement: Engagement) -> None:
    """`engagement` changed: each kept clash it is in re-opens if the clash is still there, and goes if not.
    So do the "away" clashes kept against its programme's trip: its time, place or leaders may have moved
    the trip (door to door from its first to its last engagement). Called by the services that change
    engagements."""
    rows = [row for rows in kept_for([engagement.id]).values() for row in rows]
    if engagement.delegation_id is not None:
        seen = {row.id for row in rows}
        rows += [row for row in _kept_against(delegation_id=engagement.delegation_id) if row.id not in seen]
    _recheck(rows, engagement)


def revisit_trip(delegation_id: int) -> None:
    """A programme's dates, direction or status changed: the "away" clashes kept against it re-open or go."""
    _recheck(_kept_against(delegation_id=delegation_id), None)


def forget_stay(stay_id: int) -> None:
    """A stay is removed: the clashes kept against it are gone (called before the stay is deleted)."""
    rows = _kept_against(stay_id=stay_id)
    for row in rows:
        audit.record("delete", row, {})
        db.session.delete(row)
    db.session.flush()
    if rows:
        _told(rows)


def _kept_against(delegation_id: int | None = None, stay_id: int | None = None) -> list[KeptClash]:
    if delegation_id is not None:
        condition = KeptClash.delegation_id == delegation_id
    else:
        condition = KeptClash.stay_id == stay_id
    return list(db.session.scalars(select(KeptClash).where(condition).order_by(KeptClash.id)))


def _recheck(rows: list[KeptClash], changed: Engagement | None) -> None:
    """Each row re-opens if its clash is still there (seen from its engagement), and goes if not."""
    if not rows:
        return
    by_side: dict[int, set] = {}
    updated = []
    for row in rows:
        # A clash with a trip is seen from its one engagement; one between two, from the one that changed.
        side = row.engagement_id if row.other_engagement_id is None or changed is None else changed.id
        if side not in by_side:
            owner = (
                changed if changed is not None and side == changed.id else db.session.get(Engagement, side)
            )
            by_side[side] = {c.key for c in current_clashes(owner)} if owner is not None else set()
        if row.key in by_side[side]:
            if row.reopened_at is None:
                before = row.audit_state()
                row.reopened_at = now_utc()
                db.session.flush()
                audit.record_update(row, before)
                updated.append(row)
        else:
            audit.record("delete", row, {})
            updated.append(row)
            db.session.delete(row)
    db.session.flush()
    if updated:
        _told(updated, skip_id=changed.id if changed is not None else None)


def accept(row: KeptClash, reason: str) -> None:
    before = row.audit_state()
    row.accepted_reason = reason
    row.accepted_by_id = _acting_user_id()
    row.accepted_at = now_utc()
    row.reopened_at = None
    db.session.flush()
    audit.record_update(row, before)
    _told([row])


CLASH_STATES = {
    "accepted": _l("Clash accepted"),
    "reopened": _l("Clash re-opened"),
    "kept": _l("Clash kept"),
}


def clash_state(row: KeptClash) -> str:
    if row.is_accepted:
        return "accepted"
    return "reopened" if row.reopened_at is not None else "kept"


def clash_summary(rows: list[KeptClash]) -> str:
    """One line for a calendar entry: 'Clash kept: away from the city; ...' in the reader's language."""
    parts = []
    for row in rows:
        text = f"{CLASH_STATES[clash_state(row)]}: {CLASH_REASONS.get(row.reason, row.reason)}"
        if row.is_accepted and row.accepted_reason:
            text += f" ({row.accepted_reason})"
        parts.append(text)
    return "; ".join(dict.fromkeys(parts))
