"""What the dashboard shows, gathered with a fixed number of queries whatever the size of the office's records.

Leaders see their own leader's week (officers and admins every leader's), names without links to records
they may not open, and the numbers of overdue follow-ups and letters without their contents. Whose week a
reader sees and what it shows of each engagement are the schedule's own rules (the leader's `schedule` and
the engagement's `details`), the rules its pages, downloads and feeds follow.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape
from sqlalchemy import func, select, union_all

from ..core.access import can, in_roles, visible
from ..core.db import db
from ..core.i18n import babel_locale, current_locale_code
from ..core.templating import zone_city
from ..core.time import office_zone_name
from ..correspondence.models import Letter
from ..correspondence.queries import overdue_condition
from ..followups.models import FollowUp
from ..partners.anniversaries import anniversaries_between
from ..partners.models import Partner
from ..partners.standing import COUNTED, counted_total, standing_counts
from ..schedule.leaders import active_leaders
from ..schedule.queries import leader_engagement_rows
from . import activities
from . import rows as activity_rows
from .access import OFFICE_OVERVIEW
from .activities import CANCELLED, CARRIED_OUT, CONFIRMED
from .budget import year_budget, year_of
from .dormant import closest_dormant, last_exchanges
from .periods import month_start
from .stats import NO_CATEGORY, load_names, partner_info
from .worldmap import project

UPCOMING_DAYS = 60
ANNIVERSARY_DAYS = 90
CHART_MONTHS = 12
CHART_AHEAD = 2  # the chart ends two months ahead: confirmed visits to come count too
MAP_POINTS = 400
LIST_LIMIT = 8
RELATIONSHIP_RANK = {"sister": 0, "friendly": 1, "mou": 2, "cooperation": 3, "former": 4, "prospect": 5}


@dataclass
class WeekEntry:
    id: int
    time: str  # "09:00–10:30" in the place's time, or "" for all day
    place_time: str  # "Tokyo · Taipei 08:00" where the place keeps another zone
    title: str | None  # None: busy (confidential, and the reader is not on it)
    leaders: list[str]
    venue: str | None


@dataclass
class Week:
    start: date
    days: list[tuple[date, list[WeekEntry]]]
    linked_leaders: bool  # False: a leader account not linked to any leader
    everyone: bool  # every leader's week (the office's), not only the reader's own leaders'


def this_week(user, today: date) -> Week:
    """The leaders' engagements Monday to Sunday: a leader's own, every leader's for officers. Prepared as
    plain text here: a busy week has a hundred entries, too many for template macros on a phone's budget."""
    start = today - timedelta(days=today.weekday())
    leaders = active_leaders()
    everyone = in_roles(user, OFFICE_OVERVIEW)
    mine = [leader.id for leader in leaders if can(user, leader, "schedule")]
    rows, leaders_of = (
        leader_engagement_rows(mine, start, start + timedelta(days=6), user) if mine else ([], {})
    )
    locale = current_locale_code()
    names = {
        leader.id: f"{leader.title.get_for(locale)} {leader.names.get_for(locale)}".strip()
        for leader in leaders
    }
    office = office_zone_name()
    zone = ZoneInfo(office)
    by_day = defaultdict(list)
    for e in rows:  # the cancelled left out by the query
        details = bool(e.detailed)
        place = ZoneInfo(e.timezone)
        begin, finish = e.start_dt.astimezone(place), e.end_dt.astimezone(place)
        by_day[e.start_dt.astimezone(zone).date()].append(
            WeekEntry(
                id=e.id,
                time="" if e.all_day else f"{begin:%H:%M}–{finish:%H:%M}",
                place_time=(
                    f"{zone_city(e.timezone)} · {e.start_dt.astimezone(zone):%H:%M}"
                    if e.timezone != office and not e.all_day
                    else ""
                ),
                title=e.title.get_for(locale) if details else None,
                leaders=[names[i] for i in leaders_of.get(e.id, ()) if i in names] if details else [],
                venue=e.venue if details else None,
            )
        )
    days = [(start + timedelta(days=i), by_day.get(start + timedelta(days=i), [])) for i in range(7)]
    return Week(start, days, everyone or bool(mine), everyone)


