"""The leaders' schedule as a week and month calendar in the browser, and the events it fetches as JSON.

The page is rendered on the server (filters, labels, configuration); static/js/calendar.js mounts the vendored
EventCalendar on it and asks /schedule/events.json for each range it shows. Times are in the office zone.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import abort, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.access import EVERYONE, allow, can
from ...core.i18n import babel_locale, current_locale_code, uses_roc_dates
from ...core.time import office_today, office_zone, office_zone_name
from ...workdays.calendar import office_calendar
from ..kept import clash_summary, kept_for
from ..leaders import active_leaders
from ..models import Engagement
from ..queries import all_leaders, leader_engagements, live_programme, offered_programmes
from .leaders import chosen_leaders

MAX_EVENT_RANGE_DAYS = 100
VIEWS = {"week": "timeGridWeek", "month": "dayGridMonth"}
# Delegations offered in the filter: those overlapping the shown period, with this margin either side.
DELEGATION_MARGIN = timedelta(days=31)


def _moment_arg(name: str, default: datetime) -> datetime:
    """An ISO date or datetime from the query string, in the office zone (a naive value is office time)."""
    value = request.args.get(name, "")
    if not value:
        return default
    if len(value) > 40:
        abort(400)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        abort(400)
    zone = office_zone()
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def _leader_args(known: set[int]) -> list[int]:
    values = request.args.getlist("leader")
    if any(not v.isdigit() or int(v) not in known for v in values):
        abort(400)
    return sorted({int(v) for v in values})


def _delegation_arg():
    """The programme the calendar is filtered by: 400 when there is no such live one, 403 when the reader may
    not see programmes."""
    value = request.args.get("delegation", "")
    if not value:
        return None
    if not value.isdigit():
        abort(400)
    delegation = live_programme(int(value))
    if delegation is None:
        abort(400)
    if not can(current_user, delegation, "view"):
        abort(403)
    return delegation


def _text_colour(background: str) -> str:
    """Black or white, whichever reads better on this #rrggbb colour."""
    try:
        red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    except (ValueError, TypeError):
        return "#ffffff"
    return "#000000" if (0.299 * red + 0.587 * green + 0.114 * blue) > 150 else "#ffffff"


def _times(engagement: Engagement) -> tuple[str, str]:
    if engagement.all_day:  # whole days in the place's own zone; the end day is exclusive
        zone = ZoneInfo(engagement.timezone)
        return (
            engagement.start_dt.astimezone(zone).date().isoformat(),
            engagement.end_dt.astimezone(zone).date().isoformat(),
        )
    office = office_zone()
    return (
        engagement.start_dt.astimezone(office).isoformat(timespec="minutes"),
        engagement.end_dt.astimezone(office).isoformat(timespec="minutes"),
    )


