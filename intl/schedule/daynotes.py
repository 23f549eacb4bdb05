"""What the days of an engagement are, where it takes place: at home, the office's holidays, closures and
typhoon days (intl/workdays); abroad, the public holidays of the place's country (its zone says which)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core.time import office_zone_name
from ..workdays import library
from ..workdays.calendar import office_calendar
from .places import zone_countries

CLOSED = ("holiday", "closure", "typhoon")


@dataclass(frozen=True)
class DayNote:
    day: date
    kind: str  # "holiday", "closure", "typhoon" at home; "partner" abroad
    name: str
    country: str | None = None


def day_notes(first: date, last: date, zone: str, locale: str) -> list[DayNote]:
    if (last - first).days > 62:
        last = first
    if zone == office_zone_name():
        return [
            DayNote(day, info.kind, " · ".join(info.names))
            for day, info in office_calendar(first, last, locale).items()
            if info.kind in CLOSED
        ]
    country = zone_countries().get(zone)
    if not library.supported(country):
        return []
    return [
        DayNote(day, "partner", name, country)
        for day, name in library.holidays_between(country, first, last, locale).items()
    ]