def itemised_rows(today: date) -> dict[str, list]:
    """The itemised kinds' rows (visits, events, lectures, courses, programmes) from the chart's first month to
    the later of its last day and the end of the coming-up window: one query per kind that both the chart and
    the list of what comes up read (on PostgreSQL each statement is a round trip to the server)."""
    first, last = chart_months(today)[0], max(chart_end(today), today + timedelta(days=UPCOMING_DAYS))
    return {
        kind_.key: activity_rows.fetch_rows(kind_, first, last, with_measures=False)
        for kind_ in activities.itemised_kinds()
    }


def upcoming_activities(today: date, rows_by_kind: dict[str, list]) -> tuple[list, dict]:
    """Visits, events, lectures, courses and internship programmes from today on."""
    found = []
    until = today + timedelta(days=UPCOMING_DAYS)
    for kind_ in activities.itemised_kinds():
        kind_rows = [
            r for r in rows_by_kind[kind_.key] if today <= r.day <= until and r.state not in (CANCELLED,)
        ]
        activity_rows.attach_partners(kind_, kind_rows, today, until)
        found += kind_rows
    found.sort(key=lambda r: (r.day, r.kind, r.id))
    shown = found[:LIST_LIMIT]
    partners = partner_info(p for r in shown for p in r.partners)
    load_names(partners, partners)
    return shown, partners


@dataclass
class MonthChart:
    months: list[date]
    series: dict[str, list[int]]  # category -> count per month
    total: list[int]


def chart_months(today: date) -> list[date]:
    """The first days of the chart's 12 months, ending two months from now."""
    return [month_start(today, back) for back in range(CHART_MONTHS - 1 - CHART_AHEAD, -CHART_AHEAD - 1, -1)]


def chart_end(today: date) -> date:
    return month_start(today, -CHART_AHEAD - 1) - timedelta(days=1)


def activities_per_month(today: date, rows_by_kind: dict[str, list]) -> MonthChart:
    """Activities done, under way or confirmed per month, by category (an activity with two categories
    counts in both), over 12 months ending two months from now."""
    months = chart_months(today)
    first, last = months[0], chart_end(today)
    index = {(m.year, m.month): i for i, m in enumerate(months)}
    series: dict[str, list[int]] = defaultdict(lambda: [0] * CHART_MONTHS)
    total = [0] * CHART_MONTHS
    for kind_ in activities.itemised_kinds():
        for row in rows_by_kind[kind_.key]:
            if not first <= row.day <= last or row.state not in CARRIED_OUT | {CONFIRMED}:
                continue
            position = index[(row.day.year, row.day.month)]
            total[position] += 1
            for category in row.categories or [NO_CATEGORY]:
                series[category][position] += 1
    ordered = dict(sorted(series.items(), key=lambda kv: (kv[0] == NO_CATEGORY, -sum(kv[1]), kv[0])))
    return MonthChart(months, ordered, total)


@dataclass
class MapPoint:
    id: int
    x: float
    y: float
    relationship: str
    names: object
    country: str


def map_points() -> tuple[list[MapPoint], bool, Counter]:
    """Partners with coordinates, closest ties first (at most MAP_POINTS), whether there are more, and the
    count per relationship of those shown. One query that reads each kind of tie in index order and stops
    at the limit, whatever the number of partners."""
    branches = []
    for relationship in RELATIONSHIP_RANK:
        inner = (
            select(
                Partner.id,
                Partner.latitude,
                Partner.longitude,
                Partner.relationship,
                Partner.names,
                Partner.country,
            )
            .where(
                Partner.relationship == relationship,
                Partner.archived_at.is_(None),
                Partner.latitude.is_not(None),
                Partner.longitude.is_not(None),
            )
            .order_by(Partner.id)
            .limit(MAP_POINTS + 1)
            .subquery()
        )
        branches.append(select(inner))
    combined = union_all(*branches).subquery()
    rows = db.session.execute(select(combined).limit(MAP_POINTS + 1)).all()
    points, counts = [], Counter()
    for pid, lat, lon, relationship, names, country in rows[:MAP_POINTS]:
        x, y = project(lon, lat)
        points.append(MapPoint(pid, x, y, relationship, names, country))
        counts[relationship] += 1
    # prospects under the ties, so that a sister city is never hidden under a prospect's dot
    points.sort(key=lambda p: -RELATIONSHIP_RANK.get(p.relationship, 9))
    return points, len(rows) > MAP_POINTS, counts


