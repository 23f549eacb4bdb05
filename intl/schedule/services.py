"""Operations on engagements, leaders and calendar subscriptions. Every change a subscriber could see bumps the
schedule's revision; every change of an engagement bumps its SEQUENCE (so calendar clients take the new
version) and re-serializes its stored VEVENTs. Each writes its audit entry; none commits."""

from __future__ import annotations

from sqlalchemy import select

from ..core import audit
from ..core.archive import archive
from ..core.conflicts import check_version
from ..core.db import db
from ..core.time import now_utc
from . import kept, revision
from .access import feed_problem
from .calendar_texts import store_texts
from .models import ENGAGEMENT_LABELS, Engagement, EngagementParticipant, FeedToken, Leader, LeaderStay
from .queries import coming_engagements_of
from .textkeys import venue_key

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
    engagement: Engagement,
    participants: dict[str, list[int]] | None = None,
    expected_version: int | None = None,
    **fields,
) -> bool:
    """Apply changes; returns whether anything changed (and so whether SEQUENCE grew). Raises EditConflict
    when `expected_version` (the version the user saw) is no longer the saved one. The clashes kept for it
    re-open (or go, when the change settled them)."""
    check_version(engagement, expected_version, fields, ENGAGEMENT_LABELS)
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
    kept.revisit(engagement)
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


def trip_changed(delegation_id: int) -> None:
    """A programme's dates, direction or status changed: where its leaders are changed with it, so the
    clashes kept against the trip re-open (or go)."""
    kept.revisit_trip(delegation_id)


def schedule_changed(_record=None) -> None:
    """Something every feed may show differently (an engagement archived, restored or purged; a programme's
    lead officer): their validators must change. Registered with hooks.archive_changed for engagements."""
    revision.bump()


# --- leaders -----------------------------------------------------------------------------------------


def create_leader(**fields) -> Leader:
    leader = Leader(**fields)
    db.session.add(leader)
    db.session.flush()
    audit.record_create(leader)
    revision.bump()
    return leader


def update_leader(leader: Leader, expected_version: int | None = None, **fields) -> None:
    check_version(leader, expected_version, fields)
    before = leader.audit_state()
    for name, value in fields.items():
        setattr(leader, name, value)
    db.session.flush()
    audit.record_update(leader, before)
    after = leader.audit_state()
    if (before["names"], before["title"]) != (after["names"], after["title"]):
        # The name appears in the events: new versions of the coming ones (past ones stay as they were).
        touch_engagements(coming_engagements_of(leader))
    revision.bump()  # a leader's name is also the feed's name, and the account may have changed


# --- calendar subscriptions --------------------------------------------------------------------------


def create_feed_token(
    owner, digest: str, subject: str, scope: str, locale: str, label: str | None
) -> FeedToken:
    """A new address for `owner`: `subject` is "me" or "leader:<id>" (the caller has checked the owner may
    subscribe to it)."""
    token = FeedToken(
        token_hash=digest,
        owner_id=owner.id,
        scope=scope,
        locale=locale,
        label=label or None,
        created_at=now_utc(),
    )
    if subject == "me":
        token.user_id = owner.id
    else:
        token.leader_id = int(subject.split(":", 1)[1])
    db.session.add(token)
    db.session.flush()
    audit.record_create(token)
    return token


def revoke_feed_token(token: FeedToken, reason: str = "revoked") -> None:
    if token.revoked_at is not None:
        return
    before = token.audit_state()
    token.revoked_at = now_utc()
    token.revoked_reason = reason
    db.session.flush()
    audit.record_update(token, before)


def revoke_lost_subscriptions(user) -> None:
    """The account was deactivated or its role changed: revoke the addresses it may no longer hold.
    Registered with hooks.user_access_changed."""
    tokens = db.session.scalars(
        select(FeedToken).where(FeedToken.owner_id == user.id, FeedToken.revoked_at.is_(None))
    ).all()
    for token in tokens:
        if feed_problem(token) is not None:
            revoke_feed_token(token, "role" if user.active else "deactivated")
    revision.bump()  # what the account's remaining feeds show may have changed with its role


# --- stays away from the city ------------------------------------------------------------------------


def create_stay(**fields) -> LeaderStay:
    stay = LeaderStay(**fields)
    db.session.add(stay)
    db.session.flush()
    audit.record_create(stay)
    revision.bump()
    return stay


def delete_stay(stay: LeaderStay) -> None:
    kept.forget_stay(stay.id)
    audit.record("delete", stay, stay.audit_state())
    db.session.delete(stay)
    db.session.flush()
    revision.bump()
