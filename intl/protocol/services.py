"""Changing protocol records: an occasion started from its event, engagement or delegation and filled with
its people; participants' rank, side and adjustments; the occasion's settings; the seating plan proposed and
moved seat by seat; the ranking table. Services flush and audit; the view commits."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from ..contacts.models import Affiliation, Contact
from ..core.audit import record, record_create, record_update
from ..core.db import db
from ..delegations.models import Delegation
from ..events.models import Event, Registration
from ..schedule.models import Engagement, EngagementParticipant, Leader
from .models import FlagChoice, Occasion, Participant, Rank
from .queries import layout_of, participants, precedence, rank_matcher
from .ranking import RankMatcher
from .seating import BEHIND, Sitter, propose


@dataclass(frozen=True)
class Invitee:
    """Someone the source names: kind and id, side, role, and whom they interpret for (an invitee's key)."""

    kind: str
    ref_id: int
    side: str
    role: str = "member"
    partner_id: int | None = None
    interprets_for: tuple[str, int] | None = None


def _delegation_invitees(delegation: Delegation) -> list[Invitee]:
    partner_id = delegation.partners[0].id if delegation.partners else None
    heads = [m for m in delegation.members if m.role == "head"]
    head_key = ("contact", heads[0].contact_id) if heads else None
    invitees = [
        Invitee(
            "contact",
            m.contact_id,
            "guest",
            {"head": "principal", "interpreter": "interpreter"}.get(m.role, "member"),
            partner_id,
            head_key if m.role == "interpreter" else None,
        )
        for m in delegation.members
    ]
    # Our leaders who take part in the visit's engagements host it.
    leader_ids = db.session.scalars(
        select(EngagementParticipant.ref_id)
        .join(Engagement, Engagement.id == EngagementParticipant.engagement_id)
        .where(Engagement.delegation_id == delegation.id, EngagementParticipant.kind == "leader")
        .distinct()
    )
    invitees += [Invitee("leader", i, "host") for i in sorted(leader_ids)]
    if delegation.lead_officer_id:
        invitees.append(Invitee("user", delegation.lead_officer_id, "host"))
    return invitees


def _engagement_invitees(engagement: Engagement) -> list[Invitee]:
    roles: dict[int, Invitee] = {}
    if engagement.delegation is not None:
        roles = {i.ref_id: i for i in _delegation_invitees(engagement.delegation) if i.kind == "contact"}
    invitees = []
    for part in sorted(engagement.participants, key=lambda x: (x.kind, x.ref_id)):
        if part.kind == "contact":
            invitees.append(roles.get(part.ref_id) or Invitee("contact", part.ref_id, "guest"))
        else:
            invitees.append(Invitee(part.kind, part.ref_id, "host"))
    return invitees


def _event_invitees(event: Event) -> list[Invitee]:
    guests = db.session.scalars(
        select(Registration.contact_id)
        .where(
            Registration.event_id == event.id,
            Registration.contact_id.is_not(None),
            Registration.status.in_(("registered", "invited")),
        )
        .order_by(Registration.id)
    )
    return (
        [Invitee("leader", i, "host") for i in event.host_leader_ids or []]
        + [Invitee("user", i, "host") for i in event.staff_user_ids or []]
        + [Invitee("contact", i, "guest") for i in dict.fromkeys(guests)]
    )


def invitees_of(kind: str, source) -> list[Invitee]:
    return {"delegation": _delegation_invitees, "engagement": _engagement_invitees, "event": _event_invitees}[
        kind
    ](source)


def start_occasion(kind: str, source) -> Occasion:
    """The protocol desk of an event, engagement or delegation, with the people it names."""
    occasion = Occasion(source_kind=kind, source_id=source.id)
    if kind == "engagement" and source.kind == "banquet":
        occasion.table_shape = "round"
    elif kind == "engagement" and source.kind in ("meeting", "courtesy_call"):
        occasion.table_shape, occasion.long_style, occasion.seats_per_table = "long", "facing", 12
    db.session.add(occasion)
    db.session.flush()
    record_create(occasion)
    add_invitees(occasion, invitees_of(kind, source))
    return occasion


def add_invitees(occasion: Occasion, invitees: list[Invitee]) -> list[Participant]:
    """Add those not there yet (a refresh after the source changed keeps the officer's work on the others);
    their rank comes from their titles, and their date of taking office from their current position."""
    present = {(p.kind, p.ref_id): p for p in participants(occasion)}
    fresh = [i for i in dict.fromkeys(invitees) if (i.kind, i.ref_id) not in present]
    if not fresh:
        return []
    matcher = rank_matcher()
    titles = titles_of(fresh)
    since = _office_dates([i.ref_id for i in fresh if i.kind == "contact"])
    added = []
    for invitee in fresh:
        rank = matcher.match(titles.get((invitee.kind, invitee.ref_id), []))
        participant = Participant(
            occasion_id=occasion.id,
            kind=invitee.kind,
            ref_id=invitee.ref_id,
            side=invitee.side,
            role=invitee.role,
            partner_id=invitee.partner_id,
            rank_id=rank.id if rank else None,
            rank_from_title=True,
            took_office_on=since.get(invitee.ref_id) if invitee.kind == "contact" else None,
        )
        db.session.add(participant)
        present[(invitee.kind, invitee.ref_id)] = participant
        added.append(participant)
    db.session.flush()
    for invitee in fresh:
        if invitee.interprets_for and invitee.interprets_for in present:
            present[(invitee.kind, invitee.ref_id)].interprets_for_id = present[invitee.interprets_for].id
    db.session.flush()
    record("update", occasion, {"participants": [None, len(present)]})
    return added


def titles_of(invitees: list[Invitee]) -> dict[tuple[str, int], list[str]]:
    """(kind, id) -> every title the person holds, in every language, with their current position."""
    contact_ids = [i.ref_id for i in invitees if i.kind == "contact"]
    leader_ids = [i.ref_id for i in invitees if i.kind == "leader"]
    found: dict[tuple[str, int], list[str]] = {}
    if contact_ids:
        for contact in db.session.scalars(select(Contact).where(Contact.id.in_(contact_ids))):
            found[("contact", contact.id)] = list(contact.title.values())
        for contact_id, position in db.session.execute(
            select(Affiliation.contact_id, Affiliation.position).where(
                Affiliation.contact_id.in_(contact_ids), Affiliation.is_current.is_(True)
            )
        ):
            if position:
                found.setdefault(("contact", contact_id), []).append(position)
    if leader_ids:
        for leader in db.session.scalars(select(Leader).where(Leader.id.in_(leader_ids))):
            found[("leader", leader.id)] = list(leader.title.values())
    return found


def _office_dates(contact_ids: list[int]) -> dict[int, object]:
    if not contact_ids:
        return {}
    rows = db.session.execute(
        select(Affiliation.contact_id, Affiliation.start_on).where(
            Affiliation.contact_id.in_(contact_ids),
            Affiliation.is_current.is_(True),
            Affiliation.start_on.is_not(None),
        )
    )
    return {contact_id: start for contact_id, start in rows}


def refresh_ranks(occasion: Occasion, matcher: RankMatcher | None = None) -> None:
    """Ranks from titles again, for the participants whose rank the officer has not set by hand."""
    automatic = [p for p in participants(occasion) if p.rank_from_title]
    matcher = matcher or rank_matcher()
    titles = titles_of([Invitee(p.kind, p.ref_id, p.side) for p in automatic])
    for p in automatic:
        rank = matcher.match(titles.get((p.kind, p.ref_id), []))
        p.rank_id = rank.id if rank else None
    db.session.flush()


def update_participant(participant: Participant, **fields) -> Participant:
    before = participant.audit_state()
    if "rank_id" in fields:
        participant.rank_from_title = fields["rank_id"] is None
    for name, value in fields.items():
        setattr(participant, name, value)
    if participant.rank_from_title:
        refresh_ranks(participant.occasion)
    db.session.flush()
    record_update(participant, before)
    return participant


def remove_participant(participant: Participant) -> None:
    occasion = participant.occasion
    for other in occasion.participants:
        if other.interprets_for_id == participant.id:
            other.interprets_for_id = None
    record("delete", participant, {})
    db.session.delete(participant)
    db.session.flush()


def update_occasion(occasion: Occasion, **fields) -> Occasion:
    before = occasion.audit_state()
    for name, value in fields.items():
        setattr(occasion, name, value)
    db.session.flush()
    # Seats beyond the room's new size are freed (the officer sees them as unseated).
    db.session.execute(
        update(Participant)
        .where(
            Participant.occasion_id == occasion.id,
            (Participant.table_no > occasion.table_count) | (Participant.seat_no > occasion.seats_per_table),
        )
        .values(table_no=None, seat_no=None)
    )
    record_update(occasion, before)
    return occasion


def propose_plan(occasion: Occasion) -> None:
    """Seat everyone by the proposal from the order of precedence and the room (replaces the plan)."""
    entries = precedence(occasion)
    plan = propose(
        [Sitter(e.participant.id, e.participant.side, e.participant.interprets_for_id) for e in entries],
        layout_of(occasion),
    )
    rows = [
        {"id": e.participant.id, "table_no": plan.seats.get(e.participant.id, (None, None))[0],
         "seat_no": plan.seats.get(e.participant.id, (None, None))[1]}
        for e in entries
    ]  # fmt: skip
    if rows:
        db.session.execute(update(Participant), rows)
    for e in entries:  # keep the loaded objects in step with the rows
        e.participant.table_no, e.participant.seat_no = plan.seats.get(e.participant.id, (None, None))
    record("update", occasion, {"seating": [None, "proposed"]})


class BadSeat(ValueError):
    """A seat that does not exist in the room (not a rule broken: a place that is not there)."""


def move(
    occasion: Occasion, participant: Participant, table: int | None, seat: int | None
) -> Participant | None:
    """Put someone in a seat (None, None: take them off the plan). Whoever sat there takes their old seat.
    Conventions broken are the caller's to show; nothing is refused but seats that do not exist."""
    if table is not None or seat is not None:
        if table is None or seat is None or not 1 <= table <= occasion.table_count:
            raise BadSeat("table")
        if not (1 <= seat <= occasion.seats_per_table or (seat == BEHIND and participant.interprets_for_id)):
            raise BadSeat("seat")
    displaced = None
    if seat not in (None, BEHIND):
        displaced = db.session.scalar(
            select(Participant).where(
                Participant.occasion_id == occasion.id,
                Participant.table_no == table,
                Participant.seat_no == seat,
                Participant.id != participant.id,
            )
        )
    old = (participant.table_no, participant.seat_no)
    participant.table_no, participant.seat_no = table, seat
    if displaced is not None:
        displaced.table_no, displaced.seat_no = old if old[1] not in (None, BEHIND) else (None, None)
    db.session.flush()
    record("update", participant, {"seat": [list(old), [table, seat]]})
    return displaced


# --- the ranking table and flags ---------------------------------------------------------------------


def save_rank(rank: Rank | None, **fields) -> Rank:
    if rank is None:
        rank = Rank(**fields)
        db.session.add(rank)
        db.session.flush()
        record_create(rank)
        return rank
    before = rank.audit_state()
    for name, value in fields.items():
        setattr(rank, name, value)
    db.session.flush()
    record_update(rank, before)
    return rank


def set_flag_choice(partner_id: int, choice: str, note: str | None) -> FlagChoice:
    flag = db.session.get(FlagChoice, partner_id)
    if flag is None:
        flag = FlagChoice(partner_id=partner_id, choice=choice, note=note)
        db.session.add(flag)
        db.session.flush()
        record_create(flag)
        return flag
    before = flag.audit_state()
    flag.choice, flag.note = choice, note
    db.session.flush()
    record_update(flag, before)
    return flag


# --- records purged elsewhere ------------------------------------------------------------------------


def forget_person(record) -> None:
    """before_purge of a contact or leader: their places at every occasion go with them (and whoever
    interpreted for them stays, unattached)."""
    kind = "contact" if isinstance(record, Contact) else "leader"
    places = list(
        db.session.scalars(
            select(Participant).where(Participant.kind == kind, Participant.ref_id == record.id)
        )
    )
    ids = [p.id for p in places]
    if ids:
        db.session.execute(
            update(Participant).where(Participant.interprets_for_id.in_(ids)).values(interprets_for_id=None)
        )
    for place in places:
        db.session.delete(place)
    db.session.flush()


def forget_occasion_of(record) -> None:
    """before_purge of an event, engagement or delegation: its protocol desk goes with it."""
    kind = {Event: "event", Engagement: "engagement", Delegation: "delegation"}[type(record)]
    occasion = db.session.scalar(
        select(Occasion).where(Occasion.source_kind == kind, Occasion.source_id == record.id)
    )
    if occasion is not None:
        db.session.delete(occasion)
        db.session.flush()
