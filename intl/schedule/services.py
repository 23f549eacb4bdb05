"""Operations on engagements. Every change bumps SEQUENCE (so calendar clients take the new version),
re-serializes the stored VEVENTs and writes the audit entry."""

from __future__ import annotations

from ..core import audit
from ..core.archive import archive
from ..core.db import db
from ..core.textnorm import normalize
from ..core.time import now_utc
from . import revision
from .calendar_texts import store_texts
from .models import Engagement, EngagementParticipant

# Fields whose change a calendar subscriber must see (everything but bookkeeping).
CALENDAR_FIELDS = (
    "title",
    "kind",
    "start_dt",
    "end_dt",
    "timezone",
    "all_day",
    "venue",
    "address",
    "city",
    "latitude",
    "longitude",
    "host",
    "dress_code",
    "interpreter",
    "notes",
    "visibility",
    "status",
    "delegation_id",
)


def venue_key(venue: str | None) -> str | None:
    key = normalize(venue)
    return key[:300] or None


def _set_participants(engagement: Engagement, participants: dict[str, list[int]]) -> None:
    wanted = {(kind, int(ref)) for kind, refs in participants.items() for ref in refs}
    engagement.participants = [p for p in engagement.participants if (p.kind, p.ref_id) in wanted] + [
        EngagementParticipant(kind=kind, ref_id=ref)
        for kind, ref in sorted(wanted - {(p.kind, p.ref_id) for p in engagement.participants})
    ]


def create_engagement(participants: dict[str, list[int]], **fields) -> Engagement:
    engagement = Engagement(sequence=0, **fields)
    engagement.venue_key = venue_key(engagement.venue)
    if engagement.status == "cancelled":
        engagement.cancelled_at = now_utc()
    _set_participants(engagement, participants)
    db.session.add(engagement)
    db.session.flush()
    store_texts([engagement])
    audit.record_create(engagement)
    revision.bump()
    return engagement


def update_engagement(
    engagement: Engagement, participants: dict[str, list[int]] | None = None, **fields
) -> bool:
    """Apply changes; returns whether anything changed (and so whether SEQUENCE grew)."""
    before = engagement.audit_state()
    for name, value in fields.items():
        setattr(engagement, name, value)
    engagement.venue_key = venue_key(engagement.venue)
    if participants is not None:
        _set_participants(engagement, participants)
    if engagement.status == "cancelled" and engagement.cancelled_at is None:
        engagement.cancelled_at = now_utc()
    elif engagement.status != "cancelled":
        engagement.cancelled_at = None
    changes = audit.diff(before, engagement.audit_state())
    if not changes:
        return False
    engagement.sequence += 1
    engagement.updated_at = now_utc()
    db.session.flush()
    store_texts([engagement])
    audit.record("update", engagement, changes)
    revision.bump()
    return True


def cancel_engagement(engagement: Engagement) -> None:
    update_engagement(engagement, status="cancelled")


def archive_engagement(engagement: Engagement) -> None:
    """Deleting an engagement cancels it first, so subscribers see it cancelled rather than vanish."""
    if engagement.status != "cancelled":
        cancel_engagement(engagement)
    archive(engagement)


def touch_engagements(engagements: list[Engagement]) -> None:
    """Something these engagements show changed elsewhere (their programme's name): new versions for every
    calendar that has them."""
    now = now_utc()
    for engagement in engagements:
        engagement.sequence += 1
        engagement.updated_at = now
    db.session.flush()
    store_texts(engagements)
    revision.bump()
