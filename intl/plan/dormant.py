"""Dormant partners: ties (not prospects) with no exchange for a while (DORMANT_MONTHS, default 24).

An exchange is a record of any exchange kind (intl/plan/activities.py) on a day from the cut-off to today:
a delegation confirmed, under way or done, an interaction, an agreement signed. A tie made after the cut-off
is not dormant yet.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from sqlalchemy import (
    Integer,
    String,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)

from ..core.db import db
from ..core.time import office_zone
from ..partners.models import Partner
from ..partners.standing import TIE_RANK
from . import activities
from .activities import CONFIRMED, DONE, UNDER_WAY
from .periods import month_start
from .rows import in_period

EARLIEST = date(1900, 1, 1)
EXCHANGE_STATES = frozenset({DONE, UNDER_WAY, CONFIRMED})
RELATIONSHIP_ORDER = {"sister": 0, "friendly": 1, "mou": 2, "cooperation": 3, "prospect": 4}


@dataclass
class DormantPartner:
    id: int
    names: object
    country: str
    relationship: str
    since: date | None
    last_exchange: date | None = None


def cutoff_of(today: date, months: int | None = None) -> date:
    months = current_app.config.get("DORMANT_MONTHS", 24) if months is None else months
    first = month_start(today, months)
    # the same day `months` months ago (or that month's last day)
    return first.replace(day=min(today.day, calendar.monthrange(first.year, first.month)[1]))


def _exchanged(kind_, start: date, end: date):
    """EXISTS an exchange of this kind with the partner of the outer query, on a day of [start, end]."""
    pairs = kind_.partner_pairs().subquery()
    stmt = (
        select(pairs.c.record_id)
        .join(kind_.model, kind_.model.id == pairs.c.record_id)
        .where(pairs.c.partner_id == Partner.id, kind_.live(), in_period(kind_, start, end))
    )
    if kind_.status is not None:
        stmt = stmt.where(
            kind_.status.in_([s for s, state in kind_.states.items() if state in EXCHANGE_STATES])
        )
    return stmt.exists()


def dormant_condition(today: date, months: int | None = None):
    """The SQL condition 'this partner is dormant'. Correlated NOT EXISTS per kind: each probe follows the
    partner's own links (an index), where NOT IN would collect two years of interactions first."""
    cutoff = cutoff_of(today, months)
    conditions = [
        Partner.archived_at.is_(None),
        Partner.relationship.in_(
            sorted(TIE_RANK)
        ),  # a tie in force (partners.standing): not prospects or former
        or_(Partner.relationship_since.is_(None), Partner.relationship_since < cutoff),
    ]
    for kind_ in activities.exchange_kinds():
        conditions.append(~_exchanged(kind_, cutoff, today))
    return and_(*conditions)


COLUMNS = (Partner.id, Partner.names, Partner.country, Partner.relationship, Partner.relationship_since)


def dormant_partners(today: date, months: int | None = None, limit: int | None = None):
    """(the dormant partners, closest ties first, at most `limit`; how many there are in all)."""
    order = case(RELATIONSHIP_ORDER, value=Partner.relationship, else_=9)
    stmt = (
        select(*COLUMNS, func.count().over())
        .where(dormant_condition(today, months))
        .order_by(order, func.coalesce(Partner.sequence_no, 1_000_000), Partner.id)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    found, total = [], 0
    for pid, names, country, relationship, since, count in db.session.execute(stmt):
        found.append(DormantPartner(pid, names, country, relationship, since))
        total = count
    return found, total


def closest_dormant(today: date, limit: int) -> tuple[list[DormantPartner], bool]:
    """The first `limit` dormant partners, sister cities first, and whether there are more: one query that
    stops early in each kind of tie (the dashboard's glance; the report counts them all)."""
    condition = dormant_condition(today)
    ties = [
        (relationship, rank)
        for rank, relationship in enumerate(r for r in RELATIONSHIP_ORDER if r != "prospect")
    ]
    if db.engine.dialect.name == "postgresql":
        # One LATERAL subquery run once per kind of tie: PostgreSQL plans the dormant condition (three
        # correlated NOT EXISTS) once instead of once per branch of a UNION, which cost more than running it.
        # The kinds of tie as a union of one-row selects rather than VALUES: SQLAlchemy does not cache a
        # statement with VALUES, and compiling this one again cost each dashboard some 5 ms.
        tie = union_all(
            *[
                select(
                    literal(relationship, String).label("relationship"), literal(rank, Integer).label("rank")
                )
                for relationship, rank in ties
            ]
        ).subquery("tie")
        closest = (
            select(*COLUMNS, tie.c.rank.label("rank"))
            .where(Partner.relationship == tie.c.relationship, condition)
            .order_by(Partner.id)
            .limit(limit + 1)
            .lateral("closest")
        )
        stmt = select(closest).select_from(tie).join(closest, true())
    else:  # SQLite has no LATERAL: a UNION of one branch per kind of tie, the same rows
        branches = []
        for relationship, rank in ties:
            inner = (
                select(*COLUMNS, literal(rank).label("rank"))
                .where(Partner.relationship == relationship, condition)
                .order_by(Partner.id)
                .limit(limit + 1)
                .subquery()
            )
            branches.append(select(inner))
        stmt = union_all(*branches)
    rows = sorted(db.session.execute(stmt).all(), key=lambda r: (r.rank, r.id))
    found = [DormantPartner(r.id, r.names, r.country, r.relationship, r.relationship_since) for r in rows]
    return found[:limit], len(found) > limit


def last_exchanges(partners: list[DormantPartner], today: date) -> None:
    """Fill each partner's last exchange up to today (one query per exchange kind)."""
    ids = [p.id for p in partners]  # even when none: the same queries whatever the data
    last: dict[int, date] = {}
    for kind_ in activities.exchange_kinds():
        pairs = kind_.partner_pairs().subquery()
        stmt = (
            select(pairs.c.partner_id, func.max(kind_.day))
            .join(kind_.model, kind_.model.id == pairs.c.record_id)
            .where(kind_.live(), pairs.c.partner_id.in_(ids), in_period(kind_, EARLIEST, today))
            .group_by(pairs.c.partner_id)
        )
        if kind_.status is not None:
            stmt = stmt.where(
                kind_.status.in_([s for s, state in kind_.states.items() if state in EXCHANGE_STATES])
            )
        for pid, day in db.session.execute(stmt):
            if day is None:
                continue
            if isinstance(day, datetime):
                day = day.astimezone(office_zone()).date()
            if pid not in last or day > last[pid]:
                last[pid] = day
    for partner in partners:
        partner.last_exchange = last.get(partner.id)
