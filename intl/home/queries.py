"""What the home page reads of its own: the partners counted by relationship."""

from __future__ import annotations

from sqlalchemy import func, select

from ..core.db import db
from ..partners.models import Partner


def partners_by_relationship() -> dict[str, int]:
    return dict(
        db.session.execute(
            select(Partner.relationship, func.count())
            .where(Partner.archived_at.is_(None))
            .group_by(Partner.relationship)
        ).all()
    )
