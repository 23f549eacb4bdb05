"""The office's working calendar, and the one function that counts working days.

A day is a working day unless it falls on the weekend (but for a make-up workday, 補班日), on a national
holiday or observed day (the `holidays` library, country OFFICE_COUNTRY, Taiwan by default), or on a day the
office closed (a closure, a typhoon day); an extra working day the office adds opens any day. Reply
deadlines for letters, the gift report's days and anything else counted "in working days" go through
`add_working_days`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app, has_app_context
from sqlalchemy import select

from ..core.db import db
from . import library
from .models import CLOSURE_KINDS, OfficeDay

DEFAULT_COUNTRY = "TW"
# Working days are counted at most this far ahead (a year of holidays and closures is read at once).
HORIZON = timedelta(days=400)


def office_country() -> str:
    if has_app_context():
        return current_app.config.get("OFFICE_COUNTRY") or DEFAULT_COUNTRY
    return DEFAULT_COUNTRY


@dataclass
class DayInfo:
    """What the office's calendar says of one day."""

    day: date
    working: bool
    kind: str  # "holiday", "makeup", "closure", "typhoon", "workday" (an extra one), "observance", "weekend", ""
    names: list[str] = field(default_factory=list)


def _office_days(first: date, last: date) -> dict[date, OfficeDay]:
    if not has_app_context():
        return {}
    rows = db.session.scalars(select(OfficeDay).where(OfficeDay.day >= first, OfficeDay.day <= last))
    return {row.day: row for row in rows}


def office_calendar(first: date, last: date, locale: str = "en") -> dict[date, DayInfo]:
    """Every day of [first, last] that is not a plain working day: one query (the office's own days) and the
    library's holidays of those years."""
    country = office_country()
    national = library.holidays_between(country, first, last, locale)
    makeup = library.makeup_workdays(country, first, last)
    kept = library.observances_between(country, first, last, locale)
    weekend = library.weekend_days(country)
    own = _office_days(first, last)
    days: dict[date, DayInfo] = {}
    day = first
    while day <= last:
        info = None
        if day in own:
            row = own[day]
            label = row.name or str(CLOSURE_KINDS.get(row.kind, row.kind))
            info = DayInfo(day, not row.is_closed, "workday" if not row.is_closed else row.kind, [label])
            if day in national:
                info.names.append(national[day])
        elif day in national:
            info = DayInfo(day, False, "holiday", national[day].split("; "))
        elif day in makeup:
            info = DayInfo(day, True, "makeup", [])
        elif day.weekday() in weekend:
            info = DayInfo(day, False, "weekend", [])
        elif day in kept:
            info = DayInfo(day, True, "observance", kept[day].split("; "))
        if info is not None:
            days[day] = info
        day += timedelta(days=1)
    return days


def is_working_day(day: date) -> bool:
    info = office_calendar(day, day).get(day)
    return info is None or info.working


def add_working_days(start: date, count: int) -> date:
    """The day `count` working days after `start` (start itself not counted): three working days after a
    Wednesday before a long weekend is the Tuesday after it. With `count` 0, `start` itself."""
    if count <= 0:
        return start
    calendar = office_calendar(start + timedelta(days=1), start + HORIZON)
    day, left = start, count
    while left:
        day += timedelta(days=1)
        info = calendar.get(day)
        if info is None or info.working:
            left -= 1
    return day


def working_days_between(first: date, last: date) -> int:
    """Working days in [first, last]."""
    if last < first:
        return 0
    calendar = office_calendar(first, last)
    total = (last - first).days + 1
    return total - sum(1 for info in calendar.values() if not info.working)
