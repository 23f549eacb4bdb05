"""Every clash of the leaders' coming weeks at once, for the clashes page: double bookings, engagements at home
while away, and places out of reach of the one before. A fixed number of queries for any length of history
(the engagements of the period, the trips and stays, the kept clashes), the rest in memory per leader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..core.access import visible
from ..core.db import db
from .kept import kept_for
from .models import Engagement, EngagementParticipant, KeptClash
from .places import TRAVEL_KINDS, place_of, travel_minutes
from .presence import NEIGHBOURHOOD, Trip, away_during, trips_of
from .queries import MAX_LENGTH, leaders_taking_part, taking_part


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


def _key(engagement_id: int, other_id: int | None, trip: Trip | None, reason: str, leader_id: int):
    if trip is not None:
        return (engagement_id, None, trip.delegation_id, trip.stay_id, reason, leader_id)
    first, second = sorted([engagement_id, other_id])
    return (first, second, None, None, reason, leader_id)


def _slots(leader_ids: list[int], start: datetime, end: datetime, user) -> tuple[list, dict[int, list[int]]]:
    """The engagements of these leaders around [start, end) that `user` may see, as the columns the check
    reads (rows, not records: the weeks of a busy office hold hundreds), and engagement id -> its leaders."""
    begin, finish = start - NEIGHBOURHOOD, end + NEIGHBOURHOOD
    rows = db.session.execute(
        select(*SLOT_COLUMNS)
        .where(
            Engagement.start_dt < finish,
            Engagement.end_dt > begin,
            Engagement.start_dt > begin - MAX_LENGTH,
            Engagement.status != "cancelled",
            Engagement.archived_at.is_(None),
            visible(user, Engagement),
            taking_part(
                Engagement,
                EngagementParticipant.kind == "leader",
                EngagementParticipant.ref_id.in_(leader_ids),
            ),
        )
        .order_by(Engagement.start_dt, Engagement.id)
    ).all()
    return rows, leaders_taking_part([row.id for row in rows], leader_ids)


SLOT_COLUMNS = (
    Engagement.id,
    Engagement.kind,
    Engagement.start_dt,
    Engagement.end_dt,
    Engagement.timezone,
    Engagement.city,
    Engagement.latitude,
    Engagement.longitude,
    Engagement.travel_minutes,
    Engagement.delegation_id,
)


def _of_leader(leader_id: int, timeline: list, trips: list[Trip], start, end) -> list[tuple]:
    """(reason, engagement id, other id, trip) of one leader's timeline (rows sorted by start), in one pass:
    the engagements still running when one starts overlap it; of those already over, the one that ended last
    is where the leader comes from."""
    found = []
    running: list = []
    previous = None
    places: dict[int, object] = {}  # an engagement is the one before the next and the one after the last

    def place(slot):
        if slot.id not in places:
            places[slot.id] = place_of(slot)
        return places[slot.id]

    for slot in timeline:
        still = []
        for other in running:
            if other.end_dt > slot.start_dt:
                still.append(other)
            elif previous is None or (other.end_dt, other.start_dt) > (previous.end_dt, previous.start_dt):
                previous = other
        running = still
        if slot.start_dt < end and slot.end_dt > start:
            found += [("leader", slot.id, other.id, None) for other in running]
            for trip in trips:
                if trip.covers(slot.start_dt, slot.end_dt) and away_during(
                    trip, slot.timezone, slot.city, slot.kind, slot.delegation_id
                ):
                    found.append(("away", slot.id, None, trip))
            if (
                previous is not None
                and slot.kind not in TRAVEL_KINDS
                and previous.kind not in TRAVEL_KINDS
                and slot.start_dt - previous.end_dt < NEIGHBOURHOOD
            ):
                minutes = slot.travel_minutes
                if minutes is None:
                    minutes = travel_minutes(place(previous), place(slot))
                if (slot.start_dt - previous.end_dt).total_seconds() < minutes * 60:
                    found.append(("unreachable", slot.id, previous.id, None))
        running.append(slot)
    return found


def leader_clashes(
    leader_ids: list[int], start: datetime, end: datetime, user, shown: int
) -> tuple[dict[int, list[LeaderClash]], dict[int, int]]:
    """Leader id -> the clashes of their engagements in [start, end), each with its kept record if any: the
    first `shown` open ones and the first `shown` accepted ones; and leader id -> how many more are open.

    The clashes are found on rows; only the engagements of the clashes shown are loaded as records (one
    query, and one each for their programmes and participants)."""
    if not leader_ids:
        return {}, {}
    rows, leaders = _slots(leader_ids, start, end, user)
    trips = trips_of(leader_ids, start, end)
    kept = kept_for([row.id for row in rows])
    found: dict[int, list[tuple]] = {}
    more: dict[int, int] = {}
    for leader_id in leader_ids:
        timeline = [row for row in rows if leader_id in leaders.get(row.id, ())]
        mine = [t for t in trips if t.leader_id == leader_id]
        open_items, accepted = [], []
        for reason, engagement_id, other_id, trip in _of_leader(leader_id, timeline, mine, start, end):
            key = _key(engagement_id, other_id, trip, reason, leader_id)
            row = next((k for k in kept.get(engagement_id, []) if k.key == key), None)
            item = (reason, engagement_id, other_id, trip, row, key)
            (accepted if row is not None and row.is_accepted else open_items).append(item)
        more[leader_id] = max(0, len(open_items) - shown)
        found[leader_id] = open_items[:shown] + accepted[:shown]
    wanted = {i for items in found.values() for item in items for i in item[1:3] if i is not None}
    records = {
        e.id: e
        for e in db.session.scalars(
            select(Engagement)
            .where(Engagement.id.in_(sorted(wanted)))
            # their programmes in the same statement, without the programmes' partners (the page shows none)
            .options(joinedload(Engagement.delegation).lazyload("*"))
        )
    }
    result = {
        leader_id: [
            LeaderClash(
                leader_id,
                reason,
                records[engagement_id],
                other=records[other_id] if other_id is not None else None,
                trip=trip,
                kept=row,
                key=key,
            )
            for reason, engagement_id, other_id, trip, row, key in items
        ]
        for leader_id, items in found.items()
    }
    return result, more
