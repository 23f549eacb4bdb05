"""Clashes: a leader, a contact or a venue booked into overlapping engagements.

Transfers count as busy time: when a delegation's programme has a transfer (the bus from Kaohsiung to
Tainan), everyone taking part in that delegation's engagements is travelling during it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select

from ..core.db import db
from .models import Engagement, EngagementParticipant


@dataclass
class Clash:
    engagement: Engagement
    reason: str  # "leader", "contact", "venue" or "transfer"
    ref_id: int | None = None


def find_clashes(start: datetime, end: datetime, leader_ids: list[int], contact_ids: list[int],
                 venue_key: str | None, exclude_id: int | None = None,
                 delegation_id: int | None = None) -> list[Clash]:
    live = and_(Engagement.start_dt < end, Engagement.end_dt > start, Engagement.status != "cancelled",
                Engagement.archived_at.is_(None))
    if exclude_id is not None:
        live = and_(live, Engagement.id != exclude_id)
    people = [("leader", i) for i in leader_ids] + [("contact", i) for i in contact_ids]
    clashes: list[Clash] = []
    if people:
        rows = db.session.execute(
            select(Engagement, EngagementParticipant.kind, EngagementParticipant.ref_id)
            .join(EngagementParticipant, EngagementParticipant.engagement_id == Engagement.id)
            .where(live, or_(*[and_(EngagementParticipant.kind == kind, EngagementParticipant.ref_id == ref)
                              for kind, ref in people]))
            .order_by(Engagement.start_dt)
        ).all()
        clashes += [Clash(engagement, kind, ref) for engagement, kind, ref in rows]
    if venue_key:
        rows = db.session.scalars(select(Engagement).where(live, Engagement.venue_key == venue_key)
                                  .order_by(Engagement.start_dt)).all()
        clashes += [Clash(engagement, "venue") for engagement in rows]
    if delegation_id is not None and people:
        # A transfer in the same programme keeps its travellers busy even if they are not listed on it.
        rows = db.session.scalars(select(Engagement).where(live, Engagement.delegation_id == delegation_id,
                                                           Engagement.kind == "transfer")).all()
        clashes += [Clash(engagement, "transfer") for engagement in rows]
    if people:
        clashes += _transfers_of_other_programmes(live, people, start, end)
    seen, unique = set(), []
    for clash in clashes:
        key = (clash.engagement.id, clash.reason, clash.ref_id)
        if key not in seen:
            seen.add(key)
            unique.append(clash)
    return unique


def _transfers_of_other_programmes(live, people, start: datetime, end: datetime) -> list[Clash]:
    """Transfers of programmes in which these people take part around that time."""
    window = timedelta(days=2)
    delegations = (
        select(Engagement.delegation_id)
        .join(EngagementParticipant, EngagementParticipant.engagement_id == Engagement.id)
        .where(Engagement.delegation_id.is_not(None), Engagement.start_dt >= start - window,
               Engagement.start_dt <= end + window,
               or_(*[and_(EngagementParticipant.kind == kind, EngagementParticipant.ref_id == ref)
                     for kind, ref in people]))
    )
    rows = db.session.scalars(select(Engagement).where(live, Engagement.kind == "transfer",
                                                       Engagement.delegation_id.in_(delegations))).all()
    return [Clash(engagement, "transfer") for engagement in rows]
