"""The agenda's entries, prepared in one pass: a busy month has 170 engagements, and the template's macros,
filters and links per engagement cost more than the rest of the page (on PostgreSQL, some 45 of its 56 ms).
Times and people are written by display.py, as on every page that lists engagements."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from markupsafe import Markup

from ..core.access import can
from ..core.i18n import current_locale_code, localized
from ..core.time import office_zone_name
from ..core.urls import id_urls
from .display import engagement_time, participant_badges


@dataclass(slots=True)
class AgendaEntry:
    id: int
    cancelled: bool
    details: bool  # False: busy (the reader sees only the time and the leaders taking part)
    url: str
    title: str
    venue: str
    time: Markup
    people: Markup


def agenda_days(engagements, names: dict, user) -> list[tuple[date, list[AgendaEntry]]]:
    """The engagements by office day, each as the agenda shows it to `user`."""
    office = office_zone_name()
    zone = ZoneInfo(office)
    locale = current_locale_code()
    link = id_urls("schedule.engagement", "engagement_id")
    by_day: dict[date, list[AgendaEntry]] = defaultdict(list)
    for e in engagements:
        details = can(user, e, "details")
        by_day[e.start_dt.astimezone(zone).date()].append(
            AgendaEntry(
                id=e.id,
                cancelled=e.status == "cancelled",
                details=details,
                url=link(e.id) if details else "",
                title=localized(e.title, locale) if details else "",
                venue=(e.venue or "") if details else "",
                time=engagement_time(e, office),
                people=participant_badges(e, names, None if details else ("leader",)),
            )
        )
    return sorted(by_day.items())
