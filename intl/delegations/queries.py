"""What the delegation pages, the itinerary downloads and the printed itinerary read."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ..core import search
from ..core.access import visible
from ..core.db import db
from ..core.plan_links import item_filter
from ..schedule.models import Engagement
from .models import Delegation


def listing(when: str, direction: str, status: str, q: str, plan_item: int | None, today: date):
    """SELECT of delegations for the list page (`when`: upcoming, past or all)."""
    stmt = select(Delegation).where(Delegation.archived_at.is_(None))
    if when == "upcoming":
        stmt = stmt.where(Delegation.end_on >= today)
    elif when == "past":
        stmt = stmt.where(Delegation.end_on < today)
    if direction:
        stmt = stmt.where(Delegation.direction == direction)
    if status:
        stmt = stmt.where(Delegation.status == status)
    if plan_item:
        stmt = stmt.where(item_filter(Delegation.plan_item_id, plan_item))
    if q:
        stmt = stmt.where(search.id_filter(Delegation.id, "delegation", q).condition)
    return stmt


def programme_days(delegation: Delegation, user) -> list[tuple]:
    """The programme day by day in the place's own dates, with the engagements `user` may see:
    [(date, [engagement, ...]), ...]."""
    engagements = db.session.scalars(
        select(Engagement)
        .where(
            Engagement.delegation_id == delegation.id,
            Engagement.archived_at.is_(None),
            visible(user, Engagement),
        )
        .order_by(Engagement.start_dt, Engagement.id)
    ).all()
    by_day = defaultdict(list)
    for engagement in engagements:
        by_day[engagement.start_dt.astimezone(ZoneInfo(engagement.timezone)).date()].append(engagement)
    days = []
    day = delegation.start_on
    while day <= delegation.end_on:
        days.append((day, by_day.pop(day, [])))
        day += timedelta(days=1)
    days += sorted(by_day.items())  # engagements outside the visit's dates still show
    return days
