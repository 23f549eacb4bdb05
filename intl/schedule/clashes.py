"""Clashes: a leader, a contact or a venue booked into overlapping engagements; a leader booked at home while
away on a trip, or somewhere they cannot reach from their previous engagement in time (intl/schedule/presence).

Transfers count as busy time: when a delegation's programme has a transfer (the bus from Kaohsiung to
Tainan), everyone taking part in that delegation's engagements is travelling during it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased

from ..core.db import db
from .models import Engagement, EngagementParticipant
from .presence import Trip, away_during, engagements_around, neighbours_of, trips_of, unreachable
from .queries import taking_part

# An engagement lasts at most a month (the form's rule), so nothing starting earlier can overlap: the bound
# keeps every query here to a few days of the schedule, however long its history.
MAX_LENGTH = timedelta(days=32)


@dataclass
class Clash:
    engagement: Engagement | None  # None when the leader is away (`trip` says where)
    reason: str  # a key of models.CLASH_REASONS
    ref_id: int | None = None
    trip: Trip | None = None

    @property
    def key(self) -> tuple:
        """(engagement, other engagement, programme, stay, reason, who) as a kept clash stores it, seen from
        `own_id`'s side: set by `keyed`."""
        return self._key

    def keyed(self, own_id: int | None) -> Clash:
        if self.trip is not None:
            self._key = (own_id, None, self.trip.delegation_id, self.trip.stay_id, self.reason, self.ref_id)
        else:
            pair = sorted([own_id or 0, self.engagement.id])
            self._key = (pair[0], pair[1], None, None, self.reason, self.ref_id)
        return self


@dataclass
class Candidate:
    """What the presence check needs of the engagement being typed (or saved)."""

    kind: str
    start_dt: datetime
    end_dt: datetime
    timezone: str
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    travel_minutes: int | None = None
    delegation_id: int | None = None


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
    candidate: Candidate | None = None,
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
    presence = candidate is not None and bool(leader_ids)
    around = None
    if presence:
        # The live check reads these people's engagements of the days around once: those overlapping the
        # slot, and the leaders' ones before and after it (where they come from, where they go next).
        around = engagements_around({"leader": leader_ids, "contact": contact_ids}, start, end, exclude_id)
    if people:
        if around is not None:
            overlapping = [e for e in around if e.start_dt < end and e.end_dt > start]
        else:
            # Start from the few engagements of that time (the bound keeps it to days) and ask of each whether
            # one of these people takes part, rather than gathering everything these people ever did.
            overlapping = db.session.scalars(
                select(Engagement)
                .where(
                    live,
                    taking_part(Engagement, _people(people)),
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
    if presence:
        clashes += presence_clashes(candidate, leader_ids, exclude_id, around)
    seen, unique = set(), []
    for clash in clashes:
        clash.keyed(exclude_id)
        key = clash.key
        if key not in seen:
            seen.add(key)
            unique.append(clash)
    return unique


def _transfers(live, people, start: datetime, end: datetime, delegation_id: int | None) -> list[Clash]:
    """Transfers of this programme, and of programmes in which these people take part around that time."""
    window = timedelta(days=2)
    nearby = aliased(Engagement)
    # The programmes of the engagements of those days that these people take part in: a range of the start
    # index and a look-up per engagement, never the people's whole history.
    programmes = select(nearby.delegation_id).where(
        nearby.delegation_id.is_not(None),
        nearby.start_dt >= start - window,
        nearby.start_dt <= end + window,
        taking_part(nearby, _people(people)),
    )
    condition = Engagement.delegation_id.in_(programmes)
    if delegation_id is not None:
        condition = or_(condition, Engagement.delegation_id == delegation_id)
    rows = db.session.scalars(select(Engagement).where(live, Engagement.kind == "transfer", condition)).all()
    return [Clash(engagement, "transfer") for engagement in rows]


def presence_clashes(
    candidate: Candidate, leader_ids: list[int], exclude_id: int | None, around: list | None = None
) -> list[Clash]:
    """Away on a trip, or out of reach of the engagement before or after: a fixed number of queries for any
    history. `around`: the engagements of those days already read (engagements_around), with the leaders'."""
    found = []
    for trip in trips_of(leader_ids, candidate.start_dt, candidate.end_dt):
        if away_during(trip, candidate.timezone, candidate.city, candidate.kind, candidate.delegation_id):
            found.append(Clash(None, "away", trip.leader_id, trip))
    if around is None:
        around = neighbours_of(leader_ids, candidate.start_dt, candidate.end_dt, exclude_id)
    for leader_id in leader_ids:
        timeline = [e for e in around if leader_id in e.participant_ids("leader")]
        found += [Clash(e, "unreachable", leader_id) for e in unreachable(candidate, timeline)]
    return found
