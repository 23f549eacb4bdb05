"""iCalendar (RFC 5545) output, built with the icalendar library: plain data in, bytes out.

Feeds are polled every few minutes by every subscriber, so an event is serialized once (per SEQUENCE,
language and scope) and the stored text is reused: `event_text` makes one VEVENT, `assemble` puts stored
VEVENTs together with the calendar's header and a VTIMEZONE for every TZID they use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from types import ModuleType
from zoneinfo import ZoneInfo

PRODID = "-//Intl Desk//International Affairs Office//EN"
_TZID = re.compile(r";TZID=([^:;]+)[:;]")


@dataclass
class CalendarEvent:
    uid: str
    sequence: int
    summary: str
    start: datetime | date
    end: datetime | date
    timezone: str | None  # the place's IANA zone for timed events; None for all-day ones
    status: str  # TENTATIVE, CONFIRMED or CANCELLED
    created: datetime
    last_modified: datetime
    location: str | None = None
    geo: tuple[float, float] | None = None
    url: str | None = None
    description: str | None = None
    classification: str = "PUBLIC"  # PUBLIC, PRIVATE or CONFIDENTIAL
    categories: list[str] = field(default_factory=list)


def _library() -> ModuleType:
    """The icalendar library (6 MB with its dependencies), loaded by the workers that write a calendar: those
    that save an engagement or serve a feed that changed, not every worker at its start."""
    import icalendar

    return icalendar


def event_text(event: CalendarEvent, stamp: datetime | None = None) -> str:
    """One VEVENT, serialized (CRLF line ends, folded)."""
    icalendar = _library()
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", (stamp or event.last_modified).astimezone(UTC))
    vevent.add("sequence", event.sequence)
    vevent.add("summary", event.summary)
    if isinstance(event.start, datetime):
        zone = ZoneInfo(event.timezone or "UTC")
        vevent.add("dtstart", event.start.astimezone(zone))
        vevent.add("dtend", event.end.astimezone(zone))
    else:
        vevent.add("dtstart", event.start)
        vevent.add("dtend", event.end)
    vevent.add("status", event.status)
    vevent.add("class", event.classification)
    vevent.add("transp", "TRANSPARENT" if event.status == "CANCELLED" else "OPAQUE")
    vevent.add("created", event.created.astimezone(UTC))
    vevent.add("last-modified", event.last_modified.astimezone(UTC))
    if event.location:
        vevent.add("location", event.location)
    if event.geo:
        vevent.add("geo", event.geo)
    if event.url:
        vevent.add("url", event.url)
    if event.description:
        vevent.add("description", event.description)
    if event.categories:
        vevent.add("categories", event.categories)
    return vevent.to_ical().decode("utf-8")


def tzids_of(texts: Iterable[str]) -> set[str]:
    return {match for text in texts for match in _TZID.findall(text)}


@lru_cache(maxsize=256)
def timezone_text(tzid: str, first_year: int, last_year: int) -> str:
    component = _library().Timezone.from_tzid(
        tzid, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
    )
    return component.to_ical().decode("utf-8")


def header_text(name: str, refresh: timedelta | None = None, description: str | None = None) -> str:
    icalendar = _library()
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("x-wr-caldesc", description)
    if refresh:
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", icalendar.vDuration(refresh))
    text = calendar.to_ical().decode("utf-8")
    return text[: text.rindex("END:VCALENDAR")]


def assemble(
    name: str,
    event_texts: list[str],
    years: tuple[int, int] | None = None,
    refresh: timedelta | None = None,
    description: str | None = None,
) -> bytes:
    """A complete calendar from serialized VEVENTs, with the VTIMEZONE of every TZID they use."""
    first, last = years or (datetime.now(UTC).year - 1, datetime.now(UTC).year + 1)
    zones = [timezone_text(tzid, first, last) for tzid in sorted(tzids_of(event_texts))]
    parts = [header_text(name, refresh, description), *zones, *event_texts, "END:VCALENDAR\r\n"]
    return "".join(parts).encode("utf-8")


def build(name: str, events: list[CalendarEvent], refresh: timedelta | None = None) -> bytes:
    """A calendar from events serialized now (single downloads)."""
    years = _years(events)
    return assemble(name, [event_text(e) for e in events], years, refresh)


def _years(events: list[CalendarEvent]) -> tuple[int, int]:
    if not events:
        now = datetime.now(UTC).year
        return now, now
    starts = [e.start.year for e in events]
    ends = [e.end.year for e in events]
    return min(starts), max(ends)
