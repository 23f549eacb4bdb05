"""Questions about the office's accounts that forms and pages of every feature ask."""

from __future__ import annotations

from sqlalchemy import select

from ..core.access import READERS
from ..core.db import db
from .models import User


def officer_choices(blank: bool = True):
    users = db.session.scalars(
        select(User).where(User.active.is_(True), User.role.in_(READERS)).order_by(User.display_name)
    )
    return ([("", "—")] if blank else []) + [(str(u.id), u.display_name) for u in users]
