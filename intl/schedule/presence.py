"""Where the leaders are: away on a trip (an outbound programme they travel with, or a stay entered on its
own), and whether one engagement can be reached from the one before.

Everything is compared as UTC instants, so a trip across the date line (Kaohsiung to Honolulu lands "the day
before") or a DST change at the place (Portland in March) needs no special case: each engagement's local times
were turned into instants with its own zone when it was saved.

A trip on an outbound programme runs door to door: from the first to the last of the leader's engagements in
it when its flights or transfers are entered; otherwise the programme's days, in the office's zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import and_, or_, select

from ..core.db import db
from ..core.localized import LocalizedText
from ..core.textnorm import normalize
from ..core.time import office_zone, office_zone_name
from .models import Engagement, EngagementParticipant, LeaderStay
from .places import TRAVEL_KINDS, place_of, travel_minutes
from .queries import leaders_taking_part, programme_model, taking_part

# How far back and ahead the previous and next engagement are looked for: farther apart, any journey fits (the
# longest estimate, Kaohsiung to the far side of the world, is under 24 hours door to door).
NEIGHBOURHOOD = timedelta(hours=26)
LONGEST_TRIP = timedelta(days=60)
# A programme's trip begins and ends within this of its days (the flights out and back).
TRIP_MARGIN = timedelta(days=2)


@dataclass(frozen=True)
class Trip:
    """A leader away from the city between two instants: on a programme abroad, or a stay."""

    leader_id: int
    start_dt: datetime
    end_dt: datetime
    title: LocalizedText
    zone: str  # a stay's place; "" for a programme (its engagements carry their own zones)
    delegation_id: int | None = None
    stay_id: int | None = None
    place: str = ""

    def covers(self, start: datetime, end: datetime) -> bool:
        return self.start_dt < end and self.end_dt > start


def _live(start: datetime, end: datetime):
    return and_(
        Engagement.start_dt < end,
        Engagement.end_dt > start,
        Engagement.start_dt > start - LONGEST_TRIP,
        Engagement.status != "cancelled",
        Engagement.archived_at.is_(None),
    )


def trips_of(leader_ids: list[int], start: datetime, end: datetime) -> list[Trip]:
    """The trips and stays of these leaders that overlap [start, end): at most four queries, whatever the
    history."""
    if not leader_ids:
        return []
    programme = programme_model()
    zone = office_zone()
    # The outbound programmes of those days first (a range of the dates index, bounded on both sides as a
    # trip lasts at most LONGEST_TRIP), then their engagements with these leaders: started from the leaders'
    # participations instead, the query would read every engagement they ever had.
    programmes = {
        row.id: row
        for row in db.session.execute(
            select(programme.id, programme.start_on, programme.end_on, programme.title).where(
                programme.direction == "outbound",
                programme.status != "cancelled",
                programme.archived_at.is_(None),
                programme.start_on <= (end + timedelta(days=1)).date(),
                programme.start_on >= (start - LONGEST_TRIP).date(),
                programme.end_on >= (start - timedelta(days=1)).date(),
            )
        )
    }
    # Then their engagements (around the programmes' days: a flight the day before, the return the day
    # after), and which of them these leaders take part in, by engagement (the participants' primary key).
    # Without a programme in those days neither is asked: an empty IN lets the planner of a database with
    # statistics choose the leaders' whole history instead. Queries: two, or four with a programme abroad.
    rows, leaders_of = [], {}
    if programmes:
        first_day = min(p.start_on for p in programmes.values()) - TRIP_MARGIN
        last_day = max(p.end_on for p in programmes.values()) + TRIP_MARGIN
        rows = db.session.execute(
            select(
                Engagement.id,
                Engagement.delegation_id,
                Engagement.start_dt,
                Engagement.end_dt,
                Engagement.kind,
            )
            .where(
                Engagement.delegation_id.in_(sorted(programmes)),
                Engagement.status != "cancelled",
                Engagement.archived_at.is_(None),
                Engagement.start_dt > datetime.combine(first_day, time(), zone),
                Engagement.start_dt < datetime.combine(last_day, time(), zone),
            )
            .order_by(Engagement.start_dt, Engagement.id)
        ).all()
    if rows:
        leaders_of = leaders_taking_part([row.id for row in rows], leader_ids)
    spans: dict[tuple[int, int], list] = {}  # (programme, leader) -> [first, last, travel entered]
    for row in rows:
        for leader_id in leaders_of.get(row.id, ()):
            span = spans.setdefault((row.delegation_id, leader_id), [row.start_dt, row.end_dt, False])
            span[0], span[1] = min(span[0], row.start_dt), max(span[1], row.end_dt)
            span[2] = span[2] or row.kind in TRAVEL_KINDS
    trips = []
    for (delegation_id, leader_id), (first, last, has_travel) in spans.items():
        visit = programmes[delegation_id]
        if not has_travel:  # no flights entered: away for the programme's days
            first = min(first, datetime.combine(visit.start_on, time(), zone))
            last = max(last, datetime.combine(visit.end_on + timedelta(days=1), time(), zone))
        trips.append(Trip(leader_id, first, last, visit.title, "", delegation_id=delegation_id))
    # The columns a trip needs, not the records (a stay's leader and its account are joined to every record).
    stays = db.session.execute(
        select(
            LeaderStay.id,
            LeaderStay.leader_id,
            LeaderStay.place,
            LeaderStay.timezone,
            LeaderStay.start_dt,
            LeaderStay.end_dt,
        ).where(
            LeaderStay.leader_id.in_(leader_ids),
            LeaderStay.start_dt < end,
            LeaderStay.end_dt > start,
            LeaderStay.start_dt > start - LONGEST_TRIP,
        )
    ).all()
    trips += [
        Trip(
            s.leader_id,
            s.start_dt,
            s.end_dt,
            LocalizedText({"und": s.place}),
            s.timezone,
            stay_id=s.id,
            place=s.place,
        )
        for s in stays
    ]
    return [t for t in trips if t.covers(start, end)]


def away_during(trip: Trip, zone: str, city: str | None, kind: str, delegation_id: int | None) -> bool:
    """Whether an engagement (its zone, city, kind, programme) cannot happen because the leader is on `trip`:
    at home during a programme abroad; anywhere but the stay's place during a stay."""
    if kind in TRAVEL_KINDS or (trip.delegation_id is not None and trip.delegation_id == delegation_id):
        return False
    if trip.stay_id is not None:
        if zone != trip.zone:
            return True
        return bool(city) and normalize(city) != normalize(trip.place)
    return zone == office_zone_name()


