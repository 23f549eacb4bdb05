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
from sqlalchemy import select

from ..core.db import db
from ..core.i18n import babel_locale, current_locale_code
from ..core.permissions import ADMIN, INTERN, LEADER, OFFICER, roles_required
from ..core.time import today_in
from ..delegations.models import Delegation
from . import leader_views  # as a module: it may be the one importing this (through the blueprint)
from .blueprint import bp
from .leaders import active_leaders, leader_ids_of
from .models import PERSONAL_KINDS, Engagement, Leader

READERS = (ADMIN, OFFICER, INTERN, LEADER)
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
    zone = ZoneInfo(leader_views.OFFICE_ZONE)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def _leader_args(known: set[int]) -> list[int]:
    values = request.args.getlist("leader")
    if any(not v.isdigit() or int(v) not in known for v in values):
        abort(400)
    return sorted({int(v) for v in values})


def _delegation_arg() -> Delegation | None:
    value = request.args.get("delegation", "")
    if not value:
        return None
    if not value.isdigit():
        abort(400)
    delegation = db.session.get(Delegation, int(value))
    if delegation is None or delegation.archived_at is not None:
        abort(400)
    if not delegation.can_view(current_user):
        abort(403)
    return delegation


def _details_rule(user):
    """engagement -> whether `user` sees its details: Engagement.shows_details, without a query per engagement.

    For a leader account, shows_details looks up the leaders the account speaks for on every call; here they are
    looked up once. For officers, the delegations of confidential engagements are loaded in one query first.
    """
    if user.role == "leader":
        mine = set(leader_ids_of(user))
        return lambda e: (
            (e.visibility != "confidential" and e.kind not in PERSONAL_KINDS)
            or bool(mine & set(e.participant_ids("leader")))
        )
    return lambda e: e.shows_details(user)


def _preload_delegations(engagements: list[Engagement]) -> list[Delegation]:
    """Put the delegations of confidential engagements in the session (shows_details reads them for officers)."""
    ids = {e.delegation_id for e in engagements if e.visibility == "confidential" and e.delegation_id}
    if not ids or current_user.role != "officer":
        return []
    return list(db.session.scalars(select(Delegation).where(Delegation.id.in_(ids))))


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
    office = ZoneInfo(leader_views.OFFICE_ZONE)
    return (
        engagement.start_dt.astimezone(office).isoformat(timespec="minutes"),
        engagement.end_dt.astimezone(office).isoformat(timespec="minutes"),
    )


@bp.route("/schedule/events.json")
@roles_required(*READERS)
def calendar_events():
    today = datetime.combine(today_in(leader_views.OFFICE_ZONE), time(), ZoneInfo(leader_views.OFFICE_ZONE))
    start = _moment_arg("start", today)  # without a range: the coming week
    end = _moment_arg("end", start + timedelta(days=7))
    if end <= start or end - start > timedelta(days=MAX_EVENT_RANGE_DAYS):
        abort(400)
    leaders = {leader.id: leader for leader in db.session.scalars(select(Leader))}
    chosen = _leader_args(set(leaders))
    delegation = _delegation_arg()
    last_day = (end - timedelta(microseconds=1)).date()
    engagements = leader_views.leader_engagements(
        chosen, start.date(), last_day, delegation.id if delegation else None
    )
    _held = _preload_delegations(engagements)  # held: the session's identity map keeps objects weakly
    shows_details = _details_rule(current_user)
    locale = current_locale_code()
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
        if shows_details(engagement):
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
    response = jsonify(events)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _page_date() -> date:
    value = request.args.get("date")
    if not value:
        return today_in(leader_views.OFFICE_ZONE)
    try:
        return date.fromisoformat(value)
    except ValueError:
        abort(400)


def _offered_delegations(day: date, view: str, chosen: Delegation | None) -> list[Delegation]:
    if view == "month":
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    else:
        first, last = day - timedelta(days=6), day + timedelta(days=6)
    stmt = (
        select(Delegation)
        .where(
            Delegation.archived_at.is_(None),
            Delegation.start_on <= last + DELEGATION_MARGIN,
            Delegation.end_on >= first - DELEGATION_MARGIN,
        )
        .order_by(Delegation.start_on, Delegation.id)
    )
    offered = [d for d in db.session.scalars(stmt) if d.can_view(current_user)]
    if chosen is not None and chosen not in offered:
        offered.insert(0, chosen)
    return offered


def _utc_offset(zone: str) -> str:
    """'+08:00': the calendar library takes an offset; Taipei keeps one all year."""
    offset = datetime.now(ZoneInfo(zone)).strftime("%z")
    return f"{offset[:3]}:{offset[3:]}"


@bp.route("/schedule")
@roles_required(*READERS)
def calendar():
    view = request.args.get("view", "week")
    if view not in VIEWS:
        abort(400)
    day = _page_date()
    chosen_leaders = leader_views._chosen_leaders()
    delegation = _delegation_arg()
    locale = current_locale_code()
    config = {
        "eventsUrl": url_for("schedule.calendar_events"),
        "agendaUrl": url_for("schedule.agenda"),
        "view": VIEWS[view],
        "views": VIEWS,
        "date": day.isoformat(),
        "locale": locale.replace("_", "-"),
        "timeZone": _utc_offset(leader_views.OFFICE_ZONE),
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
            "failed": _("The schedule could not be loaded. Try again."),
        },
    }
    return render_template(
        "schedule/calendar.html",
        config=config,
        view=view,
        day=day,
        leaders=active_leaders(),
        chosen_leaders=chosen_leaders,
        delegation=delegation,
        delegations=_offered_delegations(day, view, delegation),
        can_filter_delegations=Delegation.can_view(Delegation(), current_user),
        locale=locale,
        office_zone=leader_views.OFFICE_ZONE,
    )
