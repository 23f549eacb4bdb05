"""Calendar feeds: which engagements a subscription carries, its validator (ETag, Last-Modified), and the
assembled bytes. The feed is one query for the stored VEVENTs plus concatenation.

A feed carries what its owner may see of that schedule, decided by the same rule as the pages and downloads
(access.visible_engagements, access.detailed_engagements): each engagement in the subscription's detail
("full" or "busy") where the owner may read it in full, as busy time where they may not.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import and_, bindparam, case, literal, or_, select, update

from ..auth.models import User
from ..core.calendar import assemble, event_text
from ..core.db import db, separate_write
from . import revision
from .access import detailed_engagements, visible_engagements
from .calendar_texts import calendar_event, engagement_url, participant_names, store_texts
from .models import Engagement, EngagementCalendarText, EngagementParticipant, FeedToken, KeptClash, Leader

CANCELLED_KEPT = timedelta(days=30)
REFRESH = timedelta(minutes=15)


def new_token() -> tuple[str, str]:
    """A secret for the URL and the hash we keep (a leaked database does not leak working feed URLs)."""
    secret = secrets.token_urlsafe(32)
    return secret, hash_token(secret)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def find_token(secret: str) -> FeedToken | None:
    """The subscription of this secret, revoked or not (the caller asks access.feed_problem), with its owner
    and its leader: what a poll answered 304 reads. A personal feed's user is its owner (no second load)."""
    if not secret or len(secret) > 100:
        return None
    return db.session.scalar(select(FeedToken).where(FeedToken.token_hash == hash_token(secret)))


# What a poll reads, in one row: the subscription, what the access rule asks of its owner and its leader,
# and the schedule's revision (the validator). Built once from the tables (a Core query: rows, no ORM result
# machinery); SQLAlchemy caches its compiled form.
_token, _owner, _leader = FeedToken.__table__, User.__table__, Leader.__table__
_revision = revision.ScheduleRevision.__table__
_POLL = (
    select(
        _token.c.id,
        _token.c.owner_id,
        _token.c.leader_id,
        _token.c.user_id,
        _token.c.scope,
        _token.c.locale,
        _token.c.revoked_at,
        _token.c.revoked_reason,
        _owner.c.role,
        _owner.c.active,
        _leader.c.id.label("leader_row"),
        _leader.c.user_id.label("leader_user_id"),
        _revision.c.revision,
        _revision.c.changed_at,
    )
    .select_from(_token)
    .join(_owner, _owner.c.id == _token.c.owner_id)
    .outerjoin(_leader, _leader.c.id == _token.c.leader_id)
    .outerjoin(_revision, _revision.c.id == 1)
    .where(_token.c.token_hash == bindparam("token_hash"))
)


def poll_token(secret: str) -> tuple[FeedToken, tuple[int, datetime | None]] | None:
    """The subscription of this secret as a poll needs it, and the schedule's revision: one query, no
    session objects. Calendar clients poll every few minutes and nearly always hear 304, so this is most of
    what a feed costs.

    The token comes back as an unsaved FeedToken holding its owner's role and state and its leader's account
    (unsaved User and Leader), never added to the session: enough for access.feed_problem and feed_state,
    the same rule and validator as the full load (find_token), which the feed's body still uses."""
    if not secret or len(secret) > 100:
        return None
    row = db.session.execute(_POLL, {"token_hash": hash_token(secret)}).first()
    if row is None:
        return None
    owner = User(id=row.owner_id, role=row.role, active=row.active)
    leader = Leader(id=row.leader_row, user_id=row.leader_user_id) if row.leader_row is not None else None
    token = FeedToken(
        id=row.id,
        owner_id=row.owner_id,
        leader_id=row.leader_id,
        user_id=row.user_id,
        scope=row.scope,
        locale=row.locale,
        revoked_at=row.revoked_at,
        revoked_reason=row.revoked_reason,
        owner=owner,
        leader=leader,
    )
    return token, (row.revision or 0, row.changed_at)


def visible_in_feeds(now: datetime):
    """Live engagements, and cancelled ones for 30 days after their cancellation (so clients remove them)."""
    return or_(
        and_(Engagement.status != "cancelled", Engagement.archived_at.is_(None)),
        and_(Engagement.status == "cancelled", Engagement.cancelled_at >= now - CANCELLED_KEPT),
    )


def _taking_part(kind: str, ref_id: int):
    # IN over the participant index, not a per-row EXISTS: the planner then starts from the person.
    return Engagement.id.in_(
        select(EngagementParticipant.engagement_id).where(
            EngagementParticipant.kind == kind, EngagementParticipant.ref_id == ref_id
        )
    )


def subject_condition(token: FeedToken):
    """Whose schedule: the leader's engagements, or the user's own (taking part, or leading the programme)."""
    if token.leader_id is not None:
        return _taking_part("leader", token.leader_id)
    return or_(_taking_part("user", token.user_id), Engagement.delegation.has(lead_officer_id=token.user_id))


def owner_of(token: FeedToken):
    """Whose eyes the feed reads with: its owner (a personal feed's, not yet saved, is its user's)."""
    if token.owner is not None:
        return token.owner
    return db.session.get(User, token.owner_id or token.user_id)


def feed_condition(token: FeedToken, now: datetime):
    past = now - timedelta(days=current_app.config.get("FEED_PAST_DAYS", 1830))
    return and_(
        subject_condition(token),
        visible_in_feeds(now),
        Engagement.end_dt >= past,
        visible_engagements(owner_of(token)),
    )


