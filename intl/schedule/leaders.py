"""The leaders whose schedules the office keeps, and which leaders a signed-in leader account speaks for."""

from __future__ import annotations

from sqlalchemy import select

from ..core.db import db
from .models import Leader


def active_leaders() -> list[Leader]:
    return list(
        db.session.scalars(select(Leader).where(Leader.active.is_(True)).order_by(Leader.position, Leader.id))
    )


def leader_ids_of(user) -> list[int]:
    """The leaders a user account belongs to (a leader's own account or their aide's)."""
    if not user.is_authenticated:
        return []
    return list(db.session.scalars(select(Leader.id).where(Leader.user_id == user.id)))