def map_markup(points: list[MapPoint], relationship_labels: dict[str, str]) -> Markup:
    """The partners' circles for the map, built in one pass (hundreds of them: a template loop with filters
    would cost more than the rest of the page)."""
    locale = current_locale_code()
    countries = babel_locale(locale).territories
    parts = []
    for p in points:
        title = (
            f"{p.names.get_for(locale)} · {countries.get(p.country, p.country)} · "
            + relationship_labels.get(p.relationship, p.relationship)
        )
        radius = 3 if p.relationship == "prospect" else 5
        parts.append(
            f'<circle class="map-point rel-{escape(p.relationship)}" cx="{p.x}" cy="{p.y}" r="{radius}" '
            f'data-partner="{p.id}"><title>{escape(title)}</title></circle>'
        )
    return Markup("".join(parts))


def overdue_followups(today: date, limit: int = LIST_LIMIT) -> tuple[list[FollowUp], int]:
    stmt = (
        select(FollowUp, func.count().over())
        .where(FollowUp.status == "open", FollowUp.due_on < today)
        .order_by(FollowUp.due_on, FollowUp.id)
        .limit(limit)
    )
    found, total = [], 0
    for followup, count in db.session.execute(stmt):
        found.append(followup)
        total = count
    return found, total


def overdue_letters(user, today: date, limit: int = LIST_LIMIT) -> tuple[list, int]:
    """The overdue letters the user may open, oldest due first, and their number. Leaders open no letters:
    they get the office's number only."""
    live = (Letter.archived_at.is_(None), *overdue_condition(today))
    if not can(user, Letter, "view"):
        return [], db.session.scalar(select(func.count()).select_from(Letter).where(*live)) or 0
    stmt = (
        select(Letter.id, Letter.reference_no, Letter.subject, Letter.due_on, func.count().over())
        .where(*live, visible(user, Letter))
        .order_by(Letter.due_on, Letter.id)
        .limit(limit)
    )
    found, total = [], 0
    for letter_id, reference_no, subject, due_on, count in db.session.execute(stmt):
        found.append({"id": letter_id, "reference_no": reference_no, "subject": subject, "due_on": due_on})
        total = count
    return found, total


def budget_overview(today: date):
    plan_year = year_of(today)
    if plan_year is None:
        return None, None, {}, None
    tree, lines, total = year_budget(plan_year)
    return plan_year, tree, lines, total


def dashboard_data(user, today: date) -> dict:
    plan_year, tree, lines, total = budget_overview(today)
    itemised = itemised_rows(today)
    upcoming, upcoming_partners = upcoming_activities(today, itemised)
    points, more_points, _shown_counts = map_points()
    relationship_counts = standing_counts()  # the legend counts every partner, with coordinates or not
    dormant, more_dormant = closest_dormant(today, LIST_LIMIT)
    last_exchanges(dormant, today)
    followups, followup_total = overdue_followups(today)
    letters, letter_total = overdue_letters(user, today)
    anniversaries, anniversary_total = anniversaries_between(
        today, today + timedelta(days=ANNIVERSARY_DAYS), LIST_LIMIT
    )
    return {
        "week": this_week(user, today),
        "upcoming": upcoming,
        "upcoming_partners": upcoming_partners,
        "anniversaries": anniversaries,
        "anniversary_total": anniversary_total,
        "plan_year": plan_year,
        "budget_rows": [(item, depth) for item, depth in tree.ordered() if depth <= 1] if tree else [],
        "lines": lines,
        "total": total,
        "chart": activities_per_month(today, itemised),
        "points": points,
        "more_points": more_points,
        "relationship_counts": relationship_counts,
        "counted_total": counted_total(relationship_counts),
        "points_shown": len(points),
        "COUNTED": COUNTED,
        "dormant": dormant,
        "more_dormant": more_dormant,
        "followups": followups if in_roles(user, OFFICE_OVERVIEW) else [],
        "followups_listed": in_roles(user, OFFICE_OVERVIEW),
        "followup_total": followup_total,
        "letters": letters,
        "letter_total": letter_total,
    }