def scope_column(token: FeedToken):
    """The stored text each engagement is served in: the subscription's detail where the owner may read the
    engagement in full, busy time elsewhere."""
    if token.scope == "busy":
        return literal("busy")
    return case((detailed_engagements(owner_of(token)), literal(token.scope)), else_=literal("busy"))


@dataclass
class FeedState:
    etag: str
    last_modified: datetime | None


def feed_state(token: FeedToken, now: datetime, current: tuple[int, datetime | None]) -> FeedState:
    """A validator that changes whenever anything in any feed may have (one row: the schedule's revision,
    `current`, which `poll_token` reads with the token).

    The day is part of it too (cancelled items leave a feed 30 days on, old ones leave its window), and so is
    the owner's role, which decides how much of each engagement they read."""
    number, changed_at = current
    raw = f"{token.id}:{token.scope}:{token.locale}:{token.owner.role}:{number}:{now.date()}"
    return FeedState(etag='"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"', last_modified=changed_at)


def feed_name(token: FeedToken) -> str:
    with force_locale(token.locale):
        if token.leader is not None:
            who = f"{token.leader.title.get_for(token.locale)} {token.leader.names.get_for(token.locale)}".strip()
        else:
            who = token.user.display_name if token.user else ""
        return _("%(who)s — schedule", who=who)


def feed_bytes(token: FeedToken, now: datetime) -> bytes:
    condition = feed_condition(token, now)
    scope = scope_column(token)
    stored = (
        select(Engagement.id, EngagementCalendarText.text, Engagement.start_dt, scope)
        .outerjoin(
            EngagementCalendarText,
            and_(
                EngagementCalendarText.engagement_id == Engagement.id,
                EngagementCalendarText.locale == token.locale,
                EngagementCalendarText.scope == scope,
                EngagementCalendarText.sequence == Engagement.sequence,
            ),
        )
        .where(condition)
        .order_by(Engagement.start_dt, Engagement.id)
    )
    rows = db.session.execute(stored).all()
    missing: dict[str, list[int]] = {}
    for engagement_id, text, _start, wanted in rows:
        if text is None:
            missing.setdefault(wanted, []).append(engagement_id)
    if missing:
        # Written by a bulk load: serialize this feed's variants once, keep them, and read again (in a
        # transaction of its own: see separate_write).
        with separate_write():
            for wanted, ids in missing.items():
                for start in range(0, len(ids), 500):
                    chunk = db.session.scalars(
                        select(Engagement).where(Engagement.id.in_(ids[start : start + 500]))
                    )
                    store_texts(list(chunk), variants=[(token.locale, wanted)])
        rows = db.session.execute(stored).all()
    texts = [row[1] for row in rows]
    flagged = open_clashes(token, condition)
    if flagged:
        texts = _with_clash_notes(token, rows, texts, flagged)
    years = (rows[0][2].year, rows[-1][2].year + 1) if rows else (now.year, now.year)
    return assemble(feed_name(token), texts, years, refresh=REFRESH)


# Kept clashes about the leader's own presence: what the leader's feed tells them about.
LEADER_REASONS = ("leader", "away", "unreachable")


def open_clashes(token: FeedToken, condition) -> set[int]:
    """The engagements of a leader's feed in an open clash of that leader (kept and not accepted): one query.
    Feeds show engagements, not warnings, so the clash itself is no event; its engagements say so."""
    if token.leader_id is None:
        return set()
    in_feed = select(Engagement.id).where(condition)
    rows = db.session.execute(
        select(KeptClash.engagement_id, KeptClash.other_engagement_id).where(
            KeptClash.ref_id == token.leader_id,
            KeptClash.reason.in_(LEADER_REASONS),
            or_(KeptClash.accepted_at.is_(None), KeptClash.reopened_at.is_not(None)),
            or_(KeptClash.engagement_id.in_(in_feed), KeptClash.other_engagement_id.in_(in_feed)),
        )
    ).all()
    return {i for row in rows for i in row if i is not None}


def _with_clash_notes(token: FeedToken, rows, texts: list[str], flagged: set[int]) -> list[str]:
    """The feed's texts, with those of engagements in an open clash built afresh with a line pointing to the
    engagement's page (where the clash is marked). Busy-time entries stay as they are."""
    full = {row[0] for row in rows if row[0] in flagged and row[3] != "busy"}
    if not full:
        return texts
    engagements = {e.id: e for e in db.session.scalars(select(Engagement).where(Engagement.id.in_(full)))}
    names = participant_names(engagements.values())
    result = []
    for row, text in zip(rows, texts, strict=True):
        engagement = engagements.get(row[0])
        if engagement is None:
            result.append(text)
            continue
        event = calendar_event(engagement, token.locale, row[3], names)
        with force_locale(token.locale):
            note = _("Clash: see %(url)s", url=engagement_url(engagement))
        event.description = f"{note}\n{event.description}" if event.description else note
        result.append(event_text(event))
    return result


def touch(token: FeedToken, now: datetime) -> None:
    # Remember use at most once an hour: a poll every few minutes should not write every time.
    if token.last_used_at is None or now - token.last_used_at > timedelta(hours=1):
        token_id = token.id
        with separate_write():
            db.session.execute(update(FeedToken).where(FeedToken.id == token_id).values(last_used_at=now))
