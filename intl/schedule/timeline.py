"""Every clash of the leaders' coming weeks at once, for the clashes page: double bookings, engagements at home
while away, and places out of reach of the one before. A fixed number of queries for any length of history
(the engagements of the period, the trips and stays, the kept clashes), the rest in memory per leader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from ..core.access import visible
from ..core.db import db
from .kept import kept_for
from .models import Engagement, EngagementParticipant, KeptClash
from .places import TRAVEL_KINDS, place_of, travel_minutes
from .presence import NEIGHBOURHOOD, Trip, away_during, trips_of
from .queries import MAX_LENGTH

# Looking back this many engagements is enough to find every overlap (an engagement lasts at most a month,
# and a leader's day holds a handful).
LOOK_BACK = 40


@dataclass
class LeaderClash:
    leader_id: int
    reason: str
    engagement: Engagement  # the later one, which a move would change
    other: Engagement | None = None
    trip: Trip | None = None
    kept: KeptClash | None = None
    key: tuple = field(default=())

    @property
    def is_open(self) -> bool:
        return self.kept is None or not self.kept.is_accepted


def _key(engagement: Engagement, other: Engagement | None, trip: Trip | None, reason: str, leader_id: int):
    if trip is not None:
        return (engagement.id, None, trip.delegation_id, trip.stay_id, reason, leader_id)
    first, second = sorted([engagement.id, other.id])
    return (first, second, None, None, reason, leader_id)


def _engagements(leader_ids: list[int], start: datetime, end: datetime, user) -> list[Engagement]:
    begin, finish = start - NEIGHBOURHOOD, end + NEIGHBOURHOOD
    return list(
        db.session.scalars(
            select(Engagement)
            .where(
                Engagement.start_dt < finish,
                Engagement.end_dt > begin,
                Engagement.start_dt > begin - MAX_LENGTH,
                Engagement.status != "cancelled",
                Engagement.archived_at.is_(None),
                visible(user, Engagement),
                exists().where(
                    EngagementParticipant.engagement_id == Engagement.id,
                    EngagementParticipant.kind == "leader",
                    EngagementParticipant.ref_id.in_(leader_ids),
                ),
            )
            .options(selectinload(Engagement.delegation))
            .order_by(Engagement.start_dt, Engagement.id)
        )
    )


def _of_leader(leader_id: int, timeline: list[Engagement], trips: list[Trip], start, end):
    found = []
    places: dict[int, object] = {}

    def place(engagement):
        if engagement.id not in places:
            places[engagement.id] = place_of(engagement)
        return places[engagement.id]

    for index, engagement in enumerate(timeline):
        if not (engagement.start_dt < end and engagement.end_dt > start):
            continue
        earlier = timeline[max(0, index - LOOK_BACK) : index]
        for other in earlier:
            if other.end_dt > engagement.start_dt:
                found.append(LeaderClash(leader_id, "leader", engagement, other=other))
        for trip in trips:
            if trip.covers(engagement.start_dt, engagement.end_dt) and away_during(
                trip, engagement.timezone, engagement.city, engagement.kind, engagement.delegation_id
            ):
                found.append(LeaderClash(leader_id, "away", engagement, trip=trip))
        before = [e for e in earlier if e.end_dt <= engagement.start_dt]
        if before and engagement.kind not in TRAVEL_KINDS:
            previous = max(before, key=lambda e: (e.end_dt, e.start_dt))
            if previous.kind not in TRAVEL_KINDS and engagement.start_dt - previous.end_dt < NEIGHBOURHOOD:
                minutes = engagement.travel_minutes
                if minutes is None:
                    minutes = travel_minutes(place(previous), place(engagement))
                if (engagement.start_dt - previous.end_dt).total_seconds() < minutes * 60:
                    found.append(LeaderClash(leader_id, "unreachable", engagement, other=previous))
    return found


def leader_clashes(
    leader_ids: list[int], start: datetime, end: datetime, user
) -> dict[int, list[LeaderClash]]:
    """Leader id -> the clashes of their engagements in [start, end), each with its kept record if any."""
    if not leader_ids:
        return {}
    engagements = _engagements(leader_ids, start, end, user)
    trips = trips_of(leader_ids, start, end)
    kept = kept_for([e.id for e in engagements])
    result = {}
    for leader_id in leader_ids:
        timeline = [e for e in engagements if leader_id in e.participant_ids("leader")]
        mine = [t for t in trips if t.leader_id == leader_id]
        clashes = _of_leader(leader_id, timeline, mine, start, end)
        for clash in clashes:
            clash.key = _key(clash.engagement, clash.other, clash.trip, clash.reason, leader_id)
            clash.kept = next(
                (row for row in kept.get(clash.engagement.id, []) if row.key == clash.key), None
            )
        result[leader_id] = clashes
    return result
