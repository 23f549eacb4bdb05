"""The lecture lists: the lectures to come (or those counting towards a plan item), the series, and the lecture
an event holds registrations for."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import select

from ..core.db import db
from ..core.pagination import SortTerm
from ..core.plan_links import item_filter
from ..core.time import office_today, office_zone
from .models import Lecture, LectureSeries

UPCOMING_LIMIT = 20
PLAN_ITEM_LIMIT = 500


def coming_lectures(plan_item: int | None = None) -> list[Lecture]:
    """The lectures of live series from the office's today on (at most 20), or, for a plan item, the lectures
    counting towards it whenever they are (a year has a few dozen)."""
    stmt = (
        select(Lecture)
        .join(LectureSeries, LectureSeries.id == Lecture.series_id)
        .where(LectureSeries.archived_at.is_(None))
    )
    if plan_item:
        stmt = stmt.where(item_filter(Lecture.plan_item_id, plan_item)).limit(PLAN_ITEM_LIMIT)
    else:
        today = datetime.combine(office_today(), time(), office_zone())
        stmt = stmt.where(Lecture.end_dt >= today).limit(UPCOMING_LIMIT)
    return list(db.session.scalars(stmt.order_by(Lecture.start_dt, Lecture.id)))


def series_list():
    """(SELECT of the live series, sort terms): the newest first."""
    return select(LectureSeries).where(LectureSeries.archived_at.is_(None)), [
        SortTerm(LectureSeries.id, True)
    ]


def lecture_holding(event_id: int) -> Lecture | None:
    """The lecture whose registrations this event holds, if any."""
    return db.session.scalars(select(Lecture).where(Lecture.event_id == event_id).limit(1)).first()


def lecture_ids_holding(event_id: int):
    """SELECT of the ids of the lectures whose registrations this event holds (for the event's programme)."""
    return select(Lecture.id).where(Lecture.event_id == event_id)