def neighbours_of(leader_ids: list[int], start: datetime, end: datetime, exclude_id: int | None):
    """The leaders' engagements around [start, end), for the previous and next place: one query (and one
    for their participants)."""
    return engagements_around({"leader": leader_ids}, start, end, exclude_id)


def engagements_around(people: dict[str, list[int]], start: datetime, end: datetime, exclude_id: int | None):
    """The engagements of these people ({kind: [ids]}) from NEIGHBOURHOOD before [start, end) to
    NEIGHBOURHOOD after, sorted: the ones that overlap it and the ones before and after, in one query."""
    wanted = [
        and_(EngagementParticipant.kind == kind, EngagementParticipant.ref_id.in_(ids))
        for kind, ids in people.items()
        if ids
    ]
    if not wanted:
        return []
    # EXISTS per engagement of those days, not IN over all of the people's history (PostgreSQL would hash it).
    stmt = select(Engagement).where(
        _live(start - NEIGHBOURHOOD, end + NEIGHBOURHOOD),
        taking_part(Engagement, or_(*wanted)),
    )
    if exclude_id is not None:
        stmt = stmt.where(Engagement.id != exclude_id)
    return list(db.session.scalars(stmt.order_by(Engagement.start_dt, Engagement.id)))


def _needed(origin, destination) -> timedelta:
    minutes = destination.travel_minutes
    if minutes is None:
        minutes = travel_minutes(place_of(origin), place_of(destination))
    return timedelta(minutes=minutes)


def unreachable(candidate, timeline: list) -> list:
    """The engagements of `timeline` (one leader's, sorted by start, without `candidate`) that leave too little
    time to travel between them and `candidate`: the one before and the one after."""
    if candidate.kind in TRAVEL_KINDS:
        return []
    before = [e for e in timeline if e.end_dt <= candidate.start_dt]
    after = [e for e in timeline if e.start_dt >= candidate.end_dt]
    found = []
    if before:
        previous = max(before, key=lambda e: (e.end_dt, e.start_dt))
        gap = candidate.start_dt - previous.end_dt
        if previous.kind not in TRAVEL_KINDS and gap < _needed(previous, candidate):
            found.append(previous)
    if after:
        following = min(after, key=lambda e: (e.start_dt, e.end_dt))
        gap = following.start_dt - candidate.end_dt
        if following.kind not in TRAVEL_KINDS and gap < _needed(candidate, following):
            found.append(following)
    return found
