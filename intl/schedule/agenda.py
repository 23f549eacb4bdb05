"""The agenda's entries, prepared in one pass: a busy month has 170 engagements, and the template's macros,
filters and links per engagement cost more than the rest of the page (on PostgreSQL, some 45 of its 56 ms).
Each entry shows what the schedule's macros show (macros/schedule.html: `when`, `participants`), as text."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from markupsafe import Markup, escape

from ..core.access import can
from ..core.i18n import current_locale_code, localized
from ..core.templating import zone_city
from ..core.time import office_zone_name
from ..core.urls import id_urls


@dataclass(slots=True)
class AgendaEntry:
    id: int
    cancelled: bool
    details: bool  # False: busy (the reader sees only the time and the leaders taking part)
    url: str
    title: str
    venue: str
    time: Markup  # the time in the place's zone, and the office's where that differs
    people: Markup  # a badge per participant the reader may see named


def _badges(engagement, names: dict, leaders_only: bool) -> Markup:
    badges = []
    for participant in engagement.participants:
        if leaders_only and participant.kind != "leader":
            continue
        label = names.get((participant.kind, participant.ref_id))
        if label:
            style = "text-bg-primary" if participant.kind == "leader" else "text-bg-light border"
            badges.append(f'<span class="badge {style} me-1">{escape(label)}</span>')
    return Markup("".join(badges))


def agenda_days(engagements, names: dict, user) -> list[tuple[date, list[AgendaEntry]]]:
    """The engagements by office day, each as the agenda shows it to `user`."""
    office = office_zone_name()
    zone = ZoneInfo(office)
    locale = current_locale_code()
    link = id_urls("schedule.engagement", "engagement_id")
    all_day = Markup(f'<span class="badge text-bg-light border">{escape(_("All day"))}</span>')
    office_city = escape(zone_city(office))
    by_day: dict[date, list[AgendaEntry]] = defaultdict(list)
    for e in engagements:
        details = can(user, e, "details")
        if e.all_day:
            time = all_day
        else:
            place = ZoneInfo(e.timezone)
            # f-strings and escape(): Markup.format escapes through string.Formatter, a third of the loop's time
            text = (
                f'<span class="text-nowrap">{e.start_dt.astimezone(place):%H:%M}–'
                f"{e.end_dt.astimezone(place):%H:%M}</span>"
            )
            if e.timezone != office:
                text += (
                    ' <span class="small text-body-secondary text-nowrap" data-office-time>'
                    f"{escape(zone_city(e.timezone))} · {office_city} {e.start_dt.astimezone(zone):%H:%M}</span>"
                )
            time = Markup(text)
        by_day[e.start_dt.astimezone(zone).date()].append(
            AgendaEntry(
                id=e.id,
                cancelled=e.status == "cancelled",
                details=details,
                url=link(e.id) if details else "",
                title=localized(e.title, locale) if details else "",
                venue=(e.venue or "") if details else "",
                time=time,
                people=_badges(e, names, leaders_only=not details),
            )
        )
    return sorted(by_day.items())
