"""The leaders whose schedules the office keeps, and which leaders a signed-in leader account speaks for."""

from __future__ import annotations

from flask import g, has_request_context
from sqlalchemy import select

from ..core.db import db
from .models import Leader


def active_leaders() -> list[Leader]:
    return list(
        db.session.scalars(select(Leader).where(Leader.active.is_(True)).order_by(Leader.position, Leader.id))
    )


def leader_ids_of(user) -> list[int]:
    """The leaders a user account belongs to (a leader's own account or their aide's). Asked once per request
    and user: the access rules ask it of every engagement a page shows."""
    if user is None or not user.is_authenticated:
        return []
    if not has_request_context():
        return _leader_ids(user.id)
    known = g.setdefault("schedule_leader_ids", {})
    if user.id not in known:
        known[user.id] = _leader_ids(user.id)
    return known[user.id]


def _leader_ids(user_id: int) -> list[int]:
    return list(db.session.scalars(select(Leader.id).where(Leader.user_id == user_id).order_by(Leader.id)))
