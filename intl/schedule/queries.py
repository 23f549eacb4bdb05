"""What the schedule's pages, the printed briefings and the dashboard read: engagements of leaders over a
range of office days, and the names of participants."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask_login import current_user
from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from ..core.db import db
from ..core.i18n import current_locale_code
from ..core.time import office_zone
from .calendar_texts import participant_names
from .models import Engagement, EngagementParticipant

MAX_LENGTH = timedelta(days=32)  # the longest an engagement may last (the form's rule)


def participant_labels(engagements) -> dict:
    """(kind, id) -> the participant's name in the viewer's language, for all these engagements at once."""
    locale = current_locale_code()
    return {
        key: value(locale) if callable(value) else value
        for key, value in participant_names(engagements).items()
    }


def leader_engagements(leader_ids: list[int], start: date, end: date, delegation_id: int | None = None):
    """Engagements in [start, end] (office days) of these leaders, or of everyone when none are given."""
    zone = office_zone()
    begin = datetime.combine(start, time(), zone)
    finish = datetime.combine(end + timedelta(days=1), time(), zone)
    # An engagement lasts at most a month (the form's rule): bounding the start keeps the query to the range
    # instead of all history before it.
    stmt = (
        select(Engagement)
        .where(
            Engagement.archived_at.is_(None),
            Engagement.start_dt < finish,
            Engagement.end_dt > begin,
            Engagement.start_dt > begin - MAX_LENGTH,
        )
        .options(selectinload(Engagement.delegation))
    )
    if leader_ids:
        # A bounded range: test each engagement of those days rather than collect all of a leader's history.
        stmt = stmt.where(
            exists().where(
                EngagementParticipant.engagement_id == Engagement.id,
                EngagementParticipant.kind == "leader",
                EngagementParticipant.ref_id.in_(leader_ids),
            )
        )
    if delegation_id:
        stmt = stmt.where(Engagement.delegation_id == delegation_id)
    return [
        e
        for e in db.session.scalars(stmt.order_by(Engagement.start_dt, Engagement.id))
        if e.can_view(current_user)
    ]
