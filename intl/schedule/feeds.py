"""Calendar feeds: which engagements a subscription carries, its validator (ETag, Last-Modified), and the
assembled bytes. The feed is one query for the stored VEVENTs plus concatenation."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import and_, or_, select, update

from ..core.calendar import assemble
from ..core.db import db, separate_write
from ..delegations.models import Delegation
from . import revision
from .calendar_texts import store_texts
from .models import Engagement, EngagementCalendarText, EngagementParticipant, FeedToken

CANCELLED_KEPT = timedelta(days=30)
REFRESH = timedelta(minutes=15)


def new_token() -> tuple[str, str]:
    """A secret for the URL and the hash we keep (a leaked database does not leak working feed URLs)."""
    secret = secrets.token_urlsafe(32)
    return secret, hash_token(secret)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def find_token(secret: str) -> FeedToken | None:
    if not secret or len(secret) > 100:
        return None
    token = db.session.scalar(select(FeedToken).where(FeedToken.token_hash == hash_token(secret)))
    return token if token is not None and token.revoked_at is None else None


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
    if token.leader_id is not None:
        return _taking_part("leader", token.leader_id)
    return or_(
        _taking_part("user", token.user_id),
        Engagement.delegation_id.in_(
            select(Delegation.id).where(Delegation.lead_officer_id == token.user_id)
        ),
    )


def feed_condition(token: FeedToken, now: datetime):
    past = now - timedelta(days=current_app.config.get("FEED_PAST_DAYS", 1830))
    return and_(subject_condition(token), visible_in_feeds(now), Engagement.end_dt >= past)


@dataclass
class FeedState:
    etag: str
    last_modified: datetime | None


def feed_state(token: FeedToken, now: datetime) -> FeedState:
    """A validator that changes whenever anything in any feed may have (one row: the schedule's revision).

    The day is part of it too: cancelled items leave a feed 30 days on, old ones leave its window."""
    number, changed_at = revision.current()
    raw = f"{token.id}:{token.scope}:{token.locale}:{number}:{now.date()}"
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
    stored = (
        select(Engagement.id, EngagementCalendarText.text, Engagement.start_dt)
        .outerjoin(
            EngagementCalendarText,
            and_(
                EngagementCalendarText.engagement_id == Engagement.id,
                EngagementCalendarText.locale == token.locale,
                EngagementCalendarText.scope == token.scope,
                EngagementCalendarText.sequence == Engagement.sequence,
            ),
        )
        .where(condition)
        .order_by(Engagement.start_dt, Engagement.id)
    )
    rows = db.session.execute(stored).all()
    missing = [engagement_id for engagement_id, text, _start in rows if text is None]
    if missing:
        # Written by a bulk load: serialize this feed's variant once, keep it, and read again.
        with separate_write():
            for start in range(0, len(missing), 500):
                chunk = db.session.scalars(
                    select(Engagement).where(Engagement.id.in_(missing[start : start + 500]))
                )
                store_texts(list(chunk), variants=[(token.locale, token.scope)])
        rows = db.session.execute(stored).all()
    years = (rows[0][2].year, rows[-1][2].year + 1) if rows else (now.year, now.year)
    return assemble(feed_name(token), [text for _id, text, _start in rows], years, refresh=REFRESH)


def touch(token: FeedToken, now: datetime) -> None:
    # Remember use at most once an hour: a poll every few minutes should not write every time.
    if token.last_used_at is None or now - token.last_used_at > timedelta(hours=1):
        token_id = token.id
        with separate_write():
            db.session.execute(update(FeedToken).where(FeedToken.id == token_id).values(last_used_at=now))
