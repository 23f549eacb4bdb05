"""Reading protocol: the ranking table, an occasion and its source, the order of precedence, the plan."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core.db import db
from ..core.localized import LocalizedText
from ..delegations.models import Delegation
from ..events.models import Event
from ..partners.models import Partner
from ..schedule.models import Engagement
from .models import Occasion, Participant, Rank
from .people import Person, load_people
from .precedence import Ranked, order
from .ranking import RankMatcher, RankRow
from .seating import Layout, Seated, check

SOURCES = {"event": Event, "engagement": Engagement, "delegation": Delegation}


# The action a source's policy answers for reading its people: an engagement shown as 'busy' (confidential,
# not involved) shows nobody, so its protocol is closed too.
READ_ACTION = {"event": "view", "engagement": "details", "delegation": "view"}


def source_model(kind: str):
    return SOURCES.get(kind)


def source_of(occasion: Occasion):
    return db.session.get(SOURCES[occasion.source_kind], occasion.source_id)


def source_title(record) -> LocalizedText:
    return record.title


def occasion_for(kind: str, source_id: int) -> Occasion | None:
    return db.session.scalar(
        select(Occasion).where(Occasion.source_kind == kind, Occasion.source_id == source_id)
    )


def ranks(include_inactive: bool = True) -> list[Rank]:
    stmt = select(Rank).order_by(Rank.level, Rank.id)
    if not include_inactive:
        stmt = stmt.where(Rank.active.is_(True))
    return list(db.session.scalars(stmt))


def rank_matcher() -> RankMatcher:
    return RankMatcher(RankRow(r.id, r.level, tuple(r.keywords or ())) for r in ranks(include_inactive=False))


def participants(occasion: Occasion) -> list[Participant]:
    """The occasion's participants with their ranks: two queries whatever the size (selectin loads each
    distinct rank once, not the ranking table's JSON on every row as a join would). Partners are not loaded
    as objects: people.load_people reads the two facts it needs of them, and a page that shows partners
    loads them itself (`partners_of`)."""
    return list(
        db.session.scalars(
            select(Participant)
            .options(selectinload(Participant.rank))
            .where(Participant.occasion_id == occasion.id)
            .order_by(Participant.id)
        )
    )


def partners_of(entries) -> dict[int, Partner]:
    """partner id -> partner, for the partners of these entries' participants, in one query."""
    ids = {e.participant.partner_id for e in entries if e.participant.partner_id}
    if not ids:
        return {}
    return {p.id: p for p in db.session.scalars(select(Partner).where(Partner.id.in_(ids)))}


@dataclass
class Entry:
    """One line of the order of precedence."""

    number: int
    person: Person
    ranked: Ranked
    participant: Participant = field(
        init=False
    )  # the person's; a plain attribute, read thousands of times a page

    def __post_init__(self) -> None:
        self.participant = self.person.participant


def precedence(occasion: Occasion, with_needs: bool = False, action: str = "view") -> list[Entry]:
    """The occasion's participants in order of precedence (its tie-break rule, its host's language)."""
    people = load_people(participants(occasion), with_needs=with_needs, action=action)
    locale = occasion.host_locale
    ranked = []
    countries: dict[str | None, str] = {}  # a country's name looked up once, not once per person
    for person in people:
        p = person.participant
        if person.country not in countries:
            countries[person.country] = person.country_name(locale)
        ranked.append(
            Ranked(
                id=p.id,
                side=p.side,
                level=p.rank.level if p.rank is not None else None,
                adjustment=p.adjustment,
                took_office_on=p.took_office_on,
                country_name=countries[person.country],
                name=person.name_for(locale),
                tie_since=person.tie_since,
            )
        )
    by_id = {person.id: person for person in people}
    return [Entry(n, by_id[r.id], r) for n, r in enumerate(order(ranked, occasion.tie_break, locale), 1)]


def layout_of(occasion: Occasion) -> Layout:
    return Layout(
        shape=occasion.table_shape,
        long_style=occasion.long_style,
        tables=occasion.table_count,
        seats=occasion.seats_per_table,
        co_host=occasion.co_host,
    )


def breaches(entries: list[Entry], layout: Layout):
    """What the current plan breaks, from the order of precedence."""
    return check(
        [
            Seated(
                id=e.participant.id,
                side=e.participant.side,
                order=e.number,
                table=e.participant.table_no,
                seat=e.participant.seat_no,
                interprets_for=e.participant.interprets_for_id,
            )
            for e in entries
        ],
        layout,
    )
