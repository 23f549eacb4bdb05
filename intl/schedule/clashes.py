"""Clashes: a leader, a contact or a venue booked into overlapping engagements.

Transfers count as busy time: when a delegation's programme has a transfer (the bus from Kaohsiung to
Tainan), everyone taking part in that delegation's engagements is travelling during it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, or_, select

from ..core.db import db
from .models import Engagement, EngagementParticipant

# An engagement lasts at most a month (the form's rule), so nothing starting earlier can overlap: the bound
# keeps every query here to a few days of the schedule, however long its history.
MAX_LENGTH = timedelta(days=32)


@dataclass
class Clash:
    engagement: Engagement
    reason: str  # "leader", "contact", "venue" or "transfer"
    ref_id: int | None = None


def _people(people: list[tuple[str, int]]):
    return or_(
        *[
            and_(EngagementParticipant.kind == kind, EngagementParticipant.ref_id == ref)
            for kind, ref in people
        ]
    )


def find_clashes(
    start: datetime,
    end: datetime,
    leader_ids: list[int],
    contact_ids: list[int],
    venue_key: str | None,
    exclude_id: int | None = None,
    delegation_id: int | None = None,
) -> list[Clash]:
    live = and_(
        Engagement.start_dt < end,
        Engagement.end_dt > start,
        Engagement.start_dt > start - MAX_LENGTH,
        Engagement.status != "cancelled",
        Engagement.archived_at.is_(None),
    )
    if exclude_id is not None:
        live = and_(live, Engagement.id != exclude_id)
    people = [("leader", i) for i in leader_ids] + [("contact", i) for i in contact_ids]
    wanted = set(people)
    clashes: list[Clash] = []
    if people:
        # Start from the few engagements of that time (the bound keeps it to days) and ask of each whether one
        # of these people takes part, rather than gathering everything these people ever did.
        overlapping = db.session.scalars(
            select(Engagement)
            .where(
                live, exists().where(EngagementParticipant.engagement_id == Engagement.id, _people(people))
            )
            .order_by(Engagement.start_dt)
        ).all()
        for engagement in overlapping:
            clashes += [
                Clash(engagement, p.kind, p.ref_id)
                for p in engagement.participants
                if (p.kind, p.ref_id) in wanted
            ]
    if venue_key:
        rows = db.session.scalars(
            select(Engagement).where(live, Engagement.venue_key == venue_key).order_by(Engagement.start_dt)
        ).all()
        clashes += [Clash(engagement, "venue") for engagement in rows]
    if people:
        clashes += _transfers(live, people, start, end, delegation_id)
    seen, unique = set(), []
    for clash in clashes:
        key = (clash.engagement.id, clash.reason, clash.ref_id)
        if key not in seen:
            seen.add(key)
            unique.append(clash)
    return unique


def _transfers(live, people, start: datetime, end: datetime, delegation_id: int | None) -> list[Clash]:
    """Transfers of this programme, and of programmes in which these people take part around that time."""
    window = timedelta(days=2)
    programmes = (
        select(Engagement.delegation_id)
        .join(EngagementParticipant, EngagementParticipant.engagement_id == Engagement.id)
        .where(
            Engagement.delegation_id.is_not(None),
            Engagement.start_dt >= start - window,
            Engagement.start_dt <= end + window,
            _people(people),
        )
    )
    condition = Engagement.delegation_id.in_(programmes)
    if delegation_id is not None:
        condition = or_(condition, Engagement.delegation_id == delegation_id)
    rows = db.session.scalars(select(Engagement).where(live, Engagement.kind == "transfer", condition)).all()
    return [Clash(engagement, "transfer") for engagement in rows]
