"""Anniversaries of ties in force (5, 10, 15, 20 ... years), which drive events and letters: the one rule the
home page and the dashboard both list.

A tie known to the day has its anniversary on that day (29 February on the 28th in a common year); one
known to the month or the year only has it in that month or year, listed by the month or year without
inventing a day ("1962 → 65th anniversary in 2027"). A period counts when it meets the window asked for.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, extract, or_, select

from ..core.db import db
from .models import Agreement, Partner
from .standing import tie_in_force

STEP_YEARS = 5


@dataclass
class Anniversary:
    on: date  # the day, or the first day of the month or year when only that is known
    precision: str  # "day", "month" or "year": how `on` is to be shown
    years: int
    signed_on: date
    agreement_id: int
    agreement_type: str
    partner_id: int
    names: object = None  # the partner's LocalizedText names, read for those listed


def _same_day_in(year: int, signed: date) -> date:
    try:
        return signed.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 2, 28)


def _period(year: int, signed: date, precision: str) -> tuple[date, date]:
    """The first and last day of the anniversary of `signed` in `year`, at the precision known."""
    if precision == "year":
        return date(year, 1, 1), date(year, 12, 31)
    if precision == "month":
        return date(year, signed.month, 1), date(
            year, signed.month, calendar.monthrange(year, signed.month)[1]
        )
    day = _same_day_in(year, signed)
    return day, day


def _may_fall_in(first: date, last: date):
    """SQL prefilter: ties whose anniversary may be round and fall in [first, last], so that the office's
    thousands of ties are not all read on each page; the rule itself is applied again in Python."""
    signed, precision = Agreement.signed_on, Agreement.signed_precision
    month_day = extract("month", signed) * 100 + extract("day", signed)
    branches = []
    for year in range(first.year, last.year + 1):
        start, stop = max(first, date(year, 1, 1)), min(last, date(year, 12, 31))
        days = {d.month * 100 + d.day for d in (start + timedelta(n) for n in range((stop - start).days + 1))}
        if 228 in days and not calendar.isleap(year):
            days.add(229)
        months = sorted({d // 100 for d in days})
        round_year = extract("year", signed) % STEP_YEARS == year % STEP_YEARS
        branches.append(
            and_(
                round_year,
                or_(
                    and_(precision == "day", month_day.in_(sorted(days))),
                    and_(precision == "month", extract("month", signed).in_(months)),
                    precision == "year",
                ),
            )
        )
    return or_(*branches)


def anniversaries_between(first: date, last: date, limit: int | None = None) -> tuple[list[Anniversary], int]:
    """The round-number anniversaries of ties in force of live partners falling in [first, last], soonest
    first (a year-only tie's at the start of its year), the first `limit` with their partner's names, and
    how many there are. Two queries whatever the number of ties."""
    rows = db.session.execute(
        select(
            Agreement.id,
            Agreement.agreement_type,
            Agreement.signed_on,
            Agreement.signed_precision,
            Agreement.partner_id,
        )
        .join(Partner, Partner.id == Agreement.partner_id)
        .where(Agreement.signed_on.is_not(None), tie_in_force(), Partner.archived_at.is_(None))
        .where(_may_fall_in(first, last))
    ).all()
    found = []
    for agreement_id, agreement_type, signed, precision, partner_id in rows:
        for year in range(first.year, last.year + 1):
            years = year - signed.year
            if years <= 0 or years % STEP_YEARS:
                continue
            start, stop = _period(year, signed, precision)
            if start <= last and stop >= first:
                found.append(
                    Anniversary(start, precision, years, signed, agreement_id, agreement_type, partner_id)
                )
    found.sort(key=lambda a: (a.on, a.partner_id, a.agreement_id))
    shown = found if limit is None else found[:limit]
    # Read even when none is listed: a page runs the same statements for a new office as for a large one.
    wanted = {a.partner_id for a in shown}
    names = dict(db.session.execute(select(Partner.id, Partner.names).where(Partner.id.in_(wanted))).all())
    for anniversary in shown:
        anniversary.names = names.get(anniversary.partner_id)
    return shown, len(found)
