"""How an engagement's time and people are shown, on every page that lists engagements (the agenda, a
programme's page, an event's page): the one place that writes them. The templates' `when` and `participants`
macros (macros/schedule.html) call these; the agenda, with 170 engagements in a busy month, calls them
directly (a macro per engagement cost more than the rest of its page)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from markupsafe import Markup, escape

from ..core.templating import zone_city
from ..core.time import office_zone_name


def engagement_time(engagement, office_zone: str | None = None) -> Markup:
    """The time in the place's zone, and the office's time where the place keeps another zone; "All day"."""
    if engagement.all_day:
        return Markup(f'<span class="badge text-bg-light border">{escape(_("All day"))}</span>')
    office = office_zone or office_zone_name()
    place = ZoneInfo(engagement.timezone)
    # f-strings and escape(): Markup.format escapes through string.Formatter, a third of the agenda's loop
    text = (
        f'<span class="text-nowrap">{engagement.start_dt.astimezone(place):%H:%M}–'
        f"{engagement.end_dt.astimezone(place):%H:%M}</span>"
    )
    if engagement.timezone != office:
        text += (
            ' <span class="small text-body-secondary text-nowrap" data-office-time>'
            f"{escape(zone_city(engagement.timezone))} · {escape(zone_city(office))} "
            f"{engagement.start_dt.astimezone(ZoneInfo(office)):%H:%M}</span>"
        )
    return Markup(text)


def participant_badges(engagement, names: dict, kinds=None) -> Markup:
    """A badge per participant named in `names` ((kind, id) -> name), leaders first in colour; `kinds`: only
    these kinds of participant (busy time names only the leaders who are busy)."""
    badges = []
    for participant in engagement.participants:
        if kinds is not None and participant.kind not in kinds:
            continue
        label = names.get((participant.kind, participant.ref_id))
        if label:
            style = "text-bg-primary" if participant.kind == "leader" else "text-bg-light border"
            badges.append(f'<span class="badge {style} me-1">{escape(label)}</span>')
    return Markup("".join(badges))