@allow(EVERYONE)
def calendar_events():
    today = datetime.combine(office_today(), time(), office_zone())
    start = _moment_arg("start", today)  # without a range: the coming week
    end = _moment_arg("end", start + timedelta(days=7))
    if end <= start or end - start > timedelta(days=MAX_EVENT_RANGE_DAYS):
        abort(400)
    leaders = {leader.id: leader for leader in all_leaders()}
    chosen = _leader_args(set(leaders))
    delegation = _delegation_arg()
    last_day = (end - timedelta(microseconds=1)).date()
    engagements = leader_engagements(chosen, start.date(), last_day, delegation.id if delegation else None)
    locale = current_locale_code()
    kept = kept_for([e.id for e in engagements])
    order = {leader_id: (leader.position, leader_id) for leader_id, leader in leaders.items()}
    events = []
    for engagement in engagements:
        taking_part = sorted((i for i in engagement.participant_ids("leader") if i in leaders), key=order.get)
        preferred = [i for i in taking_part if i in chosen] or taking_part
        colour = leaders[preferred[0]].color if preferred else "#6c757d"
        begin, finish = _times(engagement)
        classes = [f"intl-status-{engagement.status}"]
        event = {
            "id": engagement.id,
            "start": begin,
            "end": finish,
            "allDay": engagement.all_day,
            "backgroundColor": colour,
            "textColor": _text_colour(colour),
            "classNames": classes,
            "extendedProps": {"cancelled": engagement.is_cancelled},
        }
        if kept.get(engagement.id):
            classes.append("intl-clash")
            event["extendedProps"]["clash"] = clash_summary(kept[engagement.id])
        if can(current_user, engagement, "details"):
            event["title"] = engagement.title.get_for(locale)
            event["extendedProps"]["url"] = url_for("schedule.engagement", engagement_id=engagement.id)
            event["extendedProps"]["leaders"] = ", ".join(
                f"{leaders[i].title.get_for(locale)} {leaders[i].names.get_for(locale)}".strip()
                for i in taking_part
            )
        else:
            event["title"] = _("Busy")
            classes.append("intl-busy")
        events.append(event)
    events += day_shading(start.date(), last_day, locale)
    response = jsonify(events)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def day_shading(first: date, last: date, locale: str) -> list[dict]:
    """The office's days off and make-up workdays as background events: holidays, closures, typhoon days."""
    shaded = []
    for day, info in office_calendar(first, last, locale).items():
        if info.kind in ("weekend", "observance"):
            continue
        shaded.append(
            {
                "id": f"day-{day.isoformat()}",
                "start": day.isoformat(),
                "end": (day + timedelta(days=1)).isoformat(),
                "allDay": True,
                "display": "background",
                "title": " · ".join(info.names) or (_("Make-up workday") if info.kind == "makeup" else ""),
                "classNames": [f"intl-day-{info.kind}"],
                "extendedProps": {"day": info.kind},
            }
        )
    return shaded


def _page_date() -> date:
    value = request.args.get("date")
    if not value:
        return office_today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        abort(400)


def _offered_delegations(day: date, view: str, chosen) -> list:
    if view == "month":
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    else:
        first, last = day - timedelta(days=6), day + timedelta(days=6)
    offered = offered_programmes(first - DELEGATION_MARGIN, last + DELEGATION_MARGIN, current_user)
    if chosen is not None and chosen not in offered:
        offered.insert(0, chosen)
    return offered


def _utc_offset(zone: str) -> str:
    """'+08:00': the calendar library takes an offset; Taipei keeps one all year."""
    offset = datetime.now(ZoneInfo(zone)).strftime("%z")
    return f"{offset[:3]}:{offset[3:]}"


@allow(EVERYONE)
def calendar():
    view = request.args.get("view", "week")
    if view not in VIEWS:
        abort(400)
    day = _page_date()
    chosen = chosen_leaders()
    delegation = _delegation_arg()
    locale = current_locale_code()
    may_filter = can(current_user, "delegation", "view")
    config = {
        "eventsUrl": url_for("schedule.calendar_events"),
        "agendaUrl": url_for("schedule.agenda"),
        "view": VIEWS[view],
        "views": VIEWS,
        "date": day.isoformat(),
        # The ROC reader's headers in the ROC calendar: the browser's Intl formats it ("民國115年12月").
        "locale": locale.replace("_", "-") + ("-u-ca-roc" if uses_roc_dates() else ""),
        "timeZone": _utc_offset(office_zone_name()),
        "firstDay": (babel_locale(locale).first_week_day + 1)
        % 7,  # CLDR counts from Monday, the library from Sunday
        "text": {
            "today": _("Today"),
            "week": _("Week"),
            "month": _("Month"),
            "previousWeek": _("Previous week"),
            "nextWeek": _("Next week"),
            "previousMonth": _("Previous month"),
            "nextMonth": _("Next month"),
            "allDay": _("All day"),
            "cancelled": _("Cancelled"),
            "clash": _("Clash"),
            "failed": _("The schedule could not be loaded. Try again."),
        },
    }
    return render_template(
        "schedule/calendar.html",
        config=config,
        view=view,
        day=day,
        leaders=active_leaders(),
        chosen_leaders=chosen,
        delegation=delegation,
        delegations=_offered_delegations(day, view, delegation) if may_filter else [],
        can_filter_delegations=may_filter,
        locale=locale,
    )
